package org.jisr.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleUnaryOperator;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * One run: a results folder, the fake providers, Redis (a private redis-server unless {@code --redis-url} names
 * one), gateway processes, the load generator, a web chat reply watcher and a once-a-second sampler (gateway RSS,
 * Redis memory, queue backlogs). Everything it starts it stops at close, and the run's Redis keys (a unique prefix)
 * are deleted.
 */
final class Harness implements AutoCloseable {

    /** The gateway's JVM as the Docker image runs it: short GC pauses, answering threads at nice 10 (docs/operations.md). */
    static final String DEFAULT_GATEWAY_JVM = "-Xms1g -Xmx1g -XX:MaxGCPauseMillis=5 -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10";

    final Options options;
    final Path dir;
    final Tracker tracker;
    final Providers providers;
    final String prefix = "jisr-perf-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    final long salt = ThreadLocalRandom.current().nextLong(1000);
    final List<GatewayProcess> nodes = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final List<double[]> marks = new ArrayList<>();
    final String loadAverageAtStart;
    private final RedisServer redisServer;
    final String redisUrl;
    final RedisClient redis;
    private Traffic traffic;
    LoadGenerator load;
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();

    Harness(Options options, String name) throws IOException, InterruptedException {
        this.options = options;
        this.loadAverageAtStart = Files.readString(Path.of("/proc/loadavg")).trim();
        this.dir = Path.of(options.get("results", "perf/results"), name + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        this.tracker = new Tracker(System.nanoTime());
        this.providers = new Providers(tracker);
        String external = options.get("redis-url", null);
        if (external == null) {
            redisServer = new RedisServer(dir.resolve("redis.log"));
            redisServer.start();
            redisUrl = redisServer.url();
        } else {
            if (!external.matches("redis://(127\\.[0-9.]+|localhost)(:\\d+)?(/\\d+)?")) {
                throw new IllegalArgumentException("--redis-url must be a loopback Redis");
            }
            redisServer = null;
            redisUrl = external;
        }
        redis = RedisClient.create(java.net.URI.create(redisUrl));
        note("run " + name + " in " + dir + "; load average at start: " + loadAverageAtStart);
    }

    RedisServer redisServer() {
        if (redisServer == null) {
            throw new IllegalStateException("this scenario needs its own redis-server: drop --redis-url");
        }
        return redisServer;
    }

    /** Seconds since the run started. */
    double now() {
        return (System.nanoTime() - tracker.startNs) / 1e9;
    }

    void note(String event) {
        String line = String.format("[%7.1f s] %s", now(), event);
        events.add(line);
        System.out.println(line);
    }

    /** A vertical marker on the chart. */
    void mark(String label) {
        marks.add(new double[] {now()});
        note(label);
    }

    /** The environment of a gateway node against this run's providers and Redis. */
    Map<String, String> gatewayEnv(Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(Traffic.gatewayEnv(providers.baseUrl()));
        env.put("REDIS_URL", redisUrl);
        env.put("JISR_KEY_PREFIX", prefix);
        env.put("JISR_PERSON_RATE_PER_MINUTE", "1000000"); // web chat visitors send many messages each
        env.put("JISR_PERSON_BURST", "1000000");
        env.put("JISR_PACING", "false");
        env.put("JISR_CLAIM_IDLE_MS", options.get("claim-idle-ms", "5000"));
        env.put("JISR_WORKERS", options.get("workers", "8"));
        env.put("JISR_OUTBOUND_WORKERS", options.get("outbound-workers", "16"));
        env.putAll(extra);
        return env;
    }

    GatewayProcess addNode(Map<String, String> extraEnv) throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(List.of(options.get("gateway-jvm", DEFAULT_GATEWAY_JVM).trim().split("\\s+")));
        Path jar = dir.resolve("jisr-gateway.jar");
        if (!Files.exists(jar)) { // a copy: a rebuild during the run must not pull classes from under a running gateway
            Files.copy(Path.of(options.get("jar", "gateway/target/jisr-gateway.jar")), jar);
        }
        GatewayProcess g = new GatewayProcess(jar, jvm,
                gatewayEnv(extraEnv), dir.resolve("gateway-" + nodes.size() + ".log"));
        nodes.add(g);
        g.start(Duration.ofSeconds(180));
        note("gateway " + (nodes.size() - 1) + " up on port " + g.port + " (pid " + g.pid() + ")");
        return g;
    }

    /**
     * Warms the gateway's JIT up ({@code --warmup} seconds at {@code --warmup-rate}, other senders, not counted), then
     * starts the connections, the web chat watcher and the sampler; the gateway(s) must be up.
     */
    void prepare(List<Traffic.Channel> mix) {
        prepare(mix, 15, 300);
    }

