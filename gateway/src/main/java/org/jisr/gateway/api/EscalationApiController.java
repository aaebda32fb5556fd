package org.jisr.gateway.api;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.escalation.CaseDesk;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.security.StaffAccount;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Escalation cases for staff tools: list, read, claim, release, reassign, reply, close, priority. */
@RestController
public class EscalationApiController {

    private final CaseDesk desk;
    private final Clock clock;

    public EscalationApiController(CaseDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
    }

    /**
     * Cases of one status: {@code open} (waiting for a staff answer: unclaimed and claimed; most urgent first,
     * oldest first within a priority), {@code unclaimed}, {@code claimed}, {@code answered}, {@code closed}
     * (newest first); optionally only one channel, one language, or verified journalists.
     */
    @GetMapping("/api/v1/escalations")
    public List<Map<String, Object>> list(@RequestParam(name = "status", defaultValue = "open") String status,
            @RequestParam(name = "channel", required = false) String channel,
            @RequestParam(name = "lang", required = false) String lang,
            @RequestParam(name = "journalist", required = false) Boolean journalist,
            @RequestParam(name = "limit", defaultValue = "200") int limit) {
        EscalationService.Filter f = EscalationService.Filter.of(status).orElseThrow(() ->
                new ApiException(400, "status: one of open, unclaimed, claimed, answered, closed"));
        if (limit < 1 || limit > 1000) {
            throw new ApiException(400, "limit: must be between 1 and 1000");
        }
        if (lang != null && !lang.equals("ar") && !lang.equals("en")) {
            throw new ApiException(400, "lang: must be \"ar\" or \"en\"");
        }
        List<Case> all = channel == null && lang == null && journalist == null
                ? desk.cases().list(f, limit) : desk.cases().list(f, 5000);
        return all.stream()
                .filter(c -> channel == null || channel.equals(c.channel()))
                .filter(c -> lang == null || lang.equals(c.lang()))
                .filter(c -> journalist == null || journalist == (c.journalist() != null))
                .limit(limit).map(c -> CaseJson.of(c, clock.instant())).toList();
    }

    @GetMapping("/api/v1/escalations/{id}")
    public Map<String, Object> get(@PathVariable String id) {
        return CaseJson.of(desk.get(id), clock.instant());
    }

    @PostMapping("/api/v1/escalations/{id}/claim")
    public Map<String, Object> claim(@PathVariable String id, Authentication auth) {
        return CaseJson.of(desk.claim(id, auth.getName()), clock.instant());
    }

    @PostMapping("/api/v1/escalations/{id}/release")
    public Map<String, Object> release(@PathVariable String id, Authentication auth) {
        return CaseJson.of(desk.release(id, auth.getName(), StaffAccount.Role.EDITOR.heldBy(auth)), clock.instant());
    }

    /** Request of reassign. */
    public record ReassignRequest(String to) {
    }

    @PostMapping("/api/v1/escalations/{id}/reassign")
    public Map<String, Object> reassign(@PathVariable String id, @RequestBody ReassignRequest req, Authentication auth) {
        if (req == null || req.to() == null || req.to().isBlank()) {
            throw new ApiException(400, "to: missing (the username to give the case to)");
        }
        return CaseJson.of(desk.reassign(id, req.to().strip(), auth.getName()), clock.instant());
    }

    /** Request of reply. */
    public record ReplyRequest(String text) {
    }

    /**
     * Sends the answer on the case's channel (through the outbound queue, as a reply) and marks the case
     * answered. An unclaimed case is claimed by the caller first; a case held by someone else is a 409.
     */
    @PostMapping("/api/v1/escalations/{id}/reply")
    public Map<String, Object> reply(@PathVariable String id, @RequestBody ReplyRequest req, Authentication auth) {
        if (req == null) {
            throw new ApiException(400, "text: missing or empty");
        }
        return CaseJson.of(desk.reply(id, auth.getName(), req.text()), clock.instant());
    }

    @PostMapping("/api/v1/escalations/{id}/close")
    public Map<String, Object> close(@PathVariable String id, Authentication auth) {
        return CaseJson.of(desk.close(id, auth.getName(), StaffAccount.Role.EDITOR.heldBy(auth)), clock.instant());
    }

    /** Request of priority. */
    public record PriorityRequest(String priority) {
    }

    @PostMapping("/api/v1/escalations/{id}/priority")
    public Map<String, Object> priority(@PathVariable String id, @RequestBody PriorityRequest req, Authentication auth) {
        Case.Priority p;
        try {
            p = Case.Priority.valueOf(req == null || req.priority() == null ? "" : req.priority().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "priority: one of urgent, high, normal, low");
        }
        return CaseJson.of(desk.prioritise(id, p, auth.getName()), clock.instant());
    }
}
