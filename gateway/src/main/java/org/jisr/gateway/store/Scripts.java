package org.jisr.gateway.store;

/**
 * The Lua scripts of {@link RedisStore} and {@link RedisQueue}. Each touches only keys of one hash tag.
 * Times come from Redis ({@code TIME}) so that every node shares one clock.
 */
final class Scripts {

    private Scripts() {
    }

    private static final String NOW_MS = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /** KEYS: bucket. ARGV: tokens per ms, burst, ttl ms. Returns 1 when a token was taken. */
    static final LuaScript TOKEN_BUCKET = LuaScript.of(NOW_MS + """
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(b[1])
            local at = tonumber(b[2])
            if tokens == nil or at == nil then tokens = burst; at = now end
            tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
            local ok = 0
            if tokens >= 1 then tokens = tokens - 1; ok = 1 end
            redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%d', now))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return ok
            """);

    /** KEYS: slot. ARGV: interval ms. Returns the wait in ms until the reserved slot. */
    static final LuaScript RESERVE_SLOT = LuaScript.of(NOW_MS + """
            local interval = tonumber(ARGV[1])
            local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
            local slot = math.max(now, nxt)
            redis.call('SET', KEYS[1], string.format('%d', slot + interval), 'PX', string.format('%d', slot - now + interval + 1000))
            return slot - now
            """);

    /** KEYS: key. ARGV: '1' expected present / '0' absent, expected, value, ttl ms (0: none). */
    static final LuaScript COMPARE_AND_SET = LuaScript.of("""
            local cur = redis.call('GET', KEYS[1])
            if ARGV[1] == '0' then
              if cur then return 0 end
            elseif cur ~= ARGV[2] then
              return 0
            end
            if tonumber(ARGV[4]) > 0 then
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
            else
              redis.call('SET', KEYS[1], ARGV[3])
            end
            return 1
            """);

    /** KEYS: hash. ARGV: field, delta, ttl ms (0: none). Returns the new value. */
    static final LuaScript HASH_INCREMENT = LuaScript.of("""
            local v = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
            if tonumber(ARGV[3]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            return v
            """);

    /** KEYS: hash. ARGV: ttl ms (0: none), field/delta pairs. */
    static final LuaScript HASH_INCREMENT_ALL = LuaScript.of("""
            for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
            if tonumber(ARGV[1]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return 1
            """);

    /** KEYS: sorted set. ARGV: member, score, max. Returns 1 when the member is in the set afterwards. */
    static final LuaScript INDEX_ADD_IF_BELOW = LuaScript.of("""
            if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 1 end
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            return 1
            """);

    /** KEYS: list. ARGV: value, max, ttl ms (0: none). */
    static final LuaScript PUSH_CAPPED = LuaScript.of("""
            redis.call('LPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
            if tonumber(ARGV[3]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            return 1
            """);

    /** KEYS: list. ARGV: max, ttl ms (0: none), values (pushed in order: the last is the newest). */
    static final LuaScript PUSH_CAPPED_ALL = LuaScript.of("""
            for i = 3, #ARGV do redis.call('LPUSH', KEYS[1], ARGV[i]) end
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[1]) - 1)
            if tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 1
            """);

    /** KEYS: feed. ARGV: maxlen, ttl ms (0: none), field/value pairs. Returns the id. */
    static final LuaScript APPEND = LuaScript.of("""
            local args = {}
            for i = 3, #ARGV do args[#args + 1] = ARGV[i] end
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(args))
            if tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return id
            """);

    /**
     * KEYS: feed, refs (hash: ref -> entry id). ARGV: maxlen, ttl ms (0: none), ref, field/value pairs. Returns the
     * entry's id: the earlier one when the ref is known. Past twice maxlen refs, those of entries the feed no longer
     * holds are dropped, so the hash stays about as small as the feed.
     */
    static final LuaScript APPEND_ONCE = LuaScript.of("""
            local had = redis.call('HGET', KEYS[2], ARGV[3])
            if had then return had end
            local args = {}
            for i = 4, #ARGV do args[#args + 1] = ARGV[i] end
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(args))
            redis.call('HSET', KEYS[2], ARGV[3], id)
            if redis.call('HLEN', KEYS[2]) > 2 * tonumber(ARGV[1]) then
              local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1][1]
              local oms, oseq = string.match(oldest, '(%d+)-(%d+)')
              oms, oseq = tonumber(oms), tonumber(oseq)
              local all = redis.call('HGETALL', KEYS[2])
              for i = 1, #all, 2 do
                local ms, seq = string.match(all[i + 1], '(%d+)-(%d+)')
                ms, seq = tonumber(ms), tonumber(seq)
                if ms < oms or (ms == oms and seq < oseq) then redis.call('HDEL', KEYS[2], all[i]) end
              end
            end
            if tonumber(ARGV[2]) > 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              redis.call('PEXPIRE', KEYS[2], ARGV[2])
            end
            return id
            """);

