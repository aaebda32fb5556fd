package org.jisr.gateway.outbound;

import java.time.Clock;
import java.util.List;
import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.OutboundMessage;
import org.jisr.gateway.Json;
import org.jisr.gateway.conversation.People;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.ops.GatewayMetrics;

/**
 * Replies that may not be sent because the person's reply window is closed (WhatsApp: 24 h after their last
 * message): each is held until the person writes again (the pipeline then releases them), and the first one held
 * sends the channel's approved template, if one is configured, so the person knows an answer waits. Nothing is
 * dropped: without a template the reply simply waits for the person's next message.
 */
public final class WindowHold {

    private final People people;
    private final Outbox outbox;
    private final EscalationService cases;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public WindowHold(People people, Outbox outbox, EscalationService cases, GatewayMetrics metrics, Clock clock) {
        this.people = people;
        this.outbox = outbox;
        this.cases = cases;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Holds the job; on the first one held for this window, enqueues the adapter's template (once per job id). */
    void hold(OutboundJob job, ChannelAdapter adapter) {
        int before = people.hold(job.personKey(), Json.write(job));
        metrics.send(job.message().channel(), "held");
        if (job.caseId() != null) { // staff see that their reply waits for the person
            cases.recordDelivery(job.caseId(), new Case.Delivery(job.id(), "HELD",
                    "reply window closed: sent when the person writes again", clock.instant()));
        }
        if (before > 0) {
            return; // one template per closed window, however many replies wait
        }
        adapter.windowTemplate().ifPresent(template -> {
            OutboundMessage m = job.message();
            outbox.enqueue(new OutboundJob(job.id() + ":template", job.personKey(),
                    new OutboundMessage(m.channel(), m.recipient(), "", null, List.of(), template, m.lang()),
                    OutboundJob.Priority.REPLY, 0, job.caseId(), false));
            metrics.send(m.channel(), "template");
        });
    }
}
