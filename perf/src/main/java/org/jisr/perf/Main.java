package org.jisr.perf;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code java -jar perf/target/jisr-perf.jar <scenario> [--option=value …]}, from the repository root, after
 * {@code ./mvnw -B -ntp -DskipTests package}. Prints a summary ending in {@code VERDICT: PASS|FAIL} (exit code 0 or
 * 1) and writes summary.txt, series.csv and chart.png under perf/results/. See perf/README.md.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Options o = new Options(args);
        boolean ok = switch (o.command) {
            case "load" -> load(o);
            case "kill" -> kill(o);
            case "redis-outage" -> redisOutage(o);
            case "storm" -> storm(o);
            case "two-nodes" -> twoNodes(o);
            case "burst" -> burst(o);
            default -> {
                System.out.println("""
                        usage: java -jar perf/target/jisr-perf.jar <load|kill|redis-outage|storm|two-nodes|burst> [--option=value …]
                        common options: --rate=<msgs/s> --seconds=<load time> --connections=128 --sender-threads=1 --mix=telegram,sms,wa-twilio,whatsapp,webchat
                          --workers=8 --outbound-workers=16 --gateway-jvm="-Xms1g -Xmx1g -XX:MaxGCPauseMillis=5 -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10" --jar=gateway/target/jisr-gateway.jar
                          --redis-url=redis://127.0.0.1:6379/0 (default: a private redis-server) --drain=<max s> --no-retry""");
                yield o.command.equals("help");
            }
        };
        System.exit(ok ? 0 : 1);
    }

    /** Steady load on one node: intake and end-to-end figures, nothing lost, nothing twice. */
    static boolean load(Options o) throws Exception {
        double rate = o.number("rate", 2000);
        double seconds = o.number("seconds", 30);
        try (Harness h = new Harness(o, "load")) {
            h.addNode(Map.of());
            h.prepare(o.mix(), 20, 1500);
            h.mark("load starts: " + rate + "/s for " + seconds + " s");
            h.offer(t -> rate, seconds);
            h.load.retryUntil(System.nanoTime() + 60_000_000_000L);
            boolean drained = h.awaitDrain(o.number("drain", 300), 30);
            Report r = new Report(h);
            common(r, h, drained, 0);
            double p99Target = o.number("p99-ms", 0);
            if (p99Target > 0) {
                r.check("intake p99 ≤ " + p99Target + " ms", h.tracker.intake.getValueAtPercentile(99) <= p99Target * 1e6,
                        Report.percentiles(h.tracker.intake));
            }
            r.check("every call acknowledged", h.tracker.statuses.keySet().stream().allMatch(s -> s == 200),
                    "statuses " + h.tracker.statuses);
            return r.write("steady load, " + rate + " msgs/s for " + seconds + " s", seconds);
        }
    }

    /** (a) kill -9 of the gateway in mid-load, restart: every acknowledged message answered, duplicates counted. */
    static boolean kill(Options o) throws Exception {
        double rate = o.number("rate", 500);
        double seconds = o.number("seconds", 40);
        double killAt = o.number("kill-at", 15);
        try (Harness h = new Harness(o, "kill")) {
            GatewayProcess g = h.addNode(Map.of());
            h.prepare(o.mix());
            h.mark("load starts: " + rate + "/s for " + seconds + " s");
            long[] killNs = new long[2];
            Thread chaos = Thread.ofPlatform().start(() -> {
                Harness.sleep((long) (killAt * 1000));
                try {
                    killNs[0] = System.nanoTime();
                    g.kill();
                    killNs[1] = System.nanoTime(); // dead: requests already on the wire may reach a provider until here
                    h.mark("gateway killed (SIGKILL)");
                    g.start(java.time.Duration.ofSeconds(180));
                    h.mark("gateway restarted (pid " + g.pid() + ")");
                } catch (Exception e) {
                    h.note("restart failed: " + e);
                }
            });
            h.offer(t -> rate, seconds);
            chaos.join();
            h.load.retryUntil(System.nanoTime() + 60_000_000_000L);
            boolean drained = h.awaitDrain(o.number("drain", 300), 60);
            Report r = new Report(h);
            common(r, h, drained, killNs[0], killNs[1]);
            return r.write("(a) kill -9 of the gateway at " + killAt + " s and restart, " + rate + " msgs/s", seconds);
        }
    }

    /** (b) Redis stopped for 20 s and restarted: 503 meanwhile, nothing acknowledged lost, no gateway restart. */
    static boolean redisOutage(Options o) throws Exception {
        double rate = o.number("rate", 300);
        double seconds = o.number("seconds", 60);
        double stopAt = o.number("stop-at", 15);
        double downFor = o.number("down", 20);
        try (Harness h = new Harness(o, "redis-outage")) {
            RedisServer redis = h.redisServer();
            GatewayProcess g = h.addNode(Map.of());
            long pid = g.pid();
            h.prepare(o.mix());
            h.mark("load starts: " + rate + "/s for " + seconds + " s");
            long[] window = new long[2];
            Thread chaos = Thread.ofPlatform().start(() -> {
                Harness.sleep((long) (stopAt * 1000));
                try {
                    window[0] = System.nanoTime();
                    redis.stop();
                    h.mark("Redis stopped (SHUTDOWN, append-only file flushed)");
                    Harness.sleep((long) (downFor * 1000));
                    redis.start();
                    window[1] = System.nanoTime();
                    h.mark("Redis started again from its append-only file");
                } catch (Exception e) {
                    h.note("Redis restart failed: " + e);
                }
            });
            h.offer(t -> rate, seconds);
            chaos.join();
            h.load.retryUntil(System.nanoTime() + 60_000_000_000L);
            boolean drained = h.awaitDrain(o.number("drain", 300), 60);
            Report r = new Report(h);
            common(r, h, drained, window[0], window[1]);
            long s503 = h.tracker.statuses.getOrDefault(503, new java.util.concurrent.atomic.LongAdder()).sum();
            r.check("webhooks answered 503 while Redis was down", s503 > 0, s503 + " answers 503");
            r.check("no other failure status, no connection error", h.tracker.statuses.keySet().stream().allMatch(s -> s == 200 || s == 503),
                    "statuses " + h.tracker.statuses);
            r.check("the same gateway process recovered by itself", g.alive() && g.pid() == pid, "pid " + pid + " alive: " + g.alive());
            double up = (window[1] - h.tracker.startNs) / 1e9;
            long ackAfter = h.tracker.seconds().entrySet().stream().filter(e -> e.getKey() > up + 1)
                    .mapToLong(e -> e.getValue().acked.sum()).sum();
            r.check("acknowledgements resumed after Redis came back", ackAfter > 0, ackAfter + " acknowledged after " + String.format("%.0f s", up));
            return r.write("(b) Redis stopped " + downFor + " s at " + stopAt + " s and restarted, " + rate + " msgs/s", seconds);
        }
    }

    /** (c) provider storm: 429 with retry-after and 500s for 30 s, pacing on; nothing lost; replies ahead of bulk. */
    static boolean storm(Options o) throws Exception {
        double rate = o.number("rate", 60);
        double seconds = o.number("seconds", 60);
        int bulk = o.integer("bulk", 1500);
        double stormFrom = o.number("storm-at", 5);
        double stormFor = o.number("storm", 30);
        Map<String, Integer> rates = Map.of("telegram", 30, "twilio", 50, "whatsapp", 80);
        try (Harness h = new Harness(o, "storm")) {
            h.addNode(Map.of("JISR_PACING", "true", "TWILIO_SEND_RATE", "50", "TELEGRAM_SEND_RATE", "30", "WHATSAPP_SEND_RATE", "80"));
            h.prepare(o.mix());
            h.enqueueBulk(bulk);
            Thread chaos = Thread.ofPlatform().start(() -> {
                Harness.sleep((long) (stormFrom * 1000));
                h.providers.storm(new Providers.Storm(System.nanoTime() + (long) (stormFor * 1e9), 0.5, 0.2, 2));
                h.mark("provider storm: 50% 429 (retry after 2 s), 20% 500, for " + stormFor + " s");
                Harness.sleep((long) (stormFor * 1000));
                h.mark("storm over");
            });
            h.mark("load starts: " + rate + "/s for " + seconds + " s");
            h.offer(t -> rate, seconds);
            chaos.join();
            h.load.retryUntil(System.nanoTime() + 60_000_000_000L);
            boolean drained = h.awaitDrain(o.number("drain", 400), 90);
            Report r = new Report(h);
            common(r, h, drained, 0);
            r.check("the storm happened", h.tracker.providerRefusals.sum() > 0, h.tracker.providerRefusals.sum() + " provider calls refused");
            StringBuilder worst = new StringBuilder();
            boolean paced = true;
            for (String ch : rates.keySet()) {
                // sends accepted per 5-second window: at most a full bucket (one second of rate) plus 5 s of refill
                long max = 0;
                for (int s : h.providers.sendsPerSecond.keySet()) {
                    long sum = 0;
                    for (int k = s; k < s + 5; k++) {
                        var m = h.providers.sendsPerSecond.get(k);
                        sum += m != null && m.containsKey(ch) ? m.get(ch).sum() : 0;
                    }
                    max = Math.max(max, sum);
                }
                worst.append(ch).append(" max ").append(max).append(" per 5 s (rate ").append(rates.get(ch)).append("/s) ");
                paced &= max <= Math.round(6 * rates.get(ch) * 1.05);
            }
            r.check("pacing held: no 5 s window above burst + 5 s of rate", paced, worst.toString().trim());
            Histogram replies = h.tracker.e2e;
            Histogram bulkLat = h.tracker.bulkDelivery;
            r.check("replies to people ahead of bulk (median)", replies.getTotalCount() > 0 && bulkLat.getTotalCount() > 0
                    && replies.getValueAtPercentile(50) < bulkLat.getValueAtPercentile(50),
                    "replies " + Report.ms(replies.getValueAtPercentile(50)) + " vs bulk " + Report.ms(bulkLat.getValueAtPercentile(50)));
            return r.write("(c) provider storm " + stormFor + " s, pacing on, " + rate + " msgs/s + " + bulk + " bulk", seconds);
        }
    }

    /** (d) two nodes on one Redis: each message once; one stopped, the other takes over its pending work. */
    static boolean twoNodes(Options o) throws Exception {
        double rate = o.number("rate", 600);
        double seconds = o.number("seconds", 40);
        double stopAt = o.number("stop-at", 20);
        try (Harness h = new Harness(o, "two-nodes")) {
            h.addNode(Map.of());
            GatewayProcess second = h.addNode(Map.of());
            h.prepare(o.mix());
            h.mark("load starts: " + rate + "/s over two nodes for " + seconds + " s");
            long[] stopNs = new long[2];
            boolean kill = o.flag("kill");
            Thread chaos = Thread.ofPlatform().start(() -> {
                Harness.sleep((long) (stopAt * 1000));
                try {
                    stopNs[0] = System.nanoTime();
                    if (kill) {
                        second.kill();
                    } else {
                        second.stop(); // graceful: sends in flight finish or are retried while it shuts down
                    }
                    stopNs[1] = System.nanoTime();
                    h.mark("gateway 1 " + (kill ? "killed (SIGKILL)" : "stopped (SIGTERM)") + "; calls to it are retried on gateway 0");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            h.offer(t -> rate, seconds);
            chaos.join();
            h.load.retryUntil(System.nanoTime() + 60_000_000_000L);
            boolean drained = h.awaitDrain(o.number("drain", 300), 60);
            Report r = new Report(h);
            common(r, h, drained, stopNs[0], stopNs[1]);
            return r.write("(d) two nodes on one Redis, one " + (kill ? "killed" : "stopped") + " at " + stopAt + " s, " + rate + " msgs/s", seconds);
        }
    }

    /** (e) 20× the normal rate for 60 s: intake p99 ≤ 50 ms, the backlog drains, memory stays bounded. */
    static boolean burst(Options o) throws Exception {
        double base = o.number("rate", 250);
        double factor = o.number("factor", 20);
        double from = o.number("burst-at", 10);
        double length = o.number("burst", 60);
        double seconds = o.number("seconds", from + length + 20);
        try (Harness h = new Harness(o, "burst")) {
            h.addNode(Map.of());
            h.prepare(o.mix(), 20, 1500);
            h.mark("load starts: " + base + "/s; " + factor + "× from " + from + " s for " + length + " s");
            Thread marks = Thread.ofPlatform().start(() -> {
                Harness.sleep((long) (from * 1000));
                h.mark("burst: " + base * factor + "/s");
                Harness.sleep((long) (length * 1000));
                h.mark("burst over");
            });
            h.offer(t -> t >= from && t < from + length ? base * factor : base, seconds);
            marks.join();
            h.load.retryUntil(System.nanoTime() + 60_000_000_000L);
            boolean drained = h.awaitDrain(o.number("drain", 600), 60);
            Report r = new Report(h);
            common(r, h, drained, 0);
            Histogram during = r.intakeBetween(from, from + length);
            r.check("intake p99 during the burst ≤ 50 ms", during.getTotalCount() > 0 && during.getValueAtPercentile(99) <= 50_000_000L,
                    Report.percentiles(during));
            r.check("every call acknowledged", h.tracker.statuses.keySet().stream().allMatch(s -> s == 200), "statuses " + h.tracker.statuses);
            long rss = r.maxGauge("rss_mb_node0");
            long limit = o.integer("rss-limit-mb", 1800);
            r.check("gateway memory bounded (RSS ≤ " + limit + " MiB)", rss > 0 && rss <= limit, rss + " MiB at most");
            return r.write("(e) burst " + factor + "× of " + base + " msgs/s for " + length + " s", seconds);
        }
    }

    /** Checks every scenario shares: drained, nothing lost, duplicates only for what was in flight at {@code faultNs}. */
    static void common(Report r, Harness h, boolean drained, long faultNs) {
        common(r, h, drained, faultNs, faultNs);
    }

    /** The same, for a fault that lasted from {@code faultNs} to {@code faultEndNs}. */
    static void common(Report r, Harness h, boolean drained, long faultNs, long faultEndNs) {
        Tracker t = h.tracker;
        r.check("backlog drained", drained, "unanswered " + t.unanswered());
        r.check("nothing acknowledged was lost", t.unanswered() == 0, t.unanswered() + " acknowledged messages never answered");
        List<Tracker.Duplicate> dups = t.duplicates();
        if (faultNs == 0) {
            r.check("no duplicate reply", dups.isEmpty(), dups.size() + " duplicates");
        } else {
            // in flight: first sent shortly before the fault, sent again after it (the outbound entry was not yet acknowledged)
            long inFlight = dups.stream().filter(d -> d.firstNs() <= faultEndNs && d.firstNs() > faultNs - 5_000_000_000L
                    && d.againNs() > faultNs).count();
            r.check("duplicates only for messages in flight at the fault", inFlight == dups.size(),
                    dups.size() + " duplicates, " + inFlight + " of them in flight at the fault");
        }
        r.check("no unmatched provider call", t.unmatched.sum() == 0, t.unmatched.sum() + " calls to unknown recipients");
    }
}
