package org.jisr.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** In-memory consumer-group queue, mirroring the Redis Streams semantics of {@link RedisQueue}. */
final class MemoryQueue implements DurableQueue {

    private record Pending(String consumer, Instant deliveredAt, long deliveries) {
    }

    private record Delayed(Instant due, Map<String, String> fields) {
    }

    private final MemoryStore store;
    private final String name;
    private final ReentrantLock lock;
    private final Condition appended;
    private final TreeMap<String, Map<String, String>> entries = new TreeMap<>(MemoryStore.idOrder());
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final TreeMap<String, DeadLetter> dead = new TreeMap<>(MemoryStore.idOrder());
    private final List<Delayed> delayed = new ArrayList<>();
    private String lastDelivered = "0-0";
    private final Map<String, Long> orderSeq = new java.util.HashMap<>();
    private final Map<String, Long> orderDone = new java.util.HashMap<>();

    MemoryQueue(MemoryStore store, String name, ReentrantLock lock, Condition appended) {
        this.store = store;
        this.name = name;
        this.lock = lock;
        this.appended = appended;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean addIfNew(String dedupeId, Duration keep, Map<String, String> fields) {
        return store.locked(() -> {
            if (!store.putIfAbsent(store.keys().seen(name, dedupeId), "1", keep)) {
                return false;
            }
            addLocked(fields);
            return true;
        });
    }

    @Override
    public boolean addIfNewInOrder(String dedupeId, Duration keep, String orderKey, Map<String, String> fields) {
        return store.locked(() -> {
            if (!store.putIfAbsent(store.keys().seen(name, dedupeId), "1", keep)) {
                return false;
            }
            long seq = orderSeq.merge(orderKey, 1L, Long::sum);
            Map<String, String> f = new LinkedHashMap<>(fields);
            f.put(ORDER, orderKey);
            f.put(SEQ, Long.toString(seq));
            addLocked(f);
            return true;
        });
    }

    @Override
    public long doneUpTo(String orderKey) {
        return store.locked(() -> orderDone.getOrDefault(orderKey, 0L));
    }

    @Override
    public void ack(QueueEntry entry) {
        store.locked(() -> {
            pending.remove(entry.id());
            entries.remove(entry.id());
            done(entry);
            return null;
        });
    }

    private void done(QueueEntry entry) {
        if (entry.orderKey() != null) {
            orderDone.merge(entry.orderKey(), entry.seq(), Math::max);
        }
    }

    @Override
    public String add(Map<String, String> fields) {
        return store.locked(() -> addLocked(fields));
    }

    private String addLocked(Map<String, String> fields) {
        String id = store.nextId();
        entries.put(id, Map.copyOf(fields));
        appended.signalAll();
        return id;
    }

    @Override
    public List<QueueEntry> read(String consumer, int count, Duration block) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + block.toNanos();
            while (true) {
                List<QueueEntry> out = new ArrayList<>();
                for (var e : entries.tailMap(lastDelivered, false).entrySet()) {
                    if (out.size() >= count) {
                        break;
                    }
                    pending.put(e.getKey(), new Pending(consumer, store.now(), 1));
                    out.add(new QueueEntry(e.getKey(), e.getValue(), 1));
                }
                if (!out.isEmpty()) {
                    lastDelivered = out.getLast().id();
                    return out;
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
    public List<QueueEntry> claimIdle(String consumer, Duration minIdle, int count) {
        return store.locked(() -> {
            List<QueueEntry> out = new ArrayList<>();
            Instant cutoff = store.now().minus(minIdle);
            for (var it = pending.entrySet().iterator(); it.hasNext() && out.size() < count; ) {
                var p = it.next();
                if (p.getValue().deliveredAt().isAfter(cutoff)) {
                    continue;
                }
                Map<String, String> fields = entries.get(p.getKey());
                if (fields == null) { // deleted meanwhile: drop from the pending list, as XAUTOCLAIM does
                    it.remove();
                    continue;
                }
                long n = p.getValue().deliveries() + 1;
                p.setValue(new Pending(consumer, store.now(), n));
                out.add(new QueueEntry(p.getKey(), fields, n));
            }
            return out;
        });
    }

    @Override
    public void ack(String id) {
        store.locked(() -> {
            pending.remove(id);
            entries.remove(id);
            return null;
        });
    }

    @Override
    public void releaseAndAck(String lockKey, String owner, String id) {
        store.locked(() -> {
            if (store.get(lockKey).filter(owner::equals).isPresent()) {
                store.delete(lockKey);
            }
            pending.remove(id);
            entries.remove(id);
            return null;
        });
    }

    @Override
    public void retryAt(QueueEntry entry, Instant due) {
        store.locked(() -> {
            pending.remove(entry.id());
            entries.remove(entry.id());
            delayed.add(new Delayed(due, entry.fields()));
            return null;
        });
    }

    @Override
    public int promoteDue(Instant now, int max) {
        return store.locked(() -> {
            int n = 0;
            delayed.sort((a, b) -> a.due().compareTo(b.due()));
            for (Iterator<Delayed> it = delayed.iterator(); it.hasNext() && n < max; ) {
                Delayed d = it.next();
                if (d.due().isAfter(now)) {
                    break;
                }
                it.remove();
                addLocked(d.fields());
                n++;
            }
            return n;
        });
    }

    @Override
    public void deadLetter(QueueEntry entry, String reason) {
        store.locked(() -> {
            pending.remove(entry.id());
            entries.remove(entry.id());
            String id = store.nextId();
            dead.put(id, new DeadLetter(id, name, reason, store.now(), entry.fields()));
            done(entry);
            return null;
        });
    }

    @Override
    public void addDeadLetter(Map<String, String> fields, String reason) {
        store.locked(() -> {
            String id = store.nextId();
            dead.put(id, new DeadLetter(id, name, reason, store.now(), Map.copyOf(fields)));
            return null;
        });
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return store.locked(() -> dead.values().stream().limit(limit).toList());
    }

    @Override
    public boolean requeue(String deadLetterId) {
        if (!deadLetterId.matches("\\d+-\\d+")) {
            return false;
        }
        return store.locked(() -> {
            DeadLetter d = dead.remove(deadLetterId);
            if (d == null) {
                return false;
            }
            addLocked(d.fields());
            return true;
        });
    }

    @Override
    public long depth() {
        return store.locked(() -> (long) entries.size());
    }

    @Override
    public long delayedCount() {
        return store.locked(() -> (long) delayed.size());
    }

    @Override
    public long deadCount() {
        return store.locked(() -> (long) dead.size());
    }
}
