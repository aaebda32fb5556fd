package org.jisr.gateway.escalation;

import org.jisr.gateway.ActionException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;
import org.jisr.bots.OutboundMessage;
import org.jisr.gateway.audit.AuditLog;
import org.jisr.gateway.conversation.History;
import org.jisr.gateway.conversation.People;
import org.jisr.gateway.outbound.OutboundJob;
import org.jisr.gateway.outbound.Outbox;
import org.jisr.kb.Lang;

/**
 * What staff do with cases — claim, release, reassign, reply, close, change priority — each audited. A reply
 * goes on the outbound queue as a REPLY (ahead of bulk) on the case's channel, so pacing, retries, the
 * reply window (held with the template first) and delivery reports apply to it like to any bot reply.
 */
public final class CaseDesk {

    /** Longest staff reply. */
    public static final int MAX_REPLY = 4000;

    private final EscalationService cases;
    private final Outbox outbox;
    private final History history;
    private final People people;
    private final AuditLog audit;
    private final Predicate<String> isStaff;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param isStaff true for the username of an enabled staff account (a case is reassigned only to one)
     * @param zone    the centre's time zone, for the date in attribution lines
     */
    public CaseDesk(EscalationService cases, Outbox outbox, History history, People people, AuditLog audit,
            Predicate<String> isStaff, ZoneId zone, Clock clock) {
        this.cases = cases;
        this.outbox = outbox;
        this.history = history;
        this.people = people;
        this.audit = audit;
        this.isStaff = isStaff;
        this.zone = zone;
        this.clock = clock;
    }

    public EscalationService cases() {
        return cases;
    }

    public Case get(String id) {
        return cases.get(id).orElseThrow(() -> new ActionException(404, "no case '" + id + "'"));
    }

    public Case claim(String id, String staff) {
        Case c = cases.claim(id, staff);
        audit.record(staff, AuditLog.Action.CLAIM, id, null);
        return c;
    }

    public Case release(String id, String staff, boolean editor) {
        Case before = get(id);
        Case c = cases.release(id, staff, editor);
        audit.record(staff, AuditLog.Action.RELEASE, id, staff.equals(before.claimedBy()) ? null : "held by " + before.claimedBy());
        return c;
    }

    public Case reassign(String id, String to, String by) {
        if (to == null || !isStaff.test(to)) {
            throw new ActionException(400, "to: no enabled staff account '" + to + "'");
        }
        Case before = get(id);
        Case c = cases.reassign(id, to);
        audit.record(by, AuditLog.Action.REASSIGN, id, (before.claimedBy() == null ? "unclaimed" : before.claimedBy()) + " → " + to);
        return c;
    }

    public Case close(String id, String staff, boolean editor) {
        Case c = cases.close(id, staff, editor);
        audit.record(staff, AuditLog.Action.CLOSE, id, null);
        return c;
    }

    public Case prioritise(String id, Case.Priority p, String staff) {
        Case c = cases.prioritise(id, p);
        audit.record(staff, AuditLog.Action.PRIORITY, id, p.name());
        return c;
    }

    /**
     * Sends a staff answer on the case's channel and marks the case ANSWERED. The outbound job id is derived
     * from the case and the number of its replies: the reply is enqueued (idempotently) before the case records
     * it, so a failure in between can cause at most a repeated reply, never a lost one.
     */
    public Case reply(String id, String staff, String text) {
        if (text == null || text.isBlank()) {
            throw new ActionException(400, "text: missing or empty");
        }
        if (text.length() > MAX_REPLY) {
            throw new ActionException(400, "text: longer than " + MAX_REPLY + " characters");
        }
        Case c = get(id);
        if (c.status() == Case.Status.OPEN) { // replying takes the case first, so nobody else answers it meanwhile
            c = claim(id, staff);
        }
        EscalationService.requireReplyable(c, staff);
        if (people.get(c.personKey()).map(p -> p.stopped()).orElse(false)) {
            throw new ActionException(409, "the person sent STOP: nothing can be sent until they write START");
        }
        String body = text.strip();
        if (c.journalist() != null) {
            Lang lang = Lang.fromCode(c.lang()).orElse(Lang.AR);
            body = body + "\n\n" + Attribution.staff(cases.settings(), lang, LocalDate.now(clock.withZone(zone)));
        }
        String replyId = "case:" + id + ":reply:" + (c.staffReplies() + 1);
        OutboundMessage m = new OutboundMessage(c.channel(), c.sender(), body, null, List.of(), null, c.lang());
        if (!outbox.enqueue(new OutboundJob(replyId, c.personKey(), m, OutboundJob.Priority.REPLY, 0, id, false))) {
            throw new ActionException(409, "another reply to this case was sent a moment ago: reload the case");
        }
        history.add(c.personKey(), new History.Turn(clock.instant(), "staff", body));
        Case next = cases.answered(id, staff, body, replyId);
        audit.record(staff, AuditLog.Action.REPLY, id, body.length() + " characters on " + c.channel());
        return next;
    }
}