    /**
     * As {@link #prepare(List)} with other warm-up defaults: the throughput scenarios warm up with enough messages
     * (tens of thousands) for the JIT to have compiled the hot paths, as in a gateway that has been up a while;
     * 4,500 left the first seconds at 5,000/s to the compiler threads.
     */
    void prepare(List<Traffic.Channel> mix, double warmupSeconds, double warmupRate) {
        String secret = redis.get(prefix + "secret:webchat");
        if (secret == null && mix.contains(Traffic.Channel.WEBCHAT)) {
            throw new IllegalStateException("no web chat secret in Redis under " + prefix);
        }
        byte[] key = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        double warmup = options.number("warmup", warmupSeconds);
        if (warmup > 0) {
            Tracker warm = new Tracker(System.nanoTime());
            providers.reportTo(warm);
            LoadGenerator w = new LoadGenerator(new Traffic((salt + 500) % 1000, mix, key), warm,
                    nodes.stream().map(n -> n.port).toList(), 32, options.integer("sender-threads", 1), true);
            double rate = options.number("warmup-rate", warmupRate);
            w.run(t -> rate, warmup, 0);
            long end = System.nanoTime() + 120_000_000_000L;
            // calls of the warm-up still waiting for a connection or in flight would be replied to during the measurement
            // (unmatched calls there); web chat replies of the warm-up are not watched
            while (System.nanoTime() < end && (w.queued() > 0 || backlog() > 0)) {
                sleep(250);
            }
            w.stop();
            note("warm-up: " + w.offered() + " messages at " + rate + "/s (not counted)");
            providers.reportTo(tracker);
        }
        tracker.startNs = System.nanoTime();
        traffic = new Traffic(salt, mix, key);
        load = new LoadGenerator(traffic, tracker, nodes.stream().map(n -> n.port).toList(),
                options.integer("connections", 128), options.integer("sender-threads", 1), !options.flag("no-retry"));
        if (mix.contains(Traffic.Channel.WEBCHAT)) {
            threads.add(Thread.ofPlatform().daemon().name("perf-webchat").start(this::watchWebchat));
        }
        threads.add(Thread.ofPlatform().daemon().name("perf-sampler").start(this::sample));
    }

    void offer(DoubleUnaryOperator rate, double seconds) {
        load.run(rate, seconds, 0);
        note("offered " + load.offered() + " messages");
    }

