package org.jisr.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/** The Redis adapter (Jedis {@link RedisClient}, pooled). Temporary keys get their TTL in the same call. */
public final class RedisStore implements Store {

    /**
     * Replies of a Redis that is up but cannot serve yet (loading its append-only file after a restart, failing over),
     * or is full (OOM: with noeviction it refuses writes until memory is freed).
     */
    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile("(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY|OOM)\\b");

    private final UnifiedJedis redis;
    private final Keys keys;
    private final Map<String, RedisQueue> queues = new ConcurrentHashMap<>();
    /** Values read ahead by this thread, each served once (see {@link Store#readAhead}). */
    private final ThreadLocal<Map<String, Optional<String>>> ahead = new ThreadLocal<>();
    /** Token bucket charges made ahead by this thread, each answering one {@link #tryAcquire} (see {@link Store#lockThenReadAhead}). */
    private final ThreadLocal<Map<String, Boolean>> charged = ThreadLocal.withInitial(java.util.HashMap::new);

    public RedisStore(String url, Keys keys, int poolSize) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(Math.min(32, poolSize)); // kept open: a spike after a quiet hour need not wait for connections
        pool.setMaxWait(Duration.ofSeconds(2));
        this.redis = RedisClient.builder().fromURI(url).poolConfig(pool).build();
        this.keys = keys;
    }

    /** Runs one Redis call; connection trouble becomes {@link StoreUnavailableException}. */
    static <T> T call(Supplier<T> op) {
        try {
            return op.get();
        } catch (JedisConnectionException e) {
            throw new StoreUnavailableException("Redis unavailable: " + e.getMessage(), e);
        } catch (redis.clients.jedis.exceptions.JedisException e) {
            if (e.getCause() instanceof java.util.NoSuchElementException || e.getMessage() != null
                    && (e.getMessage().contains("Could not get a resource") || TEMPORARY.matcher(e.getMessage()).lookingAt())) {
                throw new StoreUnavailableException("Redis unavailable: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    UnifiedJedis redis() {
        return redis;
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public Keys keys() {
        return keys;
    }

    @Override
    public void ping() {
        call(redis::ping);
    }

    /** Redis's {@code maxmemory_policy} (from {@code INFO memory}, allowed where {@code CONFIG} is not), if it says. */
    public Optional<String> evictionPolicy() {
        String info = call(() -> redis.info("memory"));
        return info.lines().filter(l -> l.startsWith("maxmemory_policy:")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
    }

    static long ms(Duration ttl) {
        return ttl == null ? 0 : Math.max(1, ttl.toMillis());
    }

    @Override
    public Optional<String> get(String key) {
        Map<String, Optional<String>> read = ahead.get();
        if (read != null) {
            Optional<String> v = read.remove(key);
            if (v != null) {
                return v;
            }
        }
        return Optional.ofNullable(call(() -> redis.get(key)));
    }

    @Override
    public void readAhead(List<String> keys) {
        readAheadAfter(null, null, List.of(), keys);
    }

    @Override
    public boolean lockThenReadAhead(Store.Batch before, Store.LockThenRead plan) {
        wrote(plan.key());
        SetParams nx = nx(plan.lease());
        // the reads are wasted when the lock was held: rare, and still one round trip
        return readAheadAfter((RedisBatch) before, p -> p.set(plan.key(), plan.owner(), nx), plan.charges(), plan.reads());
    }

    /**
     * One pipeline: {@code before}'s writes (null: none), {@code first} (a conditional write; null: none), the token
     * bucket charges, then the reads of {@code keys}; the values are kept only when {@code first} answered OK. A
     * pipeline, not MGET: the keys may live in different cluster slots.
     */
    private boolean readAheadAfter(RedisBatch before, java.util.function.Function<AbstractPipeline, Response<String>> first,
            List<Store.Charge> charges, List<String> keys) {
        Map<String, Optional<String>> read = new java.util.HashMap<>();
        List<LuaScript.Call> calls = charges.stream().map(this::tokenBucketCall).toList();
        boolean done = call(() -> {
            RedisBatch.Sent sent;
            Response<String> written;
            List<Response<Object>> taken = new ArrayList<>(calls.size());
            List<Response<String>> rs = new ArrayList<>(keys.size());
            try (AbstractPipeline p = redis.pipelined()) {
                sent = before == null ? null : before.sendInto(p);
                written = first == null ? null : first.apply(p);
                for (LuaScript.Call c : calls) {
                    taken.add(p.evalsha(c.script().sha(), c.keys(), c.args()));
                }
                for (String k : keys) {
                    rs.add(p.get(k));
                }
                p.sync();
            }
            if (sent != null) {
                sent.check();
            }
            for (int i = 0; i < calls.size(); i++) {
                charged.get().put(charges.get(i).bucket(), Long.valueOf(1).equals(LuaScript.resultOrRerun(taken.get(i), calls.get(i), redis)));
            }
            if (written != null && !"OK".equals(written.get())) {
                return false;
            }
            for (int i = 0; i < keys.size(); i++) {
                read.put(keys.get(i), Optional.ofNullable(rs.get(i).get()));
            }
            return true;
        });
        if (done) {
            ahead.set(read);
        }
        return done;
    }

    @Override
    public void forgetReadAhead() {
        ahead.remove();
        charged.get().clear(); // kept: a new map per message would be garbage on the hot path
    }

    /** A write by this thread makes a value it read ahead stale. */
    void wrote(String key) {
        Map<String, Optional<String>> read = ahead.get();
        if (read != null) {
            read.remove(key);
        }
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        wrote(key);
        call(() -> ttl == null ? redis.set(key, value) : redis.set(key, value, SetParams.setParams().px(ms(ttl))));
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration ttl) {
        wrote(key);
        SetParams p = nx(ttl);
        return "OK".equals(call(() -> redis.set(key, value, p)));
    }

    /** SET … NX, with the TTL when there is one. */
    private static SetParams nx(Duration ttl) {
        SetParams p = SetParams.setParams().nx();
        if (ttl != null) {
            p.px(ms(ttl));
        }
        return p;
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value, Duration ttl) {
        wrote(key);
        Object r = call(() -> Scripts.COMPARE_AND_SET.run(redis, List.of(key),
                List.of(expected == null ? "0" : "1", expected == null ? "" : expected, value, Long.toString(ms(ttl)))));
        return Long.valueOf(1).equals(r);
    }

    @Override
    public boolean delete(String key) {
        wrote(key);
        return call(() -> redis.del(key)) > 0;
    }

    @Override
    public Map<String, String> hashAll(String key) {
        return call(() -> redis.hgetAll(key));
    }

    @Override
    public Optional<String> hashGet(String key, String field) {
        return Optional.ofNullable(call(() -> redis.hget(key, field)));
    }

    @Override
    public void hashPut(String key, String field, String value) {
        call(() -> redis.hset(key, field, value));
    }

    @Override
    public void hashDelete(String key, String field) {
        call(() -> redis.hdel(key, field));
    }

    @Override
    public long hashIncrement(String key, String field, long delta, Duration ttl) {
        return (Long) call(() -> Scripts.HASH_INCREMENT.run(redis, List.of(key),
                List.of(field, Long.toString(delta), Long.toString(ms(ttl)))));
    }

    @Override
    public void hashIncrementAll(String key, Map<String, Long> deltas, Duration ttl) {
        if (deltas.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(1 + deltas.size() * 2);
        args.add(Long.toString(ms(ttl)));
        deltas.forEach((f, d) -> {
            args.add(f);
            args.add(Long.toString(d));
        });
        call(() -> Scripts.HASH_INCREMENT_ALL.run(redis, List.of(key), args));
    }

    @Override
    public void pushCapped(String key, String value, int max, Duration ttl) {
        call(() -> Scripts.PUSH_CAPPED.run(redis, List.of(key), List.of(value, Integer.toString(max), Long.toString(ms(ttl)))));
    }

    @Override
    public void pushCappedAll(String key, List<String> values, int max, Duration ttl) {
        if (values.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(2 + values.size());
        args.add(Integer.toString(max));
        args.add(Long.toString(ms(ttl)));
        args.addAll(values);
        call(() -> Scripts.PUSH_CAPPED_ALL.run(redis, List.of(key), args));
    }

    @Override
    public Store.Batch batch() {
        return new RedisBatch(this);
    }

    @Override
    public List<String> latest(String key, int max) {
        return call(() -> redis.lrange(key, 0, max - 1));
    }

    @Override
    public void indexAdd(String key, String member, double score) {
        call(() -> redis.zadd(key, score, member));
    }

    @Override
    public void indexRemove(String key, String member) {
        call(() -> redis.zrem(key, member));
    }

    @Override
    public List<String> indexRange(String key, int offset, int count) {
        return call(() -> redis.zrange(key, offset, offset + count - 1));
    }

    @Override
    public long indexSize(String key) {
        return call(() -> redis.zcard(key));
    }

    @Override
    public boolean indexAddIfBelow(String key, String member, double score, int max) {
        Object r = call(() -> Scripts.INDEX_ADD_IF_BELOW.run(redis, List.of(key),
                List.of(member, Double.toString(score), Integer.toString(max))));
        return Long.valueOf(1).equals(r);
    }

    @Override
    public boolean tryAcquire(String bucket, double perSecond, int burst) {
        Boolean ahead = charged.get().remove(bucket);
        if (ahead != null) {
            return ahead;
        }
        LuaScript.Call c = tokenBucketCall(new Store.Charge(bucket, perSecond, burst));
        Object r = call(() -> c.script().run(redis, c.keys(), c.args()));
        return Long.valueOf(1).equals(r);
    }

    private LuaScript.Call tokenBucketCall(Store.Charge c) {
        long ttl = (long) Math.ceil(c.burst() / c.perSecond() * 1000) + 1000;
        return new LuaScript.Call(Scripts.TOKEN_BUCKET, List.of(keys.rate(c.bucket())),
                List.of(Double.toString(c.perSecond() / 1000.0), Integer.toString(c.burst()), Long.toString(ttl)));
    }

    @Override
    public Duration reserveSlot(String name, Duration interval) {
        Object r = call(() -> Scripts.RESERVE_SLOT.run(redis, List.of(keys.slot(name)), List.of(Long.toString(interval.toMillis()))));
        return Duration.ofMillis((Long) r);
    }

    @Override
    public String append(String key, Map<String, String> fields, int maxLen, Duration ttl) {
        List<String> args = appendArgs(maxLen, ttl, List.of(), fields);
        return (String) call(() -> Scripts.APPEND.run(redis, List.of(key), args));
    }

    @Override
    public String appendOnce(String key, String refs, String ref, Map<String, String> fields, int maxLen, Duration ttl) {
        List<String> args = appendArgs(maxLen, ttl, List.of(ref), fields);
        return (String) call(() -> Scripts.APPEND_ONCE.run(redis, List.of(key, refs), args));
    }

    /** The feed scripts' arguments: max length, ttl ms, {@code extra}, then the field/value pairs. */
    private static List<String> appendArgs(int maxLen, Duration ttl, List<String> extra, Map<String, String> fields) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(maxLen));
        args.add(Long.toString(ms(ttl)));
        args.addAll(extra);
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return args;
    }

    @Override
    public List<FeedEntry> readAfter(String key, String afterId, int count, Duration block) {
        XReadParams p = XReadParams.xReadParams().count(count);
        if (!block.isZero()) {
            p.block((int) block.toMillis());
        }
        var r = call(() -> redis.xread(p, Map.of(key, new StreamEntryID(afterId.contains("-") ? afterId : afterId + "-0"))));
        List<FeedEntry> out = new ArrayList<>();
        if (r != null) {
            for (var stream : r) {
                for (StreamEntry e : stream.getValue()) {
                    out.add(new FeedEntry(e.getID().toString(), e.getFields()));
                }
            }
        }
        return out;
    }

    @Override
    public List<FeedEntry> newest(String key, int count) {
        var r = call(() -> redis.xrevrange(key, "+", "-", count));
        return r.stream().map(e -> new FeedEntry(e.getID().toString(), e.getFields())).toList();
    }

    @Override
    public String lastId(String key) {
        var r = call(() -> redis.xrevrange(key, "+", "-", 1));
        return r.isEmpty() ? "0" : r.getFirst().getID().toString();
    }

    @Override
    public DurableQueue queue(String name) {
        return queues.computeIfAbsent(name, n -> new RedisQueue(this, n));
    }

    @Override
    public String articlePut(String id, String json) {
        return (String) call(() -> Scripts.ARTICLE_PUT.run(redis, kbKeys(), List.of(id, json)));
    }

    @Override
    public String articleSeed(String id, String json) {
        Object r = call(() -> Scripts.ARTICLE_SEED.run(redis, kbKeys(), List.of(id, json)));
        return r instanceof String s ? s : null;
    }

    @Override
    public String articleRetire(String id) {
        Object r = call(() -> Scripts.ARTICLE_RETIRE.run(redis, kbKeys(), List.of(id, Instant.now().toString())));
        return r instanceof String s ? s : null;
    }

    private List<String> kbKeys() {
        return List.of(keys.articles(), keys.retired(), keys.kbChanges());
    }

    @Override
    public Map<String, String> articleAll() {
        return hashAll(keys.articles());
    }

    /** Deletes every key under this store's prefix (tests only: prefixes are unique per test). */
    public void deleteAllWithPrefix() {
        var params = new ScanParams().match(keys.prefix() + "*").count(1000);
        String cursor = "0";
        do {
            var page = redis.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                redis.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!"0".equals(cursor));
    }

    @Override
    public void close() {
        redis.close();
    }
}
