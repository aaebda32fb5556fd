package org.jisr.gateway.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script run by its SHA (EVALSHA), loaded on first use or after a Redis restart. */
record LuaScript(String source, String sha) {

    static LuaScript of(String source) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(source, HexFormat.of().formatHex(d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, args);
        }
    }

    /** One script call of {@link #runAll}. */
    record Call(LuaScript script, List<String> keys, List<String> args) {
    }

    /**
     * Runs the calls in order in one pipeline: one round trip, though not one atomic step (their keys may live in
     * different cluster slots). A call whose script Redis no longer has (after a restart) is run again alone, which
     * loads it; every call runs once.
     */
    static List<Object> runAll(UnifiedJedis redis, List<Call> calls) {
        List<Response<?>> rs = new ArrayList<>(calls.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (Call c : calls) {
                rs.add(p.evalsha(c.script().sha(), c.keys(), c.args()));
            }
            p.sync();
        }
        List<Object> out = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            out.add(resultOrRerun(rs.get(i), calls.get(i), redis));
        }
        return out;
    }

    /** A pipelined reply; a script call ({@code call} not null) Redis did not have is run again alone, which loads it. */
    static Object resultOrRerun(Response<?> reply, Call call, UnifiedJedis redis) {
        try {
            return reply.get();
        } catch (JedisDataException e) {
            if (call == null || !String.valueOf(e.getMessage()).startsWith("NOSCRIPT")) {
                throw e;
            }
            return call.script().run(redis, call.keys(), call.args());
        }
    }
}