    /**
     * Dedupe and enqueue in one step. KEYS: seen mark, stream. ARGV: ttl ms, field/value pairs.
     * The mark is written after the XADD, so a failed append never leaves a mark that would drop the retry.
     */
    static final LuaScript ADD_IF_NEW = LuaScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            local args = {}
            for i = 2, #ARGV do args[#args + 1] = ARGV[i] end
            redis.call('XADD', KEYS[2], '*', unpack(args))
            redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
            return 1
            """);

    /**
     * Dedupe, number within an order key and enqueue in one step. KEYS: seen mark, stream, order seq. ARGV: dedupe
     * ttl ms, order key, order ttl ms, field/value pairs. The number is stored after the XADD, so a failed append
     * leaves no gap.
     */
    static final LuaScript ADD_IN_ORDER = LuaScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            local seq = tonumber(redis.call('GET', KEYS[3]) or '0') + 1
            local args = {}
            for i = 4, #ARGV do args[#args + 1] = ARGV[i] end
            args[#args + 1] = 'order'; args[#args + 1] = ARGV[2]
            args[#args + 1] = 'seq'; args[#args + 1] = tostring(seq)
            redis.call('XADD', KEYS[2], '*', unpack(args))
            redis.call('SET', KEYS[3], tostring(seq), 'PX', ARGV[3])
            redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
            return 1
            """);

    /** KEYS: stream, order done. ARGV: group, id, seq, ttl ms. Acknowledges and raises the done mark. */
    static final LuaScript ACK_IN_ORDER = LuaScript.of("""
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[1], ARGV[2])
            local done = tonumber(redis.call('GET', KEYS[2]) or '0')
            if tonumber(ARGV[3]) > done then redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4]) end
            return 1
            """);

    /** KEYS: order done. ARGV: seq, ttl ms. */
    static final LuaScript DONE_IN_ORDER = LuaScript.of("""
            local done = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tonumber(ARGV[1]) > done then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
            return 1
            """);

    /** KEYS: lock. ARGV: owner. Deletes the lock only while this owner holds it. */
    static final LuaScript RELEASE = LuaScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    /** KEYS: stream, delayed. ARGV: group, id, due ms, member. */
    static final LuaScript RETRY_AT = LuaScript.of("""
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[1], ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            return 1
            """);

    /** KEYS: delayed, stream. ARGV: now ms, max. Members are JSON {"n": nonce, "f": {fields}}. */
    static final LuaScript PROMOTE = LuaScript.of("""
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, m in ipairs(due) do
              local f = cjson.decode(m)['f']
              local args = {}
              for k, v in pairs(f) do args[#args + 1] = k; args[#args + 1] = v end
              redis.call('XADD', KEYS[2], '*', unpack(args))
              redis.call('ZREM', KEYS[1], m)
            end
            return #due
            """);

    /** KEYS: stream, dead. ARGV: group, id, reason, at, fields JSON, queue. */
    static final LuaScript DEAD_LETTER = LuaScript.of("""
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[1], ARGV[2])
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', 'reason', ARGV[3], 'at', ARGV[4], 'fields', ARGV[5], 'queue', ARGV[6])
            return 1
            """);

    /** KEYS: dead, stream. ARGV: dead id. */
    static final LuaScript REQUEUE = LuaScript.of("""
            local e = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
            if #e == 0 then return 0 end
            local kv = e[1][2]
            local fields = nil
            for i = 1, #kv, 2 do if kv[i] == 'fields' then fields = kv[i + 1] end end
            local args = {}
            for k, v in pairs(cjson.decode(fields)) do args[#args + 1] = k; args[#args + 1] = v end
            redis.call('XADD', KEYS[2], '*', unpack(args))
            redis.call('XDEL', KEYS[1], ARGV[1])
            return 1
            """);

    /** KEYS: stream. ARGV: group, consumer, min idle ms, count. Returns {id, {k, v, …}, deliveries}…. */
    static final LuaScript CLAIM = LuaScript.of("""
            local r = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', ARGV[4])
            local out = {}
            for _, e in ipairs(r[2]) do
              if e then
                local p = redis.call('XPENDING', KEYS[1], ARGV[1], e[1], e[1], 1)
                local n = 1
                if p[1] then n = p[1][4] end
                out[#out + 1] = {e[1], e[2], n}
              end
            end
            return out
            """);

    /** KEYS: articles, retired, changes. ARGV: id, json. */
    static final LuaScript ARTICLE_PUT = LuaScript.of("""
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return redis.call('XADD', KEYS[3], 'MAXLEN', '~', 100000, '*', 'op', 'upsert', 'id', ARGV[1])
            """);

    /** KEYS: articles, retired, changes. ARGV: id, json. Returns false when the id is known. */
    static final LuaScript ARTICLE_SEED = LuaScript.of("""
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 or redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
              return false
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return redis.call('XADD', KEYS[3], 'MAXLEN', '~', 100000, '*', 'op', 'upsert', 'id', ARGV[1])
            """);

    /** KEYS: articles, retired, changes. ARGV: id, at. */
    static final LuaScript ARTICLE_RETIRE = LuaScript.of("""
            if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return false end
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            return redis.call('XADD', KEYS[3], 'MAXLEN', '~', 100000, '*', 'op', 'retire', 'id', ARGV[1])
            """);
}
