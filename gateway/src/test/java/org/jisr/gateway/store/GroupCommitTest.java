package org.jisr.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jisr.gateway.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Intake's dedupe-and-enqueue, sent in pipelines shared by many threads, on the real Redis. */
class GroupCommitTest {

    private final RedisStore store = TestRedis.store(TestRedis.uniquePrefix());

    @AfterEach
    void cleanUp() {
        store.deleteAllWithPrefix();
        store.close();
    }

    @Test
    void manyThreadsAddingTheSameMessagesStoreEachOnceAndEachCallerHearsItsOwnAnswer() throws Exception {
        DurableQueue q = store.queue("in");
        int messages = 2_000;
        int threads = 48;
        Map<String, AtomicInteger> firsts = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = t;
            done.add(pool.submit(() -> {
                go.await();
                // every message is offered by two threads, as a provider retrying while the first call is in flight
                for (int i = from % (threads / 2); i < messages; i += threads / 2) {
                    String id = "m" + i;
                    if (q.addIfNew(id, Duration.ofMinutes(5), Map.of("id", id))) {
                        firsts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(firsts).hasSize(messages);
        assertThat(firsts.values()).allSatisfy(n -> assertThat(n.get()).as("accepted once").isEqualTo(1));
        assertThat(q.depth()).isEqualTo(messages);
        List<String> stored = q.read("c", messages + 10, Duration.ZERO).stream().map(e -> e.fields().get("id")).toList();
        assertThat(stored).doesNotHaveDuplicates().hasSize(messages);
    }

    @Test
    void callsStillSucceedAfterRedisLostItsScripts() {
        DurableQueue q = store.queue("in");
        assertThat(q.addIfNew("a", Duration.ofMinutes(5), Map.of("id", "a"))).isTrue();
        store.redis().scriptFlush(); // as after a Redis restart: the pipelined EVALSHA answers NOSCRIPT
        assertThat(q.addIfNew("b", Duration.ofMinutes(5), Map.of("id", "b"))).isTrue();
        assertThat(q.addIfNew("a", Duration.ofMinutes(5), Map.of("id", "a"))).as("still deduped").isFalse();
        assertThat(q.depth()).isEqualTo(2);
    }

    @Test
    void aScriptErrorFailsOnlyItsOwnCall() {
        store.redis().set(store.keys().stream("broken"), "not a stream"); // XADD on it answers WRONGTYPE
        assertThatThrownBy(() -> store.queue("broken").addIfNew("x", Duration.ofMinutes(5), Map.of("id", "x")))
                .hasMessageContaining("WRONGTYPE");
        assertThat(store.queue("in").addIfNew("y", Duration.ofMinutes(5), Map.of("id", "y"))).isTrue();
    }

    @Test
    void anUnreachableRedisIsReportedAsUnavailableSoTheProviderRetries() {
        try (RedisStore down = new RedisStore("redis://127.0.0.1:1", new Keys(TestRedis.uniquePrefix()), 2)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> down.queue("in").addIfNew("z", Duration.ofMinutes(5), Map.of("id", "z")))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(9));
        }
    }

    @Test
    void aClosedStoreRefusesAtOnce() {
        RedisStore closed = TestRedis.store(TestRedis.uniquePrefix());
        closed.queue("in").addIfNew("first", Duration.ofMinutes(5), Map.of("id", "first"));
        closed.deleteAllWithPrefix();
        closed.close();
        assertThatThrownBy(() -> closed.queue("in").addIfNew("late", Duration.ofMinutes(5), Map.of("id", "late")))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