    /** Puts bulk messages straight on the bulk queue, as a broadcast would (Telegram and SMS: no reply window). */
    void enqueueBulk(int count) {
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long seq = 1_000_000_000L + i;
            boolean telegram = i % 2 == 0;
            String digits = String.format("%03d%09d", salt, seq % 1_000_000_000L);
            String channel = telegram ? "telegram" : "twilio";
            String recipient = telegram ? "8" + digits : "+95" + digits;
            String token = channel + ":" + recipient;
            tracker.sent(seq, telegram ? Traffic.Channel.TELEGRAM : Traffic.Channel.SMS, token, true, now);
            String job = "{\"id\":\"bulk-" + salt + "-" + i + "\",\"personKey\":\"" + token + "\",\"message\":{\"channel\":\""
                    + channel + "\",\"recipient\":\"" + recipient + "\",\"text\":\"Public notice " + i
                    + ": offices close early on Thursday.\",\"shortText\":null,\"choices\":[],\"template\":null,\"lang\":\"en\"},"
                    + "\"priority\":\"BULK\",\"attempt\":0,\"caseId\":null,\"slotted\":false}";
            redis.xadd(prefix + "{bulk}:stream", StreamEntryID.NEW_ENTRY, Map.of("job", job));
        }
        note("enqueued " + count + " bulk messages");
    }

    /**
     * Reads the visitors' feeds for replies: every 10 ms those awaiting one, every second all of them (a late duplicate
     * shows then). Reading all 256 feeds every 10 ms cost Redis some 7 % of a core, taken from what is measured.
     */
    private void watchWebchat() {
        Map<String, StreamEntryID> from = new HashMap<>();
        Map<String, String> tokens = new HashMap<>();
        for (int i = 0; i < Traffic.WEBCHAT_VISITORS; i++) {
            String feed = prefix + "webchat:{" + traffic.visitor(i) + "}"; // Keys.webchatBox
            from.put(feed, new StreamEntryID(0, 0));
            tokens.put(feed, "webchat:" + traffic.visitor(i));
        }
        long lastAll = 0;
        while (running) {
            try {
                boolean all = System.nanoTime() - lastAll > 1_000_000_000L;
                Map<String, StreamEntryID> now = new HashMap<>();
                from.forEach((feed, id) -> {
                    if (all || tracker.awaiting(tokens.get(feed))) {
                        now.put(feed, id);
                    }
                });
                if (all) {
                    lastAll = System.nanoTime();
                }
                var r = now.isEmpty() ? null : redis.xread(XReadParams.xReadParams().count(200), now);
                if (r != null) {
                    long t = System.nanoTime();
                    for (var s : r) {
                        for (StreamEntry e : s.getValue()) {
                            tracker.reply(tokens.get(s.getKey()), t, Traffic.webchatRef(e.getFields().get("ref")));
                            from.put(s.getKey(), e.getID());
                        }
                    }
                }
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                sleep(500); // Redis stopped by the scenario
            }
        }
    }

    /** CPU time of a process in clock ticks (1/100 s), from /proc; 0 when gone. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private void sample() {
        Map<String, Long> lastCpu = new HashMap<>();
        while (running) {
            long now = System.nanoTime();
            Map<String, Long> pids = new LinkedHashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                tracker.gauge(now, "rss_mb_node" + i, nodes.get(i).rssMb());
                pids.put("cpu_pct_node" + i, nodes.get(i).pid());
            }
            pids.put("cpu_pct_harness", ProcessHandle.current().pid());
            if (redisServer != null) {
                pids.put("cpu_pct_redis", redisServer.pid());
            }
            pids.forEach((name, pid) -> {
                long ticks = cpuTicks(pid);
                Long before = lastCpu.put(name, ticks);
                if (before != null && ticks >= before) {
                    tracker.gauge(now, name, ticks - before); // ticks per ~1 s = percent of one core
                }
            });
            try {
                String info = redis.info("memory");
                for (String l : info.split("\r?\n")) {
                    if (l.startsWith("used_memory:")) {
                        tracker.gauge(now, "redis_mb", Long.parseLong(l.substring(12).trim()) / (1024 * 1024));
                    }
                }
                tracker.gauge(now, "backlog_in", redis.xlen(prefix + "{in}:stream"));
                tracker.gauge(now, "backlog_out", redis.xlen(prefix + "{out}:stream") + redis.xlen(prefix + "{bulk}:stream"));
                tracker.gauge(now, "delayed_out", redis.zcard(prefix + "{out}:delayed") + redis.zcard(prefix + "{bulk}:delayed"));
            } catch (RuntimeException redisDown) {
                tracker.gauge(now, "redis_down", 1);
            }
            sleep(1000);
        }
    }

    /** Queues in Redis: inbound + outbound waiting, plus delayed retries. */
    long backlog() {
        return redis.xlen(prefix + "{in}:stream") + redis.xlen(prefix + "{out}:stream") + redis.xlen(prefix + "{bulk}:stream")
                + redis.zcard(prefix + "{out}:delayed") + redis.zcard(prefix + "{bulk}:delayed");
    }

    /**
     * Waits until every acknowledged message was answered and the queues are empty, or until {@code max} passes
     * with {@code stall} seconds without any reply. Returns true when drained.
     */
    boolean awaitDrain(double maxSeconds, double stallSeconds) {
        long end = System.nanoTime() + (long) (maxSeconds * 1e9);
        while (System.nanoTime() < end) {
            if (load.queued() == 0 && tracker.unanswered() == 0 && backlogOrZero() == 0) {
                sleep(1500); // duplicates come late: watch a moment longer
                note("drained");
                return true;
            }
            long last = Math.max(tracker.lastReplyNs.get(), tracker.startNs);
            if (System.nanoTime() - last > stallSeconds * 1e9 && tracker.unanswered() > 0) {
                note("no reply for " + stallSeconds + " s with " + tracker.unanswered() + " unanswered: giving up");
                return false;
            }
            sleep(250);
        }
        note("not drained within " + maxSeconds + " s");
        return false;
    }

    private long backlogOrZero() {
        try {
            return backlog();
        } catch (RuntimeException e) {
            return 1;
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (load != null) {
            load.stop();
        }
        for (Thread t : threads) {
            t.interrupt();
        }
        for (GatewayProcess n : nodes) {
            n.close();
        }
        if (redisServer == null) { // a shared Redis: delete this run's keys
            try {
                var params = new ScanParams().match(prefix + "*").count(1000);
                String cursor = "0";
                do {
                    var page = redis.scan(cursor, params);
                    if (!page.getResult().isEmpty()) {
                        redis.del(page.getResult().toArray(String[]::new));
                    }
                    cursor = page.getCursor();
                } while (!"0".equals(cursor));
            } catch (RuntimeException e) {
                System.err.println("could not delete the keys under " + prefix + ": " + e);
            }
        }
        redis.close();
        if (redisServer != null) {
            redisServer.close();
        }
        providers.close();
        try { // the jar copy is large and only needed while running
            Files.deleteIfExists(dir.resolve("jisr-gateway.jar"));
        } catch (IOException ignored) {
            // left behind
        }
    }
}
