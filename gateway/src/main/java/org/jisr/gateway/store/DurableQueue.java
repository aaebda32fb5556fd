package org.jisr.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A durable work queue with consumer-group semantics (Redis Streams): an entry read by one consumer stays
 * pending until acknowledged; entries idle in a dead consumer's pending list are claimed by another;
 * entries that keep failing go to a dead-letter list.
 */
public interface DurableQueue {

    String name();

    /** Appends unless {@code dedupeId} was seen within {@code keep}; check and append are one atomic step. */
    boolean addIfNew(String dedupeId, Duration keep, Map<String, String> fields);

    String add(Map<String, String> fields);

    /** New entries for this consumer, waiting up to {@code block} (zero: do not wait). */
    List<QueueEntry> read(String consumer, int count, Duration block);

    /** Takes over entries pending longer than {@code minIdle} with any consumer; their delivery count grows. */
    List<QueueEntry> claimIdle(String consumer, Duration minIdle, int count);

    /** Fully handled: removes the entry. */
    void ack(String id);

    /** Acknowledges now and re-adds the same fields at {@code due} (one atomic step). */
    void retryAt(QueueEntry entry, Instant due);

    /** Moves delayed entries that are due back into the queue; returns how many. */
    int promoteDue(Instant now, int max);

    /** Acknowledges and records the entry as a dead letter (one atomic step). */
    void deadLetter(QueueEntry entry, String reason);

    /**
     * Records a dead letter for work that already left the queue (a message the provider accepted and later
     * reported failed), so staff see it and can requeue it.
     */
    void addDeadLetter(Map<String, String> fields, String reason);

    List<DeadLetter> deadLetters(int limit);

    /** Moves a dead letter back into the queue; false when there is none with that id. */
    boolean requeue(String deadLetterId);

    /** Entries in the queue (waiting or being handled). */
    long depth();

    long delayedCount();

    long deadCount();

    /** One entry as read. */
    record QueueEntry(String id, Map<String, String> fields, long deliveries) {
    }

    /** One dead letter. */
    record DeadLetter(String id, String queue, String reason, Instant at, Map<String, String> fields) {
    }
}
