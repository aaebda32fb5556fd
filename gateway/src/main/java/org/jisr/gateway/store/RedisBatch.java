package org.jisr.gateway.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.SetParams;

/**
 * A batch sent as one pipeline: one round trip for a turn's person record, replies and history, or for a sent
 * message's delivery record and its acknowledgement; or sent ahead of a worker's next lock ({@link #sendInto}).
 * Plain commands where a script is not needed: a script costs Redis several times a plain command.
 */
final class RedisBatch implements Store.Batch {

    /** One gathered command; {@code script} is set for a script call, run again alone if Redis lost the script. */
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

    /**
     * LPUSH, LTRIM and PEXPIRE rather than the one-step script: another client may see the list above its cap for a
     * moment, which a capped history does not mind.
     */
    @Override
    public void pushCappedAll(String key, List<String> values, int max, Duration ttl) {
        if (values.isEmpty()) {
            return;
        }
        String[] pushed = values.toArray(String[]::new);
        plain(p -> p.lpush(key, pushed));
        plain(p -> p.ltrim(key, 0, max - 1));
        if (ttl != null) {
            plain(p -> p.pexpire(key, RedisStore.ms(ttl)));
        }
    }

    @Override
    public void addIfNewInOrder(DurableQueue queue, String dedupeId, Duration keep, String orderKey, Map<String, String> fields) {
        script(((RedisQueue) queue).addIfNewInOrderCall(dedupeId, keep, orderKey, fields));
    }

    @Override
    public void ack(DurableQueue queue, DurableQueue.QueueEntry entry) {
        RedisQueue q = (RedisQueue) queue;
        if (entry.orderKey() != null) {
            script(q.ackCall(entry)); // raises the order's done mark with the acknowledgement
            return;
        }
        StreamEntryID id = new StreamEntryID(entry.id());
        plain(p -> p.xack(q.stream(), RedisQueue.GROUP, id));
        plain(p -> p.xdel(q.stream(), id));
    }

    @Override
    public void releaseAndAck(DurableQueue queue, String lockKey, String owner, DurableQueue.QueueEntry entry) {
        script(new LuaScript.Call(Scripts.RELEASE, List.of(lockKey), List.of(owner)));
        ack(queue, entry);
    }

    private void plain(Function<AbstractPipeline, Response<?>> send) {
        writes.add(new Write(send, null));
    }

    private void script(LuaScript.Call c) {
        writes.add(new Write(p -> p.evalsha(c.script().sha(), c.keys(), c.args()), c));
    }

    /** What was sent into a pipeline, to be checked once it is synced. */
    final class Sent {
        private final List<Write> sent;
        private final List<Response<?>> replies;

        private Sent(List<Write> sent, List<Response<?>> replies) {
            this.sent = sent;
            this.replies = replies;
        }

        /** Every answer is looked at: a lost script is run again, alone; the first failure is thrown. */
        void check() {
            RuntimeException failed = null;
            for (int i = 0; i < sent.size(); i++) {
                try {
                    LuaScript.resultOrRerun(replies.get(i), sent.get(i).script(), store.redis());
                } catch (RuntimeException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** Moves what was gathered into {@code p}, ahead of the caller's own commands in the same round trip. */
    Sent sendInto(AbstractPipeline p) {
        List<Write> now = List.copyOf(writes);
        writes.clear();
        List<Response<?>> rs = new ArrayList<>(now.size());
        for (Write w : now) {
            rs.add(w.send().apply(p));
        }
        return new Sent(now, rs);
    }

    @Override
    public void commit() {
        if (writes.isEmpty()) {
            return;
        }
        RedisStore.call(() -> {
            Sent sent;
            try (AbstractPipeline p = store.redis().pipelined()) {
                sent = sendInto(p);
                p.sync();
            }
            sent.check();
            return null;
        });
    }
}
