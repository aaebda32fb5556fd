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

    /** Fields of an ordered entry: its order key (e.g. a person) and its number within that order, from 1. */
    String ORDER = "order";
    String SEQ = "seq";

    String name();

    /** Appends unless {@code dedupeId} was seen within {@code keep}; check and append are one atomic step. */
    boolean addIfNew(String dedupeId, Duration keep, Map<String, String> fields);

    String add(Map<String, String> fields);

    /**
     * Like {@link #addIfNew}, and numbers the entry within {@code orderKey} (fields {@link #ORDER}, {@link #SEQ}), so
     * that consumers working in parallel can still finish one order key's entries in order (see {@link #doneUpTo}).
     */
    boolean addIfNewInOrder(String dedupeId, Duration keep, String orderKey, Map<String, String> fields);

    /** The highest number of {@code orderKey} whose entry was acknowledged or dead-lettered (0: none yet). */
    long doneUpTo(String orderKey);

    /** New entries for this consumer, waiting up to {@code block} (zero: do not wait). */
    List<QueueEntry> read(String consumer, int count, Duration block);

    /** Takes over entries pending longer than {@code minIdle} with any consumer; their delivery count grows. */
    List<QueueEntry> claimIdle(String consumer, Duration minIdle, int count);

    /** Fully handled: removes the entry. */
    void ack(String id);

    /**
     * Releases a lease lock ({@code lockKey}, deleted only while {@code owner} holds it) and then acknowledges the
     * entry, in one round trip; not one atomic step, as the lock lives outside the queue's hash tag.
     */
    void releaseAndAck(String lockKey, String owner, String id);

    /** Fully handled: removes the entry and, for an ordered entry, marks its number done (one atomic step). */
    void ack(QueueEntry entry);

    /** Acknowledges now and re-adds the same fields at {@code due} (one atomic step). */
    void retryAt(QueueEntry entry, Instant due);

    /** Moves delayed entries that are due back into the queue; returns how many. */
    int promoteDue(Instant now, int max);

    /** Acknowledges and records the entry as a dead letter (one atomic step); an ordered entry's number is done. */
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

        /** The order key, or null for an unordered entry. */
        public String orderKey() {
            return fields.get(ORDER);
        }

        /** The number within its order key, 0 for an unordered entry. */
        public long seq() {
            String s = fields.get(SEQ);
            return s == null ? 0 : Long.parseLong(s);
        }

        /** The same entry with one field replaced (order and number kept). */
        public QueueEntry with(String field, String value) {
            Map<String, String> f = new java.util.LinkedHashMap<>(fields);
            f.put(field, value);
            return new QueueEntry(id, f, deliveries);
        }
    }

    /** One dead letter. */
    record DeadLetter(String id, String queue, String reason, Instant at, Map<String, String> fields) {
    }
}
