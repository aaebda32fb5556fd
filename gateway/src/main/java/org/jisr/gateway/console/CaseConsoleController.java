package org.jisr.gateway.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.OutboundMessage;
import org.jisr.gateway.ActionException;
import org.jisr.gateway.conversation.History;
import org.jisr.gateway.conversation.People;
import org.jisr.gateway.conversation.Person;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.escalation.CaseDesk;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.kb.KbEditor;
import org.jisr.gateway.outbound.ChannelRegistry;
import org.jisr.gateway.security.StaffAccount;
import org.jisr.gateway.security.StaffAccounts;
import org.jisr.kb.Article;
import org.jisr.kb.Lang;
import org.jisr.kb.Source;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case queue and the case view. Actions are plain form posts (working without scripts) that redirect back
 * to the case; htmx turns them into in-page updates, and polls the queue and the conversation.
 */
@Controller
class CaseConsoleController {

    private final CaseDesk desk;
    private final History history;
    private final People people;
    private final ChannelRegistry channels;
    private final KbEditor editor;
    private final StaffAccounts accounts;
    private final Clock clock;

    CaseConsoleController(CaseDesk desk, History history, People people, ChannelRegistry channels,
            KbEditor editor, StaffAccounts accounts, Clock clock) {
        this.desk = desk;
        this.history = history;
        this.people = people;
        this.channels = channels;
        this.editor = editor;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The queue's filters (all optional). */
    record Filters(String status, String channel, String lang, boolean journalist) {

        EscalationService.Filter filter() {
            return EscalationService.Filter.of(status).orElse(EscalationService.Filter.OPEN);
        }
    }

    private List<Case> rows(Filters f) {
        return desk.cases().list(f.filter(), 1000).stream()
                .filter(c -> f.channel() == null || f.channel().isBlank() || f.channel().equals(c.channel()))
                .filter(c -> f.lang() == null || f.lang().isBlank() || f.lang().equals(c.lang()))
                .filter(c -> !f.journalist() || c.journalist() != null)
                .limit(300).toList();
    }

    private void queue(Model model, Filters f, Authentication auth) {
        model.addAttribute("cases", rows(f));
        model.addAttribute("filters", new Filters(f.filter().name().toLowerCase(java.util.Locale.ROOT), f.channel(), f.lang(), f.journalist()));
        model.addAttribute("now", clock.instant());
        model.addAttribute("held", desk.cases().heldBy(auth.getName()).size());
        model.addAttribute("cap", desk.cases().settings().claimCap());
    }

    @GetMapping("/console/cases")
    String cases(@RequestParam(name = "status", required = false) String status, @RequestParam(name = "channel", required = false) String channel,
            @RequestParam(name = "language", required = false) String lang, @RequestParam(name = "journalist", defaultValue = "false") boolean journalist,
            Authentication auth, Model model) {
        queue(model, new Filters(status, channel, lang, journalist), auth);
        TreeSet<String> names = new TreeSet<>();
        channels.all().forEach(a -> names.add(a.channel()));
        model.addAttribute("channels", names);
        return "console/cases";
    }

    /** The queue's rows alone, for htmx (filters changed, or the periodic refresh). */
    @GetMapping("/console/cases/rows")
    String rows(@RequestParam(name = "status", required = false) String status, @RequestParam(name = "channel", required = false) String channel,
            @RequestParam(name = "language", required = false) String lang, @RequestParam(name = "journalist", defaultValue = "false") boolean journalist,
            Authentication auth, Model model) {
        queue(model, new Filters(status, channel, lang, journalist), auth);
        return "console/cases :: rows";
    }

    /** One line of the conversation as the console shows it. */
    record Line(Instant at, String from, String text) {
    }

    private List<Line> conversation(Case c) {
        List<Line> lines = new ArrayList<>();
        for (History.Turn t : history.recent(c.personKey(), 60)) {
            lines.add(new Line(t.at(), t.from(), t.text()));
        }
        Collections.reverse(lines);
        if (lines.isEmpty()) { // the history expired: the case's own record of it
            c.messages().forEach(m -> lines.add(new Line(m.at(), m.from(), m.text())));
        }
        return lines;
    }

    /** The reply-window situation of the case's channel, when it has one (WhatsApp: 24 h). */
    record Window(boolean open, Instant closesAt, String template) {
    }

    private Optional<Window> window(Case c) {
        Optional<ChannelAdapter> a = channels.find(c.channel());
        Optional<Duration> w = a.flatMap(x -> x.replyWindow(c.sender()));
        if (w.isEmpty()) {
            return Optional.empty();
        }
        Instant last = people.get(c.personKey()).map(Person::lastInboundAt).orElse(null);
        Instant closes = last == null ? null : last.plus(w.get());
        String template = a.get().windowTemplate().map(OutboundMessage.Template::name).orElse(null);
        return Optional.of(new Window(closes != null && closes.isAfter(clock.instant()), closes, template));
    }

    private void caseModel(Case c, Model model, Authentication auth) {
        model.addAttribute("c", c);
        model.addAttribute("lines", conversation(c));
        model.addAttribute("window", window(c).orElse(null));
        model.addAttribute("now", clock.instant());
        boolean mine = c.status() == Case.Status.CLAIMED && auth.getName().equals(c.claimedBy());
        model.addAttribute("mine", mine);
        model.addAttribute("canReply", mine || c.status() == Case.Status.OPEN || c.status() == Case.Status.ANSWERED);
        model.addAttribute("stopped", people.get(c.personKey()).map(Person::stopped).orElse(false));
        model.addAttribute("priorities", Case.Priority.values());
        if (StaffAccount.Role.EDITOR.heldBy(auth)) {
            model.addAttribute("staff", accounts.all().stream().filter(StaffAccount::enabled).map(StaffAccount::username).toList());
        }
    }

    @GetMapping("/console/cases/{id}")
    String view(@PathVariable String id, Authentication auth, Model model) {
        caseModel(desk.get(id), model, auth);
        return "console/case";
    }

    /** The conversation, status and deliveries alone, for htmx polling. */
    @GetMapping("/console/cases/{id}/live")
    String live(@PathVariable String id, Authentication auth, Model model) {
        caseModel(desk.get(id), model, auth);
        return "console/case :: live";
    }

    private String back(String id) {
        return "redirect:/console/cases/" + id;
    }

    /** Runs an action; a refusal (409 claimed by someone else, cap reached…) becomes a message on the case page. */
    private String act(String id, RedirectAttributes flash, String done, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", done);
        } catch (ActionException e) {
            if (e.status() == 404) {
                throw e;
            }
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return back(id);
    }

    @PostMapping("/console/cases/{id}/claim")
    String claim(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
        return act(id, flash, "claimed", () -> desk.claim(id, auth.getName()));
    }

    @PostMapping("/console/cases/{id}/release")
    String release(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
        return act(id, flash, "released", () -> desk.release(id, auth.getName(), StaffAccount.Role.EDITOR.heldBy(auth)));
    }

    @PostMapping("/console/cases/{id}/close")
    String close(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
        return act(id, flash, "closed", () -> desk.close(id, auth.getName(), StaffAccount.Role.EDITOR.heldBy(auth)));
    }

    @PostMapping("/console/cases/{id}/priority")
    String priority(@PathVariable String id, @RequestParam String priority, Authentication auth, RedirectAttributes flash) {
        Case.Priority p;
        try {
            p = Case.Priority.valueOf(priority);
        } catch (IllegalArgumentException e) {
            throw new ActionException(400, "priority: one of URGENT, HIGH, NORMAL, LOW");
        }
        return act(id, flash, "prioritised", () -> desk.prioritise(id, p, auth.getName()));
    }

    @PostMapping("/console/cases/{id}/reassign")
    String reassign(@PathVariable String id, @RequestParam String to, Authentication auth, RedirectAttributes flash) {
        if (!StaffAccount.Role.EDITOR.heldBy(auth)) {
            throw new ActionException(403, "only an editor or admin can reassign");
        }
        return act(id, flash, "reassigned", () -> desk.reassign(id, to, auth.getName()));
    }

    @PostMapping("/console/cases/{id}/reply")
    String reply(@PathVariable String id, @RequestParam String text, Authentication auth, RedirectAttributes flash) {
        String r = act(id, flash, "replied", () -> desk.reply(id, auth.getName(), text));
        if (flash.getFlashAttributes().containsKey("problem")) {
            flash.addFlashAttribute("draftText", text); // keep what was typed
        }
        return r;
    }

    /** Knowledge loop 1: the person's question as a new phrasing of a near-miss article. */
    @PostMapping("/console/cases/{id}/phrasing")
    String phrasing(@PathVariable String id, @RequestParam String article, Authentication auth, RedirectAttributes flash) {
        Case c = desk.get(id);
        if (c.nearMisses().stream().noneMatch(n -> n.articleId().equals(article))) {
            throw new ActionException(400, "article: not one of this case's near-misses");
        }
        boolean isEditor = StaffAccount.Role.EDITOR.heldBy(auth);
        return act(id, flash, isEditor ? "phrasing-published" : "phrasing-drafted", () -> editor.addPhrasing(article,
                Lang.fromCode(c.lang()).orElse(Lang.AR), c.question(), id, auth.getName(), isEditor));
    }

    /** Knowledge loop 2: a new article drafted from the reply (a form, prefilled). */
    @GetMapping("/console/cases/{id}/draft")
    String draftForm(@PathVariable String id, Authentication auth, Model model) {
        Case c = desk.get(id);
        caseModel(c, model, auth);
        LocalDate today = LocalDate.now(clock.withZone(desk.cases().settings().zone()));
        Lang lang = Lang.fromCode(c.lang()).orElse(Lang.AR);
        model.addAttribute("form", new DraftForm(editor.suggestId(today), c.lang(), c.question(),
                c.lastStaffReply() == null ? "" : c.lastStaffReply(),
                lang == Lang.AR ? desk.cases().settings().attributionAr() : desk.cases().settings().attributionEn(), ""));
        return "console/draft";
    }

    /** The new-article form. */
    record DraftForm(String id, String lang, String question, String answer, String sourceName, String sourceUrl) {
    }

    @PostMapping("/console/cases/{id}/draft")
    String draft(@PathVariable String id, DraftForm form, Authentication auth, Model model, RedirectAttributes flash) {
        Case c = desk.get(id);
        try {
            if (form.question() == null || form.question().isBlank() || form.answer() == null || form.answer().isBlank()) {
                throw new ActionException(400, "question and answer: both are needed");
            }
            LocalDate today = LocalDate.now(clock.withZone(desk.cases().settings().zone()));
            Lang lang = Lang.fromCode(form.lang()).orElse(Lang.AR);
            Source source = form.sourceName() == null || form.sourceName().isBlank() ? null
                    : new Source(form.sourceName().strip(), form.sourceUrl() == null || form.sourceUrl().isBlank() ? null : form.sourceUrl().strip());
            Article a = KbEditor.fromReply(form.id() == null ? "" : form.id().strip(), lang, form.question(), form.answer(), source, today);
            KbEditor.Draft d = editor.propose(KbEditor.Kind.NEW_ARTICLE, a, null, null, id, auth.getName(), null);
            flash.addFlashAttribute("notice", "drafted");
            flash.addFlashAttribute("draftId", d.id());
            return back(id);
        } catch (ActionException e) {
            caseModel(c, model, auth);
            model.addAttribute("form", form);
            model.addAttribute("problem", e.getMessage());
            return "console/draft";
        }
    }
}
