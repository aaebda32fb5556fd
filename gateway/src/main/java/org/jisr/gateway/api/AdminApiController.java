package org.jisr.gateway.api;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jisr.gateway.audit.AuditLog;
import org.jisr.gateway.escalation.Journalists;
import org.jisr.gateway.ops.Mask;
import org.jisr.gateway.security.StaffAccount;
import org.jisr.gateway.security.StaffAccounts;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** ADMIN: staff accounts, verified journalists, and the audit log (view and export). */
@RestController
public class AdminApiController {

    private final StaffAccounts accounts;
    private final Journalists journalists;
    private final AuditLog audit;
    private final Clock clock;

    public AdminApiController(StaffAccounts accounts, Journalists journalists, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.journalists = journalists;
        this.audit = audit;
        this.clock = clock;
    }

    static Map<String, Object> account(StaffAccount a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("roles", a.roles().stream().sorted().map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
        m.put("enabled", a.enabled());
        return m; // never the hash
    }

    @GetMapping("/api/v1/staff")
    public List<Map<String, Object>> staff() {
        return accounts.all().stream().map(AdminApiController::account).toList();
    }

    /** Request of PUT /api/v1/staff/{username}: every field optional on an update; password required to create. */
    public record StaffRequest(String password, List<String> roles, Boolean enabled) {
    }

    static Set<StaffAccount.Role> roles(List<String> names) {
        if (names == null) {
            return null;
        }
        Set<StaffAccount.Role> out = EnumSet.noneOf(StaffAccount.Role.class);
        for (String n : names) {
            try {
                out.add(StaffAccount.Role.valueOf(n == null ? "" : n.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "roles: '" + n + "' is not one of liaison, editor, admin");
            }
        }
        return out;
    }

    @PutMapping(path = "/api/v1/staff/{username}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> putStaff(@PathVariable String username, @RequestBody StaffRequest req, Authentication auth) {
        if (req == null) {
            throw new ApiException(400, "body: expected {\"password\", \"roles\", \"enabled\"}");
        }
        boolean existed = accounts.find(username).isPresent();
        if (username.equals(auth.getName()) && (Boolean.FALSE.equals(req.enabled())
                || req.roles() != null && !roles(req.roles()).contains(StaffAccount.Role.ADMIN))) {
            throw new ApiException(400, "username: you cannot disable yourself or drop your own ADMIN role");
        }
        StaffAccount a;
        try {
            a = accounts.upsert(username, req.password(), roles(req.roles()), req.enabled());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        audit.record(auth.getName(), existed ? AuditLog.Action.ACCOUNT_UPDATE : AuditLog.Action.ACCOUNT_CREATE, username,
                "roles " + a.roles() + (a.enabled() ? "" : ", disabled") + (req.password() != null ? ", password set" : ""));
        return ResponseEntity.status(existed ? 200 : 201).body(account(a));
    }

    /** Disables an account (accounts are never deleted, so the audit log keeps meaning). */
    @DeleteMapping("/api/v1/staff/{username}")
    public ResponseEntity<Void> disableStaff(@PathVariable String username, Authentication auth) {
        if (accounts.find(username).isEmpty()) {
            throw new ApiException(404, "no staff account '" + username + "'");
        }
        if (username.equals(auth.getName())) {
            throw new ApiException(400, "username: you cannot disable yourself");
        }
        accounts.upsert(username, null, null, false);
        audit.record(auth.getName(), AuditLog.Action.ACCOUNT_DISABLE, username, null);
        return ResponseEntity.noContent().build();
    }

    static Map<String, Object> journalist(Journalists.Journalist j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", j.channel());
        m.put("identity", j.identity());
        m.put("name", j.name());
        m.put("outlet", j.outlet());
        m.put("registered_at", j.registeredAt().toString());
        m.put("registered_by", j.registeredBy());
        return m;
    }

    @GetMapping("/api/v1/journalists")
    public List<Map<String, Object>> journalists() {
        return journalists.all().stream().map(AdminApiController::journalist).toList();
    }

    /** Request of PUT /api/v1/journalists/{channel}/{identity}. */
    public record JournalistRequest(String name, String outlet) {
    }

    /**
     * Registers a verified journalist by channel identity: {@code channel} "phone" with a phone number (matches
     * SMS and WhatsApp), or a channel name with the address on it (e.g. "telegram" and the user id).
     */
    @PutMapping(path = "/api/v1/journalists/{channel}/{identity}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> putJournalist(@PathVariable String channel, @PathVariable String identity,
            @RequestBody JournalistRequest req, Authentication auth) {
        if (req == null) {
            throw new ApiException(400, "body: expected {\"name\", \"outlet\"}");
        }
        try {
            Journalists.Journalist j = journalists.register(channel, identity, req.name(), req.outlet(), auth.getName(), clock.instant());
            audit.record(auth.getName(), AuditLog.Action.JOURNALIST_ADD, channel + ":" + Mask.address(j.identity()), j.outlet());
            return journalist(j);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    @DeleteMapping("/api/v1/journalists/{channel}/{identity}")
    public ResponseEntity<Void> deleteJournalist(@PathVariable String channel, @PathVariable String identity, Authentication auth) {
        try {
            if (!journalists.remove(channel, identity)) {
                throw new ApiException(404, "no journalist registered as " + channel + ":" + identity);
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
        audit.record(auth.getName(), AuditLog.Action.JOURNALIST_REMOVE, channel + ":" + Mask.address(identity), null);
        return ResponseEntity.noContent().build();
    }

    /** The newest audit entries, newest first. */
    @GetMapping("/api/v1/audit")
    public List<AuditLog.Entry> audit(@RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new ApiException(400, "limit: must be between 1 and 10000");
        }
        return audit.newest(limit);
    }

    /** The whole audit log as a file, oldest first: {@code format=jsonl} (default) or {@code format=csv}. */
    @GetMapping("/api/v1/audit/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(name = "format", defaultValue = "jsonl") String format,
            Authentication auth) {
        return export(format, auth.getName());
    }

    ResponseEntity<StreamingResponseBody> export(String format, String actor) {
        return switch (format) {
            case "jsonl" -> {
                audit.record(actor, AuditLog.Action.AUDIT_EXPORT, "audit", "jsonl");
                yield ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson;charset=UTF-8"))
                        .header("Content-Disposition", "attachment; filename=\"jisr-audit.jsonl\"").body(audit::exportJsonl);
            }
            case "csv" -> {
                audit.record(actor, AuditLog.Action.AUDIT_EXPORT, "audit", "csv");
                yield ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                        .header("Content-Disposition", "attachment; filename=\"jisr-audit.csv\"").body(audit::exportCsv);
            }
            default -> throw new ApiException(400, "format: one of jsonl, csv");
        };
    }
}
