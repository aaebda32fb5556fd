package org.jisr.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.TestChannel;
import org.jisr.gateway.TestGateway;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

/**
 * Pins what one answered message costs in Redis commands — intake, inbound worker and outbound worker — as seen by
 * MONITOR on this test's own key prefix (so other tests and builds on the same Redis do not count). Polling that runs
 * whether or not messages come (blocking reads, claims, promotions, depth samples, the dashboard's once-a-second
 * write) is left out: it is not per message.
 */
class RoundTripsTest {

    /**
     * Measured: 20 commands in 7 round trips — intake 1; inbound worker 14 commands in 3 (the lock with the rate charge
     * and the read-ahead's 4 GETs; the turn's writes — person, reply, history as LPUSH, LTRIM and PEXPIRE; the release
     * and acknowledgement, which under load go with the next message's lock instead: 2 round trips); outbound worker 4
     * in 3 (reachability, the send pacing this test keeps on, the delivery record with the acknowledgement). Before
     * batching the dashboard counters, one person save per turn, one history write per turn, the cached journalists
     * and the joint unlock-and-acknowledge: 22 commands in 19 round trips; before the turn's writes and the delivery
     * record went in one batch each: 16 in 12; before the rate charge went with the lock and the history and
     * acknowledgement became plain commands: 16 in 8, 8 of them scripts. A margin of 2: room for a harmless extra read,
     * not for those steps to come back.
     */
    static final int MAX_COMMANDS = 22;
    /**
     * Of those, script calls, which cost Redis several times a plain command: intake 1 (dedupe and enqueue), inbound 3
     * (rate, reply, release), outbound 2 (send pacing, acknowledgement with the order's done mark).
     */
    static final int MAX_SCRIPTS = 6;
    static final String QUESTION = "What is the Government Communication Center?";

    static final String prefix = TestRedis.uniquePrefix();
    static final FakeProvider provider = TestChannel.provider();
    static final TestChannel channel = new TestChannel(provider.baseUrl(), null);
    static final HttpClient http = HttpClient.newHttpClient();
    static ConfigurableApplicationContext app;

    /** Commands of background loops, not of a message. */
    static final Set<String> POLLING = Set.of("XREADGROUP", "XREAD", "XLEN", "ZCARD", "XGROUP", "XREVRANGE");
    static final Set<LuaScript> POLLING_SCRIPTS = Set.of(Scripts.CLAIM, Scripts.PROMOTE, Scripts.HASH_INCREMENT_ALL);

    @BeforeAll
    static void start() {
        app = TestGateway.start(channel, Map.of("REDIS_URL", TestRedis.url(), "JISR_KEY_PREFIX", prefix, "KB_IMPORT", TestKb.FILE));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        provider.close();
        try (RedisStore redis = TestRedis.store(prefix)) {
            redis.deleteAllWithPrefix();
        }
    }

    static void send(String from, String text) throws Exception {
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"from\":\"" + from + "\",\"text\":\"" + text + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestGateway.port(app) + "/webhooks/test"))
                .header("X-Test-Signature", "ok").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    static void answered(String from) throws Exception {
        send(from, QUESTION);
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.textsTo(from).size() == 1);
        assertThat(channel.textsTo(from).getFirst()).contains("coordinates official messages");
        Thread.sleep(500); // the outbound worker acknowledges and counts after the provider accepted
    }

    @Test
    void anAnsweredMessageCostsAFewCommands() throws Exception {
        answered("warm-" + UUID.randomUUID()); // scripts loaded, journalists cached: the steady state is measured
        List<String> seen = new CopyOnWriteArrayList<>();
        String start = prefix + "marker:start";
        String end = prefix + "marker:end";
        Jedis monitor = new Jedis(URI.create(TestRedis.url()));
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                monitor.monitor(new JedisMonitor() {
                    @Override
                    public void onCommand(String command) {
                        if (command.contains(prefix)) {
                            seen.add(command);
                        }
                    }
                });
            } catch (RuntimeException closed) { // the test closed the connection
            }
        });
        try (Jedis marks = new Jedis(URI.create(TestRedis.url()))) {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
                marks.get(start);
                return seen.stream().anyMatch(c -> c.contains(start));
            });
            answered("p-" + UUID.randomUUID());
            marks.get(end);
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(c -> c.contains(end)));
        } finally {
            monitor.getConnection().close();
            t.join(2000);
        }
        List<String> counted = new ArrayList<>();
        for (String c : seen) {
            if (c.contains(start)) { // the marker may have been sent more than once: count from its last sighting
                counted.clear();
            } else if (c.contains(end)) {
                break;
            } else if (!c.contains(" lua] ") && !polling(c)) { // a script's own commands are part of its one call
                counted.add(c);
            }
        }
        System.out.println("RoundTripsTest: " + counted.size() + " commands:\n" + String.join("\n", counted));
        assertThat(counted).as("Redis commands of one answered message").hasSizeLessThanOrEqualTo(MAX_COMMANDS)
                .as("the intake, the inbound and the outbound side all show up").hasSizeGreaterThan(5);
        assertThat(counted.stream().filter(c -> command(c).startsWith("EVAL")).count()).as("script calls").isLessThanOrEqualTo(MAX_SCRIPTS);
    }

    /**
     * An inbound worker sends a handled entry's lock release and acknowledgement with the next entry's lock; when no
     * next entry comes, before it waits to read again. Neither may be left behind: a lock left held makes the person's
     * next message wait for the lease, an entry left pending is handled again by another worker.
     */
    @Test
    void aQuietWorkerLeavesNoLockHeldAndNothingPending() throws Exception {
        String from = "q-" + UUID.randomUUID();
        send(from, QUESTION);
        send(from, "ما هو مركز التواصل الحكومي؟"); // the same person at once: the second waits for the first's lock
        await().atMost(Duration.ofSeconds(4)).until(() -> channel.textsTo(from).size() == 2);
        Keys keys = new Keys(prefix);
        try (Jedis redis = new Jedis(URI.create(TestRedis.url()))) {
            // well within the lock's 15 s lease and the 5 s before a pending entry is claimed
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(redis.exists(keys.personLock("test:" + from))).as("lock released").isFalse();
                assertThat(redis.xpending(keys.stream("in"), RedisQueue.GROUP).getTotal()).as("nothing pending").isZero();
                assertThat(redis.xlen(keys.stream("in"))).as("handled entries removed").isZero();
            });
        }
    }

    /** MONITOR line: {@code <time> [<db> <client>] "COMMAND" "arg" …}. */
    static boolean polling(String line) {
        String cmd = command(line);
        if (POLLING.contains(cmd)) {
            return true;
        }
        String[] parts = line.substring(line.indexOf(']') + 2).split("\" \"", 3);
        // EVALSHA names the script by its SHA; EVAL (a script Redis did not have yet) by its source, escaped by MONITOR
        return cmd.startsWith("EVAL") && parts.length > 1 && POLLING_SCRIPTS.stream().anyMatch(s -> parts[1].replace("\"", "").equals(s.sha())
                || parts[1].startsWith(s.source().substring(0, 20)));
    }

    static String command(String line) {
        return line.substring(line.indexOf(']') + 2).split("\" \"", 2)[0].replace("\"", "").toUpperCase(java.util.Locale.ROOT);
    }
}
