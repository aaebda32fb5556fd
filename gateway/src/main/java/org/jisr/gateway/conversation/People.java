package org.jisr.gateway.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.Store;

/**
 * People, their reachability (written by the outbound side, so it lives apart from the person record)
 * and replies held while a channel's reply window is closed.
 */
public final class People {

    /** A person not heard from for this long is forgotten. */
    static final Duration KEEP = Duration.ofDays(365);

    public enum Reach { OK, UNREACHABLE, OPTED_OUT }

    private final Store store;

    public People(Store store) {
        this.store = store;
    }

    public Optional<Person> get(String key) {
        return store.get(store.keys().person(key)).map(s -> Json.read(s, Person.class));
    }

    public Person getOrCreate(String channel, String sender) {
        return get(Person.keyOf(channel, sender)).orElseGet(() -> Person.fresh(channel, sender));
    }

    public void save(Person p) {
        store.put(store.keys().person(p.key()), Json.write(p), KEEP);
    }

    /** Saves with the batch's other writes. */
    public void save(Person p, Store.Batch batch) {
        batch.put(store.keys().person(p.key()), Json.write(p), KEEP);
    }

    public Reach reach(String key) {
        return store.get(store.keys().personReach(key)).map(Reach::valueOf).orElse(Reach.OK);
    }

    public void setReach(String key, Reach r) {
        if (r == Reach.OK) {
            store.delete(store.keys().personReach(key));
        } else {
            store.put(store.keys().personReach(key), r.name(), KEEP);
        }
    }

    /** How long a worker holds a person's lock at most (a lease: a dead worker's lock lapses). */
    static final Duration LOCK_LEASE = Duration.ofSeconds(15);

    /**
     * Per-person mutual exclusion across nodes, taken by {@link #tryLockThenReadAhead}: the plan to take it, read
     * {@code reads} ahead and charge {@code charges}.
     */
    public Store.LockThenRead lockPlan(String key, String owner, List<String> reads, List<Store.Charge> charges) {
        return new Store.LockThenRead(store.keys().personLock(key), owner, LOCK_LEASE, reads, charges);
    }

    /**
     * Sends {@code before}'s writes, then tries the plan's lock (see {@link Store#lockThenReadAhead}): one round trip.
     * False when another worker holds it.
     */
    public boolean tryLockThenReadAhead(Store.Batch before, Store.LockThenRead plan) {
        return store.lockThenReadAhead(before, plan);
    }

    public void unlock(String key, String owner) {
        store.compareAndSet(store.keys().personLock(key), owner, "", Duration.ofMillis(1));
    }

    /** Releases the person's lock and acknowledges their handled queue entry with the batch's other writes. */
    public void unlockAndAck(String key, String owner, DurableQueue queue, DurableQueue.QueueEntry entry, Store.Batch batch) {
        batch.releaseAndAck(queue, store.keys().personLock(key), owner, entry);
    }

    /** A batch for {@link #unlockAndAck} and {@link #tryLockThenReadAhead}. */
    public Store.Batch batch() {
        return store.batch();
    }

    /**
     * Holds one serialized outbound job until the person writes again (compare-and-set, safe across nodes).
     * Returns how many were held before.
     */
    public int hold(String key, String job) {
        String k = store.keys().personHeld(key);
        for (int i = 0; i < 50; i++) {
            String cur = store.get(k).orElse(null);
            List<String> list = new ArrayList<>(cur == null ? List.of() : List.of(Json.read(cur, String[].class)));
            list.add(job);
            if (store.compareAndSet(k, cur, Json.write(list), KEEP)) {
                return list.size() - 1;
            }
        }
        throw new IllegalStateException("could not hold a reply: too much contention");
    }

    /** Takes every held job, oldest first. */
    public List<String> takeHeld(String key) {
        String k = store.keys().personHeld(key);
        for (int i = 0; i < 50; i++) {
            String cur = store.get(k).orElse(null);
            if (cur == null || cur.equals("[]")) {
                return List.of();
            }
            if (store.compareAndSet(k, cur, "[]", Duration.ofMinutes(1))) {
                return List.of(Json.read(cur, String[].class));
            }
        }
        throw new IllegalStateException("could not take held replies: too much contention");
    }

    public static boolean expired(Instant until, Instant now) {
        return until == null || !until.isAfter(now);
    }
}
