package org.jisr.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jisr.bots.OutboundMessage;
import org.jisr.gateway.Json;
import org.junit.jupiter.api.Test;

/** The stored record of a sent job, written with the job's JSON as read off the queue, reads back as the job. */
class SentRecordTest {

    @Test
    void theRecordWithTheQueuedJsonReadsBackAsTheJob() {
        OutboundJob job = new OutboundJob("whatsapp:wamid.1:0", "whatsapp:+96650", new OutboundMessage("whatsapp", "+96650",
                "نص \"مقتبس\" \\ وسطر\nجديد", "short", List.of(new OutboundMessage.Choice("pick:a1", "Which one?")), null, "ar"),
                OutboundJob.Priority.REPLY, 2, "case-7", true);

        DeliveryTracker.Sent read = Json.read(DeliveryTracker.Sent.json(job, Json.write(job)), DeliveryTracker.Sent.class);

        assertThat(read).isEqualTo(new DeliveryTracker.Sent(job.id(), job.personKey(), "case-7", job, "SENT", null, null));
    }

    @Test
    void aJobWithoutACaseHasNoCase() {
        OutboundJob job = new OutboundJob("sms:SM1:0", "sms:+96651", OutboundMessage.text("sms", "+96651", "hi", "en"),
                OutboundJob.Priority.BULK, 0, null, false);

        DeliveryTracker.Sent read = Json.read(DeliveryTracker.Sent.json(job, Json.write(job)), DeliveryTracker.Sent.class);

        assertThat(read.caseId()).isNull();
        assertThat(read.job()).isEqualTo(job);
    }
}
