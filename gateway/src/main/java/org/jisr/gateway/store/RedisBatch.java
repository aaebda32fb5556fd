package org.jisr.gateway.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/**
 * A batch sent as one pipeline: one round trip for a turn's person record, replies and history, or for a sent
 * message's delivery record and its acknowledgement.
 */
final class RedisBatch implements Store.Batch {

    /** One gathered write; {@code script} is set for a script call, run again alone if Redis lost the script. */
    private record Write(Function<AbstractPipeline, Response<?>> send, LuaScript.Call script) {
    }

    private final RedisStore store;
    private final List<Write> writes = new ArrayList<>();

    RedisBatch(RedisStore store) {
        this.store = store;
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        store.wrote(key);
        writes.add(new Write(p -> ttl == null ? p.set(key, value) : p.set(key, value, SetParams.setParams().px(RedisStore.ms(ttl))), null));
    }

    @Override
    public void pushCappedAll(String key, List<String> values, int max, Duration ttl) {
        if (!values.isEmpty()) {
            script(RedisStore.pushCappedAllCall(key, values, max, ttl));
        }
    }

    @Override
    public void addIfNewInOrder(DurableQueue queue, String dedupeId, Duration keep, String orderKey, Map<String, String> fields) {
        script(((RedisQueue) queue).addIfNewInOrderCall(dedupeId, keep, orderKey, fields));
    }

    @Override
    public void ack(DurableQueue queue, DurableQueue.QueueEntry entry) {
        script(((RedisQueue) queue).ackCall(entry));
    }

    private void script(LuaScript.Call c) {
        writes.add(new Write(p -> p.evalsha(c.script().sha(), c.keys(), c.args()), c));
    }

    @Override
    public void commit() {
        if (writes.isEmpty()) {
            return;
        }
        List<Write> now = List.copyOf(writes);
        writes.clear();
        RedisStore.call(() -> {
            List<Response<?>> rs = new ArrayList<>(now.size());
            try (AbstractPipeline p = store.redis().pipelined()) {
                for (Write w : now) {
                    rs.add(w.send().apply(p));
                }
                p.sync();
            }
            RuntimeException failed = null;
            for (int i = 0; i < now.size(); i++) { // every answer is looked at: a lost script is run again, alone
                try {
                    LuaScript.resultOrRerun(rs.get(i), now.get(i).script(), store.redis());
                } catch (RuntimeException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                throw failed;
            }
            return null;
        });
    }
}
