package org.jisr.gateway.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
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

    /** One script call, for a pipeline. */
    record Call(LuaScript script, List<String> keys, List<String> args) {
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
