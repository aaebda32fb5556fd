package org.jisr.gateway.outbound;

import java.time.Duration;
import java.util.Map;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.Store;

/** Puts outbound messages on the durable outbound queues (one for replies, one for bulk). */
public final class Outbox {

    public static final String REPLY_QUEUE = "out";
    public static final String BULK_QUEUE = "bulk";

    private final DurableQueue replies;
    private final DurableQueue bulk;
    private final Duration dedupe;

    public Outbox(Store store, Duration dedupe) {
        this.replies = store.queue(REPLY_QUEUE);
        this.bulk = store.queue(BULK_QUEUE);
        this.dedupe = dedupe;
    }

    /**
     * Enqueues once per job id; false when a job with that id was already enqueued. Jobs are numbered per person, so
     * the parallel outbound workers still send one person's messages in the order they were enqueued.
     */
    public boolean enqueue(OutboundJob job) {
        DurableQueue q = job.priority() == OutboundJob.Priority.REPLY ? replies : bulk;
        return q.addIfNewInOrder(job.id(), dedupe, job.personKey(), Map.of("job", Json.write(job)));
    }

    /** Enqueues with the batch's other writes (once per job id, numbered per person, as {@link #enqueue(OutboundJob)}). */
    public void enqueue(OutboundJob job, Store.Batch batch) {
        DurableQueue q = job.priority() == OutboundJob.Priority.REPLY ? replies : bulk;
        batch.addIfNewInOrder(q, job.id(), dedupe, job.personKey(), Map.of("job", Json.write(job)));
    }

    /** Records a job that already left its queue as a dead letter of that queue (visible, requeueable). */
    public void deadLetter(OutboundJob job, String reason) {
        DurableQueue q = job.priority() == OutboundJob.Priority.REPLY ? replies : bulk;
        q.addDeadLetter(Map.of("job", Json.write(job)), reason);
    }

    DurableQueue replies() {
        return replies;
    }

    DurableQueue bulk() {
        return bulk;
    }
}
