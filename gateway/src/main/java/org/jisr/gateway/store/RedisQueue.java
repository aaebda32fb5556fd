package org.jisr.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A queue on one Redis stream with one consumer group ("workers"); all its keys share the queue's hash tag. */
final class RedisQueue implements DurableQueue {

    static final String GROUP = "workers";
    /** How long an order key's numbering is kept after its last use (longer than any retry window). */
    static final Duration ORDER_KEEP = Duration.ofDays(7);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() { };

    private final RedisStore store;
    private final String name;
    private final String stream;
    private final String dead;
    private final String delayed;
    private volatile boolean groupReady;

    RedisQueue(RedisStore store, String name) {
        this.store = store;
        this.name = name;
        this.stream = store.keys().stream(name);
        this.dead = store.keys().dead(name);
        this.delayed = store.keys().delayed(name);
    }

    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            // from the start ("0"), so entries added before the group existed are still handled
            RedisStore.call(() -> store.redis().xgroupCreate(stream, GROUP, new StreamEntryID(), true));
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
        groupReady = true;
    }

    @Override
    public String name() {
        return name;
    }

    String stream() {
        return stream;
    }

    private static List<String> flat(Map<String, String> fields) {
        List<String> out = new ArrayList<>(fields.size() * 2);
        fields.forEach((k, v) -> {
            out.add(k);
            out.add(v);
        });
        return out;
    }

    @Override
    public boolean addIfNew(String dedupeId, Duration keep, Map<String, String> fields) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(keep.toMillis()));
        args.addAll(flat(fields));
        Object r = RedisStore.call(() -> Scripts.ADD_IF_NEW.run(store.redis(), List.of(store.keys().seen(name, dedupeId), stream), args));
        return Long.valueOf(1).equals(r);
    }

    @Override
    public boolean addIfNewInOrder(String dedupeId, Duration keep, String orderKey, Map<String, String> fields) {
        LuaScript.Call c = addIfNewInOrderCall(dedupeId, keep, orderKey, fields);
        Object r = RedisStore.call(() -> c.script().run(store.redis(), c.keys(), c.args()));
        return Long.valueOf(1).equals(r);
    }

    LuaScript.Call addIfNewInOrderCall(String dedupeId, Duration keep, String orderKey, Map<String, String> fields) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(keep.toMillis())); // the dedupe mark: as long as asked (a day), not the order's week
        args.add(orderKey);
        args.add(Long.toString(ORDER_KEEP.toMillis()));
        args.addAll(flat(fields));
        return new LuaScript.Call(Scripts.ADD_IN_ORDER,
                List.of(store.keys().seen(name, dedupeId), stream, store.keys().orderSeq(name, orderKey)), args);
    }

    @Override
    public long doneUpTo(String orderKey) {
        String v = RedisStore.call(() -> store.redis().get(store.keys().orderDone(name, orderKey)));
        return v == null ? 0 : Long.parseLong(v);
    }

    @Override
    public void ack(QueueEntry entry) {
        RedisBatch b = new RedisBatch(store);
        b.ack(this, entry);
        b.commit();
    }

    /** The acknowledgement of an ordered entry, which raises its order's done mark. */
    LuaScript.Call ackCall(QueueEntry entry) {
        return new LuaScript.Call(Scripts.ACK_IN_ORDER, List.of(stream, store.keys().orderDone(name, entry.orderKey())),
                List.of(GROUP, entry.id(), Long.toString(entry.seq()), Long.toString(ORDER_KEEP.toMillis())));
    }

    @Override
    public String add(Map<String, String> fields) {
        return RedisStore.call(() -> store.redis().xadd(stream, StreamEntryID.NEW_ENTRY, fields)).toString();
    }

    @Override
    public List<QueueEntry> read(String consumer, int count, Duration block) {
        ensureGroup();
        XReadGroupParams p = XReadGroupParams.xReadGroupParams().count(count);
        if (!block.isZero()) {
            p.block((int) block.toMillis());
        }
        List<QueueEntry> out = new ArrayList<>();
        try {
            var r = RedisStore.call(() -> store.redis().xreadGroup(GROUP, consumer, p,
                    Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
            if (r != null) {
                for (var s : r) {
                    for (StreamEntry e : s.getValue()) {
                        out.add(new QueueEntry(e.getID().toString(), e.getFields(), 1));
                    }
                }
            }
        } catch (JedisDataException e) {
            if (String.valueOf(e.getMessage()).contains("NOGROUP")) { // the stream was deleted: recreate
                groupReady = false;
                return List.of();
            }
            throw e;
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<QueueEntry> claimIdle(String consumer, Duration minIdle, int count) {
        ensureGroup();
        Object r = RedisStore.call(() -> Scripts.CLAIM.run(store.redis(), List.of(stream),
                List.of(GROUP, consumer, Long.toString(minIdle.toMillis()), Integer.toString(count))));
        List<QueueEntry> out = new ArrayList<>();
        for (Object o : (List<Object>) r) {
            List<Object> e = (List<Object>) o;
            List<Object> kv = (List<Object>) e.get(1);
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i + 1 < kv.size(); i += 2) {
                fields.put((String) kv.get(i), (String) kv.get(i + 1));
            }
            out.add(new QueueEntry((String) e.get(0), fields, (Long) e.get(2)));
        }
        return out;
    }

    @Override
    public void ack(String id) {
        ack(new QueueEntry(id, Map.of(), 1));
    }

    @Override
    public void releaseAndAck(String lockKey, String owner, String id) {
        RedisBatch b = new RedisBatch(store);
        b.releaseAndAck(this, lockKey, owner, new QueueEntry(id, Map.of(), 1));
        b.commit();
    }

    @Override
    public void retryAt(QueueEntry entry, Instant due) {
        String member = JSON.writeValueAsString(Map.of("n", UUID.randomUUID().toString(), "f", entry.fields()));
        RedisStore.call(() -> Scripts.RETRY_AT.run(store.redis(), List.of(stream, delayed),
                List.of(GROUP, entry.id(), Long.toString(due.toEpochMilli()), member)));
    }

    @Override
    public int promoteDue(Instant now, int max) {
        Object r = RedisStore.call(() -> Scripts.PROMOTE.run(store.redis(), List.of(delayed, stream),
                List.of(Long.toString(now.toEpochMilli()), Integer.toString(max))));
        return ((Long) r).intValue();
    }

    @Override
    public void deadLetter(QueueEntry entry, String reason) {
        RedisStore.call(() -> Scripts.DEAD_LETTER.run(store.redis(), List.of(stream, dead),
                List.of(GROUP, entry.id(), reason, Instant.now().toString(), JSON.writeValueAsString(entry.fields()), name)));
        if (entry.orderKey() != null) { // the order key's later entries need not wait for this one
            RedisStore.call(() -> Scripts.DONE_IN_ORDER.run(store.redis(), List.of(store.keys().orderDone(name, entry.orderKey())),
                    List.of(Long.toString(entry.seq()), Long.toString(ORDER_KEEP.toMillis()))));
        }
    }

    @Override
    public void addDeadLetter(Map<String, String> fields, String reason) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("reason", reason);
        entry.put("at", Instant.now().toString());
        entry.put("fields", JSON.writeValueAsString(fields));
        entry.put("queue", name);
        // same shape and cap as the DEAD_LETTER script's entries
        RedisStore.call(() -> store.redis().xadd(dead, redis.clients.jedis.params.XAddParams.xAddParams()
                .maxLen(100_000).approximateTrimming(), entry));
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        List<DeadLetter> out = new ArrayList<>();
        for (StreamEntry e : RedisStore.call(() -> store.redis().xrange(dead, "-", "+", limit))) {
            Map<String, String> f = e.getFields();
            out.add(new DeadLetter(e.getID().toString(), name, f.get("reason"), Instant.parse(f.get("at")),
                    JSON.readValue(f.get("fields"), FIELDS)));
        }
        return out;
    }

    @Override
    public boolean requeue(String deadLetterId) {
        if (!deadLetterId.matches("\\d+-\\d+")) {
            return false;
        }
        Object r = RedisStore.call(() -> Scripts.REQUEUE.run(store.redis(), List.of(dead, stream), List.of(deadLetterId)));
        return Long.valueOf(1).equals(r);
    }

    @Override
    public long depth() {
        return RedisStore.call(() -> store.redis().xlen(stream));
    }

    @Override
    public long delayedCount() {
        return RedisStore.call(() -> store.redis().zcard(delayed));
    }

    @Override
    public long deadCount() {
        return RedisStore.call(() -> store.redis().xlen(dead));
    }
}
