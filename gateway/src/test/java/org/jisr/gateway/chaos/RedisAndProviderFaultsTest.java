package org.jisr.gateway.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import redis.clients.jedis.RedisClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jisr.bots.OutboundMessage;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.JisrApplication;
import org.jisr.gateway.TestGateway;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.inbound.Intake;
import org.jisr.gateway.outbound.OutboundJob;
import org.jisr.gateway.outbound.Outbox;
import org.jisr.gateway.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * (b), (c) and (e) in small, on a private redis-server with append-only persistence (never the shared one): a burst,
 * a provider storm with bulk messages queued, and Redis stopped and started again under the running application;
 * then Redis full (maxmemory reached). The full scenarios (rates, charts, verdicts) are in perf/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisAndProviderFaultsTest {

    static final TelegramLoad load = new TelegramLoad();
    static final String QUESTION = "What is the Government Communication Center?";
    static Path dir;
    static int redisPort;
    static Process redis;
    static ConfigurableApplicationContext app;
    static int port;

    static Process startRedis() throws Exception {
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--appendonly", "yes", "--save", "", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (RedisClient c = RedisClient.create("127.0.0.1", redisPort)) {
                return "PONG".equals(c.ping());
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        return p;
    }

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("jisr-chaos-redis");
        try (ServerSocket s = new ServerSocket(0)) {
            redisPort = s.getLocalPort();
        }
        redis = startRedis();
        Map<String, Object> p = new LinkedHashMap<>(load.env());
        p.putAll(Map.of("PORT", "0", "REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0", "JISR_KEY_PREFIX", "jisr-chaos:",
                "KB_IMPORT", TestKb.FILE, "JISR_CLAIM_IDLE_MS", "1000", "TELEGRAM_SEND_RATE", "30"));
        app = new SpringApplicationBuilder(JisrApplication.class).properties(p).run();
        port = TestGateway.port(app);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        load.close();
        if (redis != null) {
            redis.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    static void sendAll(List<Long> chats, int threads) throws InterruptedException {
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            ts.add(Thread.ofVirtual().start(() -> {
                for (int i = first; i < chats.size(); i += threads) {
                    assertThat(load.deliver(port, chats.get(i), QUESTION, Duration.ofSeconds(60))).isTrue();
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
    }

    static List<Long> chats(int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(load.newChat());
        }
        return out;
    }

    @Test
    @Order(1)
    void aBurstIsAcknowledgedAndTheBacklogDrains() throws Exception {
        sendAll(chats(20), 1); // the normal rate
        sendAll(chats(400), 32); // 20 times that, all at once
        assertThat(load.statuses).containsOnly(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> load.unanswered().isEmpty());
        Store store = app.getBean(Store.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.queue(Intake.QUEUE).depth() == 0 && store.queue(Outbox.REPLY_QUEUE).depth() == 0);
        assertThat(load.duplicates()).isEmpty();
    }

    @Test
    @Order(2)
    void aProviderStormLosesNothingAndRepliesGoAheadOfBulk() throws Exception {
        // every send is refused ten times (429 with retry_after 1, and 500), then accepted
        FakeProvider.Script storm = load.api.on("POST", "/sendMessage$").whenBody("\"chat_id\"");
        for (int i = 0; i < 10; i++) {
            storm.reply(i % 2 == 0 ? FakeProvider.Reply.json(429,
                    "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}")
                    : FakeProvider.Reply.json(500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}"));
        }
        storm.reply(200, org.jisr.bots.testing.Fixtures.text("telegram/api/sent.json"));
        Outbox outbox = app.getBean(Outbox.class);
        List<Long> bulk = chats(200);
        for (long c : bulk) {
            outbox.enqueue(new OutboundJob("bulk-" + c, "telegram:" + c, OutboundMessage.text("telegram", Long.toString(c),
                    "Offices close early on Thursday.", "en"), OutboundJob.Priority.BULK, 0, null, false));
        }
        List<Long> people = chats(20);
        sendAll(people, 4);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                load.replies().keySet().containsAll(bulk) && load.replies().keySet().containsAll(people));
        // the last call per chat is the accepted one: replies to people were accepted before most bulk messages
        Map<Long, Integer> lastCall = new HashMap<>();
        Pattern chat = Pattern.compile("\"chat_id\"\\s*:\\s*\"?(-?\\d+)");
        List<FakeProvider.RecordedRequest> calls = load.api.requests("/sendMessage$");
        for (int i = 0; i < calls.size(); i++) {
            Matcher m = chat.matcher(calls.get(i).bodyText());
            if (m.find()) {
                lastCall.put(Long.parseLong(m.group(1)), i);
            }
        }
        double replies = people.stream().mapToInt(lastCall::get).average().orElseThrow();
        double bulkMean = bulk.stream().mapToInt(lastCall::get).average().orElseThrow();
        assertThat(replies).as("mean position of the accepted replies vs bulk").isLessThan(bulkMean);
        assertThat(load.unanswered()).isEmpty();
    }

    @Test
    @Order(3)
    void redisStoppedAndStartedAgain503MeanwhileNothingLost() throws Exception {
        List<Long> before = chats(30);
        sendAll(before, 4);
        new ProcessBuilder("redis-cli", "-p", Integer.toString(redisPort), "shutdown").start().waitFor(); // AOF flushed
        redis.waitFor();
        List<Long> during = chats(30);
        int refused = 0;
        for (long c : during) {
            int s = load.post(port, c, QUESTION);
            assertThat(s).as("while Redis is down").isIn(503);
            refused++;
        }
        assertThat(refused).isPositive();
        Thread.sleep(1500);
        redis = startRedis(); // same folder: the append-only file brings the queues back
        sendAll(during, 4); // the providers retry
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> load.unanswered().isEmpty());
        assertThat(app.isRunning()).isTrue();
        assertThat(load.replies().keySet()).containsAll(before).containsAll(during);
    }

    @Test
    @Order(4)
    void aFullRedisAnswers503AndLosesNothingOnceThereIsRoomAgain() throws Exception {
        List<Long> before = chats(10);
        sendAll(before, 4);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> load.unanswered().isEmpty());
        List<Long> during = chats(20);
        try (RedisClient c = RedisClient.create("127.0.0.1", redisPort)) {
            c.configSet("maxmemory", "1"); // full: with noeviction (Redis's default) every write is refused with OOM
            try {
                for (long chat : during) {
                    assertThat(load.post(port, chat, QUESTION)).as("while Redis is full: the provider is asked to retry").isEqualTo(503);
                }
                Thread.sleep(1500); // the workers meet the full Redis too: they must wait, not give messages up
            } finally {
                c.configSet("maxmemory", "0");
            }
        }
        sendAll(during, 4); // the providers retry
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> load.unanswered().isEmpty());
        assertThat(load.replies().keySet()).containsAll(before).containsAll(during);
        assertThat(app.getBean(Store.class).queue(Intake.QUEUE).deadCount()).as("nothing given up while Redis was full").isZero();
    }
}
