package org.jisr.gateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Script calls of many threads sent together ("group commit"): each caller hands its call over and waits for its
 * own answer, while one thread sends everything waiting in one pipeline. Under load, dozens of webhook calls share
 * one round trip and one connection borrow, and the more calls wait, the cheaper each one gets, so a backlog clears
 * instead of feeding itself. Each call is still its own atomic script, and a caller returns only once Redis has
 * answered its call: nothing is acknowledged before it is stored.
 */
final class GroupCommit implements AutoCloseable {

    /** Most calls in one pipeline (a few dozen in practice; the cap keeps one batch's reply small). */
    static final int MAX_BATCH = 256;
    /** Longer than Jedis's socket timeout: an answer or a failure always comes first, unless this thread died. */
    private static final long WAIT_MS = 10_000;

    private record Pending(LuaScript.Call call, CompletableFuture<Object> result) {
    }

    private final UnifiedJedis redis;
    /** Holds at most one call per waiting caller thread, so it needs no bound. */
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    GroupCommit(UnifiedJedis redis, String threadName) {
        this.redis = redis;
        this.thread = Thread.ofPlatform().daemon().name(threadName).start(this::loop);
    }

    /** Runs the call in the next pipeline and returns its reply; store trouble becomes {@link StoreUnavailableException}. */
    Object run(LuaScript.Call call) {
        Pending p = new Pending(call, new CompletableFuture<>());
        if (!running) {
            throw new StoreUnavailableException("the store is closed", null);
        }
        waiting.add(p);
        try {
            return p.result().get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreUnavailableException u) {
                throw new StoreUnavailableException(u.getMessage(), u); // this caller's stack, the batch's cause
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("Redis did not answer within " + WAIT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for Redis", e);
        }
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                break;
            }
            waiting.drainTo(batch, MAX_BATCH - 1);
            try {
                send(batch);
            } catch (RuntimeException e) { // never leave a caller waiting, whatever went wrong
                batch.forEach(p -> p.result().completeExceptionally(e));
            }
            batch.clear();
        }
        StoreUnavailableException closed = new StoreUnavailableException("the store is closed", null);
        for (Pending p; (p = waiting.poll()) != null; ) {
            p.result().completeExceptionally(closed);
        }
    }

    private void send(List<Pending> batch) {
        List<Response<Object>> replies = RedisStore.call(() -> {
            List<Response<Object>> rs = new ArrayList<>(batch.size());
            try (AbstractPipeline pipe = redis.pipelined()) {
                for (Pending p : batch) {
                    rs.add(pipe.evalsha(p.call().script().sha(), p.call().keys(), p.call().args()));
                }
                pipe.sync();
            }
            return rs;
        });
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            Response<Object> reply = replies.get(i);
            try {
                p.result().complete(RedisStore.call(reply::get));
            } catch (JedisDataException e) {
                if (!String.valueOf(e.getMessage()).startsWith("NOSCRIPT")) {
                    p.result().completeExceptionally(e);
                    continue;
                }
                try { // Redis restarted and lost its scripts: run this one alone, which loads it again
                    LuaScript.Call c = p.call();
                    p.result().complete(RedisStore.call(() -> c.script().run(redis, c.keys(), c.args())));
                } catch (RuntimeException again) {
                    p.result().completeExceptionally(again);
                }
            } catch (RuntimeException e) {
                p.result().completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StoreUnavailableException closed = new StoreUnavailableException("the store is closed", null);
        for (Pending p; (p = waiting.poll()) != null; ) {
            p.result().completeExceptionally(closed);
        }
    }
}
