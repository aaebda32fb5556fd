package org.jisr.gateway.escalation;

import org.jisr.gateway.ActionException;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jisr.gateway.TestRedis;
import org.jisr.gateway.config.ConsoleSettings;
import org.jisr.gateway.store.RedisStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Claims racing on the real Redis from two "nodes" (two stores with their own connection pools): two staff
 * never hold one case, and one person never holds more than the cap.
 */
class ConcurrentClaimOnRedisTest {

    static final String prefix = TestRedis.uniquePrefix();
    static RedisStore nodeA;
    static RedisStore nodeB;

    @BeforeAll
    static void start() {
        nodeA = TestRedis.store(prefix);
        nodeB = TestRedis.store(prefix);
    }

    @AfterAll
    static void stop() {
        nodeA.deleteAllWithPrefix();
        nodeA.close();
        nodeB.close();
    }

    static EscalationService on(RedisStore s, int cap) {
        return new EscalationService(s, Clock.systemUTC(), ConsoleSettings.defaults().withClaimCap(cap), new Journalists(s), null);
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
        EscalationService a = on(nodeA, 10);
        EscalationService b = on(nodeB, 10);
        int staff = 12;
        ExecutorService pool = Executors.newFixedThreadPool(staff);
        try {
            for (int round = 0; round < 30; round++) {
                Case c = a.open("test:race-" + round, "test", "p" + round, "test:p" + round, "en", "q", List.of());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < staff; i++) {
                    String who = "staff" + i;
                    EscalationService node = i % 2 == 0 ? a : b;
                    results.add(pool.submit(() -> {
                        go.await();
                        try {
                            return node.claim(c.id(), who).claimedBy();
                        } catch (ActionException e) {
                            assertThat(e.status()).isEqualTo(409);
                            return null;
                        }
                    }));
                }
                go.countDown();
                List<String> winners = new ArrayList<>();
                for (Future<String> f : results) {
                    String w = f.get();
                    if (w != null) {
                        winners.add(w);
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(b.get(c.id()).orElseThrow().claimedBy()).isEqualTo(winners.getFirst());
                for (int i = 0; i < staff; i++) {
                    String who = "staff" + i;
                    assertThat(a.heldBy(who)).hasSize(who.equals(winners.getFirst()) ? 1 : 0);
                }
                a.close(c.id(), winners.getFirst(), false); // frees the winner's place under the cap
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneStaffMemberClaimingManyCasesAtOnceStopsAtTheCap() throws Exception {
        EscalationService a = on(nodeA, 3);
        EscalationService b = on(nodeB, 3);
        List<Case> open = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            open.add(a.open("test:cap-" + i, "test", "cap" + i, "test:cap" + i, "en", "q", List.of()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < open.size(); i++) {
                Case c = open.get(i);
                EscalationService node = i % 2 == 0 ? a : b;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        node.claim(c.id(), "busy");
                        return true;
                    } catch (ActionException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(3);
            assertThat(a.heldBy("busy")).hasSize(3);
            assertThat(a.list(EscalationService.Filter.CLAIMED, 100)).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
    }
}
