package org.jisr.gateway.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A batch for a store without round trips: the writes are gathered, then made one after another at the commit. */
final class GatheredBatch implements Store.Batch {

    private final Store store;
    private final List<Runnable> writes = new ArrayList<>();

    GatheredBatch(Store store) {
        this.store = store;
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        writes.add(() -> store.put(key, value, ttl));
    }

    @Override
    public void pushCappedAll(String key, List<String> values, int max, Duration ttl) {
        writes.add(() -> store.pushCappedAll(key, values, max, ttl));
    }

    @Override
    public void releaseAndAck(DurableQueue queue, String lockKey, String owner, DurableQueue.QueueEntry entry) {
        writes.add(() -> queue.releaseAndAck(lockKey, owner, entry.id()));
    }

    @Override
    public void addIfNewInOrder(DurableQueue queue, String dedupeId, Duration keep, String orderKey, Map<String, String> fields) {
        writes.add(() -> queue.addIfNewInOrder(dedupeId, keep, orderKey, fields));
    }

    @Override
    public void ack(DurableQueue queue, DurableQueue.QueueEntry entry) {
        writes.add(() -> queue.ack(entry));
    }

    @Override
    public void commit() {
        List<Runnable> now = List.copyOf(writes);
        writes.clear();
        now.forEach(Runnable::run);
    }
}
