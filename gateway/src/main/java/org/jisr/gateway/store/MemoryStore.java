package org.jisr.gateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory adapter: one node, nothing survives a restart. Same semantics as {@link RedisStore}
 * (checked by the shared contract suite); one lock keeps every operation atomic, as a Redis script is.
 */
public final class MemoryStore implements Store {

    private final Keys keys;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on every append, so blocked readers wake up. */
    private final Condition appended = lock.newCondition();
    private final Map<String, Object> data = new HashMap<>();
    private final Map<String, Instant> expiry = new HashMap<>();
    private final Map<String, MemoryQueue> queues = new ConcurrentHashMap<>();
    private long lastMillis;
    private long seq;
    private int writes;

    public MemoryStore(Keys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public MemoryStore() {
        this(new Keys("jisr:"), Clock.systemUTC());
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public Keys keys() {
        return keys;
    }

    @Override
    public void ping() {
    }

    Instant now() {
        return clock.instant();
    }

    /** Runs with the lock held; every operation goes through here. */
    <T> T locked(java.util.function.Supplier<T> op) {
        lock.lock();
        try {
            if (++writes % 4096 == 0) {
                sweep();
            }
            return op.get();
        } finally {
            lock.unlock();
        }
    }

    private void sweep() {
        Instant now = now();
        expiry.entrySet().removeIf(e -> {
            if (e.getValue().isAfter(now)) {
                return false;
            }
            data.remove(e.getKey());
            return true;
        });
    }

    @SuppressWarnings("unchecked")
    private <T> T live(String key) {
        Instant exp = expiry.get(key);
        if (exp != null && !exp.isAfter(now())) {
            expiry.remove(key);
            data.remove(key);
            return null;
        }
        return (T) data.get(key);
    }

    private void expire(String key, Duration ttl) {
        if (ttl == null) {
            expiry.remove(key);
        } else {
            expiry.put(key, now().plus(ttl));
        }
    }

    String nextId() {
        long ms = Math.max(now().toEpochMilli(), lastMillis);
        seq = ms == lastMillis ? seq + 1 : 0;
        lastMillis = ms;
        return ms + "-" + seq;
    }

    static int compareIds(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return c != 0 ? c : Long.compare(x.length > 1 ? Long.parseLong(x[1]) : 0, y.length > 1 ? Long.parseLong(y[1]) : 0);
    }

    @Override
    public Optional<String> get(String key) {
        return locked(() -> Optional.ofNullable(live(key)));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        locked(() -> {
            data.put(key, value);
            expire(key, ttl);
            return null;
        });
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        return locked(() -> {
            if (live(key) != null) {
                return false;
            }
            data.put(key, value);
            expire(key, ttl);
            return true;
        });
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value, Duration ttl) {
        return locked(() -> {
            if (!Objects.equals(live(key), expected)) {
                return false;
            }
            data.put(key, value);
            expire(key, ttl);
            return true;
        });
    }

    @Override
    public boolean delete(String key) {
        return locked(() -> {
            boolean had = live(key) != null;
            data.remove(key);
            expiry.remove(key);
            return had;
        });
    }

    @Override
    public Map<String, String> hashAll(String key) {
        return locked(() -> {
            Map<String, String> h = live(key);
            return h == null ? Map.of() : Map.copyOf(h);
        });
    }

    @Override
    public Optional<String> hashGet(String key, String field) {
        return locked(() -> {
            Map<String, String> h = live(key);
            return Optional.ofNullable(h == null ? null : h.get(field));
        });
    }

    @Override
    public void hashPut(String key, String field, String value) {
        locked(() -> hash(key).put(field, value));
    }

    @Override
    public void hashDelete(String key, String field) {
        locked(() -> {
            Map<String, String> h = live(key);
            return h == null ? null : h.remove(field);
        });
    }

    @Override
    public long hashIncrement(String key, String field, long delta, Duration ttl) {
        return locked(() -> {
            Map<String, String> h = hash(key);
            long v = Long.parseLong(h.getOrDefault(field, "0")) + delta;
            h.put(field, Long.toString(v));
            if (ttl != null) {
                expire(key, ttl);
            }
            return v;
        });
    }

    @Override
    public void hashIncrementAll(String key, Map<String, Long> deltas, Duration ttl) {
        if (deltas.isEmpty()) {
            return;
        }
        locked(() -> {
            Map<String, String> h = hash(key);
            deltas.forEach((f, d) -> h.put(f, Long.toString(Long.parseLong(h.getOrDefault(f, "0")) + d)));
            if (ttl != null) {
                expire(key, ttl);
            }
            return null;
        });
    }

    private Map<String, String> hash(String key) {
        Map<String, String> h = live(key);
        if (h == null) {
            h = new LinkedHashMap<>();
            data.put(key, h);
        }
        return h;
    }

    @Override
    public void pushCapped(String key, String value, int max, Duration ttl) {
        pushCappedAll(key, List.of(value), max, ttl);
    }

    @Override
    public void pushCappedAll(String key, List<String> values, int max, Duration ttl) {
        if (values.isEmpty()) {
            return;
        }
        locked(() -> {
            Deque<String> d = live(key);
            if (d == null) {
                d = new ArrayDeque<>();
                data.put(key, d);
            }
            for (String v : values) {
                d.addFirst(v);
            }
            while (d.size() > max) {
                d.removeLast();
            }
            expire(key, ttl);
            return null;
        });
    }

    @Override
    public List<String> latest(String key, int max) {
        return locked(() -> {
            Deque<String> d = live(key);
            return d == null ? List.of() : d.stream().limit(max).toList();
        });
    }

    private Map<String, Double> index(String key) {
        Map<String, Double> z = live(key);
        if (z == null) {
            z = new HashMap<>();
            data.put(key, z);
        }
        return z;
    }

    @Override
    public void indexAdd(String key, String member, double score) {
        locked(() -> index(key).put(member, score));
    }

    @Override
    public void indexRemove(String key, String member) {
        locked(() -> index(key).remove(member));
    }

    @Override
    public List<String> indexRange(String key, int offset, int count) {
        return locked(() -> index(key).entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .skip(offset).limit(count).map(Map.Entry::getKey).toList());
    }

    @Override
    public long indexSize(String key) {
        return locked(() -> (long) index(key).size());
    }

    @Override
    public boolean indexAddIfBelow(String key, String member, double score, int max) {
        return locked(() -> {
            Map<String, Double> z = index(key);
            if (z.containsKey(member)) {
                return true;
            }
            if (z.size() >= max) {
                return false;
            }
            z.put(member, score);
            return true;
        });
    }

    /** Token bucket state: tokens and the time they were counted. */
    private record Bucket(double tokens, long atMillis) {
    }

    @Override
    public boolean tryAcquire(String bucket, double perSecond, int burst) {
        return locked(() -> {
            String key = keys.rate(bucket);
            long now = now().toEpochMilli();
            Bucket b = live(key);
            double tokens = b == null ? burst : Math.min(burst, b.tokens + (now - b.atMillis) * perSecond / 1000.0);
            boolean ok = tokens >= 1;
            data.put(key, new Bucket(ok ? tokens - 1 : tokens, now));
            expire(key, Duration.ofMillis((long) Math.ceil(burst / perSecond * 1000) + 1000));
            return ok;
        });
    }

    @Override
    public Duration reserveSlot(String name, Duration interval) {
        return locked(() -> {
            String key = keys.slot(name);
            long now = now().toEpochMilli();
            Long next = live(key);
            long slot = next == null ? now : Math.max(now, next);
            data.put(key, slot + interval.toMillis());
            expire(key, Duration.ofMillis(slot - now + interval.toMillis() + 1000));
            return Duration.ofMillis(slot - now);
        });
    }

    /** A feed: entries in id order. */
    private static final class Feed {
        final List<FeedEntry> entries = new ArrayList<>();
    }

    /** Entry ids by ref, oldest first (an {@link #appendOnce} refs key). */
    private static final class Refs {
        final LinkedHashMap<String, String> ids = new LinkedHashMap<>();
    }

    @Override
    public String append(String key, Map<String, String> fields, int maxLen, Duration ttl) {
        return locked(() -> {
            String id = appendLocked(key, fields, maxLen);
            expire(key, ttl);
            return id;
        });
    }

    @Override
    public String appendOnce(String key, String refs, String ref, Map<String, String> fields, int maxLen, Duration ttl) {
        return locked(() -> {
            Refs r = live(refs);
            if (r == null) {
                r = new Refs();
                data.put(refs, r);
            }
            String had = r.ids.get(ref);
            if (had != null) {
                return had;
            }
            String id = appendLocked(key, fields, maxLen);
            r.ids.put(ref, id);
            while (r.ids.size() > 2 * maxLen) { // as in Redis: refs of entries the feed no longer holds
                r.ids.pollFirstEntry();
            }
            expire(key, ttl);
            expire(refs, ttl);
            return id;
        });
    }

    private String appendLocked(String key, Map<String, String> fields, int maxLen) {
        Feed f = live(key);
        if (f == null) {
            f = new Feed();
            data.put(key, f);
        }
        String id = nextId();
        f.entries.add(new FeedEntry(id, Map.copyOf(fields)));
        while (f.entries.size() > maxLen) {
            f.entries.removeFirst();
        }
        appended.signalAll();
        return id;
    }

    @Override
    public List<FeedEntry> readAfter(String key, String afterId, int count, Duration block) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + block.toNanos();
            while (true) {
                Feed f = live(key);
                if (f != null) {
                    List<FeedEntry> out = f.entries.stream().filter(e -> compareIds(e.id(), afterId) > 0).limit(count).toList();
                    if (!out.isEmpty()) {
                        return out;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                appended.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<FeedEntry> newest(String key, int count) {
        return locked(() -> {
            Feed f = live(key);
            if (f == null) {
                return List.<FeedEntry>of();
            }
            List<FeedEntry> out = new ArrayList<>();
            for (int i = f.entries.size() - 1; i >= 0 && out.size() < count; i--) {
                out.add(f.entries.get(i));
            }
            return out;
        });
    }

    @Override
    public String lastId(String key) {
        return locked(() -> {
            Feed f = live(key);
            return f == null || f.entries.isEmpty() ? "0" : f.entries.getLast().id();
        });
    }

    @Override
    public DurableQueue queue(String name) {
        return queues.computeIfAbsent(name, n -> new MemoryQueue(this, n, lock, appended));
    }

    @Override
    public String articlePut(String id, String json) {
        return locked(() -> {
            hash(keys.articles()).put(id, json);
            hash(keys.retired()).remove(id);
            return appendLocked(keys.kbChanges(), Map.of("op", "upsert", "id", id), KB_FEED_MAX);
        });
    }

    @Override
    public String articleSeed(String id, String json) {
        return locked(() -> {
            if (hash(keys.articles()).containsKey(id) || hash(keys.retired()).containsKey(id)) {
                return null;
            }
            hash(keys.articles()).put(id, json);
            return appendLocked(keys.kbChanges(), Map.of("op", "upsert", "id", id), KB_FEED_MAX);
        });
    }

    @Override
    public String articleRetire(String id) {
        return locked(() -> {
            if (hash(keys.articles()).remove(id) == null) {
                return null;
            }
            hash(keys.retired()).put(id, now().toString());
            return appendLocked(keys.kbChanges(), Map.of("op", "retire", "id", id), KB_FEED_MAX);
        });
    }

    @Override
    public Map<String, String> articleAll() {
        return hashAll(keys.articles());
    }

    /** Change events kept for nodes that fall behind; older ones are covered by the full load at start. */
    static final int KB_FEED_MAX = 100_000;

    @Override
    public void close() {
    }

    // used by MemoryQueue
    Map<String, Object> data() {
        return data;
    }

    static Comparator<String> idOrder() {
        return MemoryStore::compareIds;
    }
}
