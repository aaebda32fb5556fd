package org.jisr.gateway.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jisr.gateway.ActionException;
import org.jisr.gateway.audit.AuditLog;
import org.jisr.gateway.escalation.Journalists;
import org.jisr.gateway.ops.Mask;
import org.jisr.gateway.security.StaffAccount;
import org.jisr.gateway.security.StaffAccounts;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** ADMIN pages: staff accounts, verified journalists, the audit log (view and export). */
@Controller
class AdminConsoleController {

    private final StaffAccounts accounts;
    private final Journalists journalists;
    private final AuditLog audit;
    private final Clock clock;

    AdminConsoleController(StaffAccounts accounts, Journalists journalists, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.journalists = journalists;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping({"/console/admin", "/console/admin/staff"})
    String staff(Model model) {
        model.addAttribute("accounts", accounts.all());
        model.addAttribute("roles", StaffAccount.Role.values());
        return "console/admin-staff";
    }

    @PostMapping("/console/admin/staff")
    String saveStaff(@RequestParam String username, @RequestParam(required = false) String password,
            @RequestParam(name = "role") String role, @RequestParam(name = "enabled", defaultValue = "false") boolean enabled,
            Authentication auth, RedirectAttributes flash) {
        try {
            String u = username.strip();
            StaffAccount.Role r = StaffAccount.Role.valueOf(role);
            if (u.equals(auth.getName()) && (!enabled || r != StaffAccount.Role.ADMIN)) {
                throw new IllegalArgumentException("username: you cannot disable yourself or drop your own ADMIN role");
            }
            boolean existed = accounts.find(u).isPresent();
            Set<StaffAccount.Role> roles = EnumSet.of(r);
            StaffAccount a = accounts.upsert(u, password == null || password.isEmpty() ? null : password, roles, enabled);
            audit.record(auth.getName(), existed ? AuditLog.Action.ACCOUNT_UPDATE : AuditLog.Action.ACCOUNT_CREATE, u,
                    "roles " + a.roles() + (a.enabled() ? "" : ", disabled") + (password != null && !password.isEmpty() ? ", password set" : ""));
            flash.addFlashAttribute("notice", "saved");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/admin/staff";
    }

    @GetMapping("/console/admin/journalists")
    String journalists(Model model) {
        model.addAttribute("journalists", journalists.all());
        return "console/admin-journalists";
    }

    @PostMapping("/console/admin/journalists")
    String addJournalist(@RequestParam String channel, @RequestParam String identity, @RequestParam String name,
            @RequestParam String outlet, Authentication auth, RedirectAttributes flash) {
        try {
            Journalists.Journalist j = journalists.register(channel.strip(), identity, name, outlet, auth.getName(), clock.instant());
            audit.record(auth.getName(), AuditLog.Action.JOURNALIST_ADD, j.channel() + ":" + Mask.address(j.identity()), j.outlet());
            flash.addFlashAttribute("notice", "saved");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/admin/journalists";
    }

    @PostMapping("/console/admin/journalists/remove")
    String removeJournalist(@RequestParam String channel, @RequestParam String identity, Authentication auth, RedirectAttributes flash) {
        try {
            if (journalists.remove(channel, identity)) {
                audit.record(auth.getName(), AuditLog.Action.JOURNALIST_REMOVE, channel + ":" + Mask.address(identity), null);
                flash.addFlashAttribute("notice", "removed");
            }
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/admin/journalists";
    }

    @GetMapping("/console/admin/audit")
    String audit(Model model) {
        List<AuditLog.Entry> entries = audit.newest(300);
        model.addAttribute("entries", entries);
        return "console/admin-audit";
    }

    @GetMapping("/console/admin/audit/export")
    void export(@RequestParam(name = "format", defaultValue = "csv") String format, Authentication auth, HttpServletResponse res)
            throws IOException {
        switch (format) {
            case "csv" -> {
                res.setContentType("text/csv;charset=UTF-8");
                res.setHeader("Content-Disposition", "attachment; filename=\"jisr-audit.csv\"");
            }
            case "jsonl" -> {
                res.setContentType("application/x-ndjson;charset=UTF-8");
                res.setHeader("Content-Disposition", "attachment; filename=\"jisr-audit.jsonl\"");
            }
            default -> throw new ActionException(400, "format: csv or jsonl");
        }
        audit.record(auth.getName(), AuditLog.Action.AUDIT_EXPORT, "audit", format);
        if (format.equals("csv")) {
            audit.exportCsv(res.getOutputStream());
        } else {
            audit.exportJsonl(res.getOutputStream());
        }
    }
}
