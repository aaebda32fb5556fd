package org.jisr.gateway.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The storage port: a small set of primitives (documents, hashes, capped lists, sorted indexes, feeds,
 * durable queues) and the few atomic operations the gateway needs, with two adapters — Redis
 * ({@link RedisStore}) and in-memory ({@link MemoryStore}) — that pass one contract test suite.
 * Key names come from {@link #keys()}. Every method throws {@link StoreUnavailableException} when the
 * backing store cannot be reached.
 */
public interface Store extends AutoCloseable {

    /** "redis" or "memory". */
    String kind();

    Keys keys();

    /** Throws {@link StoreUnavailableException} unless the store answers. */
    void ping();

    // --- documents
    Optional<String> get(String key);

    /**
     * Reads these keys now, in one round trip, for this thread's next {@link #get} of each (a write by this thread
     * forgets the read value). A worker calls it once it holds a person's lock, for the keys the pipeline is about
     * to read one by one; {@link #forgetReadAhead} at the end. A store without round trips ignores it.
     */
    default void readAhead(List<String> keys) {
    }

    default void forgetReadAhead() {
    }

    /**
     * One round trip where a worker takes a person's lock: first the writes gathered in {@code before} (the previous
     * message's release and acknowledgement, say), then {@link #putIfAbsent} of the lock and, only when it stored,
     * {@link #readAhead} of the plan's keys. The plan's rate buckets are charged in the same round trip whether or not
     * the lock was taken (a worker that waits for the lock charges them on its first try only); this thread's next
     * {@link #tryAcquire} of each bucket answers with that charge instead of charging again. A store without round
     * trips commits {@code before}, takes the lock and leaves the charging to {@link #tryAcquire}. False (nothing read
     * ahead) when the lock was held; throws when one of {@code before}'s writes failed (the lock may have been taken
     * then: it lapses with its lease, and the entry, not acknowledged, is handled again).
     */
    default boolean lockThenReadAhead(Batch before, LockThenRead plan) {
        before.commit();
        if (!putIfAbsent(plan.key(), plan.owner(), plan.lease())) {
            return false;
        }
        readAhead(plan.reads());
        return true;
    }

    /** A lease lock to take, the keys to read once it is taken, and the rate buckets to charge with it. */
    record LockThenRead(String key, String owner, Duration lease, List<String> reads, List<Charge> charges) {

        public LockThenRead {
            reads = List.copyOf(reads);
            charges = List.copyOf(charges);
        }

        /** The same lock and reads, charging nothing: for a retry after the first try charged. */
        public LockThenRead withoutCharges() {
            return new LockThenRead(key, owner, lease, reads, List.of());
        }
    }

    /** One token from a bucket, as {@link #tryAcquire(String, double, int)} takes it. */
    record Charge(String bucket, double perSecond, int burst) {
    }

    /** Writes gathered now and sent together by {@link Batch#commit()} (see {@link Batch}). */
    default Batch batch() {
        return new GatheredBatch(this);
    }

    /**
     * Writes gathered during one step of work and sent together, in the order given, when {@link #commit()} is
     * called (Redis: one round trip). Nothing is written before the commit, so a step that fails half-way writes none
     * of them. Not one atomic step: a write that fails makes {@code commit} throw, and the writes sent with it may have
     * been applied, as with one call after another.
     */
    interface Batch {

        /** As {@link Store#put}. */
        void put(String key, String value, Duration ttl);

        /** As {@link Store#pushCappedAll}. */
        void pushCappedAll(String key, List<String> values, int max, Duration ttl);

        /** As {@link DurableQueue#releaseAndAck}: the lock is released and the entry acknowledged after the writes before. */
        void releaseAndAck(DurableQueue queue, String lockKey, String owner, DurableQueue.QueueEntry entry);

        /** As {@link DurableQueue#addIfNewInOrder}, without its answer (whether the id was new). */
        void addIfNewInOrder(DurableQueue queue, String dedupeId, Duration keep, String orderKey, Map<String, String> fields);

        /**
         * As {@link DurableQueue#ack(DurableQueue.QueueEntry)}, after the writes gathered before it; on Redis it is
         * applied even when one of them failed ({@code commit} throws then): for work already done, such as a message
         * the provider took, whose records matter less than not doing it twice.
         */
        void ack(DurableQueue queue, DurableQueue.QueueEntry entry);

        /** Sends what was gathered since the last commit; throws when a write failed. */
        void commit();
    }

    /** Stores a value; {@code ttl} null keeps it until deleted. */
    void put(String key, String value, Duration ttl);

    /** Stores only when absent; true when stored. */
    boolean putIfAbsent(String key, String value, Duration ttl);

    /** Replaces the value only when it is still {@code expected} (null: absent); true when replaced. */
    boolean compareAndSet(String key, String expected, String value, Duration ttl);

    boolean delete(String key);

    // --- hashes
    Map<String, String> hashAll(String key);

    Optional<String> hashGet(String key, String field);

    void hashPut(String key, String field, String value);

    void hashDelete(String key, String field);

    /** Adds {@code delta} to a numeric hash field (absent: 0) and sets the key's TTL (null: none); returns the new value. */
    long hashIncrement(String key, String field, long delta, Duration ttl);

    /** Adds every delta to its numeric field (absent: 0) and sets the key's TTL (null: none), in one round trip. */
    void hashIncrementAll(String key, Map<String, Long> deltas, Duration ttl);

    // --- capped lists, newest first
    void pushCapped(String key, String value, int max, Duration ttl);

    /** Pushes each value in order (the last becomes the newest) and caps the list, in one atomic step. */
    void pushCappedAll(String key, List<String> values, int max, Duration ttl);

    /** Up to {@code max} newest elements, newest first. */
    List<String> latest(String key, int max);

    // --- sorted indexes
    void indexAdd(String key, String member, double score);

    void indexRemove(String key, String member);

    /** Members by ascending score. */
    List<String> indexRange(String key, int offset, int count);

    long indexSize(String key);

    /**
     * Adds the member unless the index already holds {@code max} members, in one atomic step; a member that is
     * already there keeps its score and counts as added. True when the member is in the index afterwards.
     */
    boolean indexAddIfBelow(String key, String member, double score, int max);

    // --- rate limits
    /** Token bucket: true when one token was taken ({@code perSecond} refill, {@code burst} capacity). */
    boolean tryAcquire(String bucket, double perSecond, int burst);

    /** As {@link #tryAcquire(String, double, int)}; answered by an earlier charge of {@link #lockThenReadAhead} if any. */
    default boolean tryAcquire(Charge c) {
        return tryAcquire(c.bucket(), c.perSecond(), c.burst());
    }

    /**
     * Reserves the next send slot of a named resource spaced {@code interval} apart (shared by all nodes).
     * Returns how long to wait until the reserved slot (zero: now).
     */
    Duration reserveSlot(String name, Duration interval);

    // --- feeds: append-only, read by position (several independent readers)
    String append(String key, Map<String, String> fields, int maxLen, Duration ttl);

    /**
     * Appends unless an entry was appended under {@code ref} and is still among the feed's latest; returns the new
     * entry's id, or that earlier entry's. {@code refs} (same hash tag as the feed) remembers each ref's id for as
     * long as the feed keeps the entry, so it stays about as small as the feed.
     */
    String appendOnce(String key, String refs, String ref, Map<String, String> fields, int maxLen, Duration ttl);

    /** Entries after {@code afterId} ("0" for all), waiting up to {@code block} (zero: do not wait). */
    List<FeedEntry> readAfter(String key, String afterId, int count, Duration block);

    /** Up to {@code count} newest entries, newest first. */
    List<FeedEntry> newest(String key, int count);

    /** The id of the newest entry, "0" when empty. */
    String lastId(String key);

    // --- durable queues
    DurableQueue queue(String name);

    // --- knowledge base: article JSON by id, retired ids, and a change feed, changed atomically
    /** Stores the article and appends an "upsert" change; clears a retirement. */
    String articlePut(String id, String json);

    /** Stores only when the id is neither stored nor retired; appends the change. Null when skipped. */
    String articleSeed(String id, String json);

    /** Removes, remembers the retirement and appends a "retire" change; null when there was no such article. */
    String articleRetire(String id);

    Map<String, String> articleAll();

    @Override
    void close();

    /** One feed entry. */
    record FeedEntry(String id, Map<String, String> fields) {
    }
}
