package org.jisr.gateway.outbound;

import java.util.List;
import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.OutboundMessage;
import org.jisr.gateway.Json;
import org.jisr.gateway.conversation.People;
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
    private final GatewayMetrics metrics;

    public WindowHold(People people, Outbox outbox, GatewayMetrics metrics) {
        this.people = people;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** Holds the job; on the first one held for this window, enqueues the adapter's template (once per job id). */
    void hold(OutboundJob job, ChannelAdapter adapter) {
        int before = people.hold(job.personKey(), Json.write(job));
        metrics.send(job.message().channel(), "held");
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
