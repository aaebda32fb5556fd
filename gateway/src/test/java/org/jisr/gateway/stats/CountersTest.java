package org.jisr.gateway.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jisr.gateway.TestRedis;
import org.jisr.gateway.store.MemoryStore;
import org.jisr.gateway.store.RedisStore;
import org.jisr.gateway.store.Store;
import org.jisr.gateway.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/** Dashboard counts are summed in memory and written in batches: none lost, own counts at once, others' within ~1 s. */
class CountersTest {

    static long messagesIn(Counters c) {
        return c.lastHours(1).getLast().get("msg:in:test");
    }

    @Test
    void aNodeSeesItsOwnCountsAtOnceAndAnotherNodeWithinASecondOrSo() {
        String prefix = TestRedis.uniquePrefix();
        try (RedisStore s1 = TestRedis.store(prefix); RedisStore s2 = TestRedis.store(prefix);
                Counters one = new Counters(s1, Clock.systemUTC()); Counters two = new Counters(s2, Clock.systemUTC())) {
            for (int i = 0; i < 5; i++) {
                one.message("test", "in");
            }
            one.decision("answer");
            two.message("test", "in");
            assertThat(messagesIn(one)).as("own counts plus whatever the other node flushed").isBetween(5L, 6L);
            assertThat(one.lastHours(1).getLast().get("dec:answer")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(3)).until(() -> messagesIn(two) == 6 && messagesIn(one) == 6);
            s1.deleteAllWithPrefix();
        }
    }

    @Test
    void countsWrittenConcurrentlyAreNeitherLostNorDoubled() throws Exception {
        try (MemoryStore store = new MemoryStore(); Counters c = new Counters(store, Clock.systemUTC())) {
            Thread[] threads = new Thread[8];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        c.message("test", "in");
                    }
                });
            }
            for (int i = 0; i < 50; i++) { // flushes while the threads count
                c.flush();
                Thread.sleep(2);
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(messagesIn(c)).isEqualTo(160_000);
        }
    }

    @Test
    void aFailedWriteKeepsTheCountsForTheNext() {
        MemoryStore memory = new MemoryStore();
        AtomicBoolean down = new AtomicBoolean(true);
        Store flaky = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, (p, m, args) -> {
            if (down.get() && m.getName().equals("hashIncrementAll")) {
                throw new StoreUnavailableException("down", null);
            }
            try {
                return m.invoke(memory, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        try (Counters c = new Counters(flaky, Clock.systemUTC())) {
            c.message("test", "in");
            c.message("test", "in");
            c.staffReply(Duration.ofMinutes(20));
            assertThat(messagesIn(c)).as("not written yet, and reading did not fail").isZero();
            c.message("test", "in");
            down.set(false);
            assertThat(messagesIn(c)).isEqualTo(3);
            assertThat(c.lastHours(1).getLast().get("reply:b:1")).isEqualTo(1);
            assertThat(messagesIn(c)).as("written once").isEqualTo(3);
        }
    }

    @Test
    void closingWritesWhatIsLeft() {
        MemoryStore store = new MemoryStore();
        Counters c = new Counters(store, Clock.systemUTC());
        c.message("web", "out");
        c.close();
        assertThat(store.hashAll(store.keys().statsHour(Counters.hour(Clock.systemUTC().instant())))).containsEntry("msg:out:web", "1");
    }
}
