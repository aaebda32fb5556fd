package org.jisr.perf;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The run's summary (text), its per-second series (CSV) and a PNG chart of rate, latency, backlog and memory. */
final class Report {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79), new Color(0xad494a), new Color(0x637939)};

    private final Harness h;
    private final List<String[]> checks = new ArrayList<>();

    Report(Harness h) {
        this.h = h;
    }

    static String ms(long ns) {
        return String.format("%.1f ms", ns / 1e6);
    }

    static String percentiles(Histogram x) {
        if (x.getTotalCount() == 0) {
            return "no samples";
        }
        return String.format("p50 %s, p90 %s, p99 %s, p99.9 %s, max %s (n=%d)", ms(x.getValueAtPercentile(50)),
                ms(x.getValueAtPercentile(90)), ms(x.getValueAtPercentile(99)), ms(x.getValueAtPercentile(99.9)),
                ms(x.getMaxValue()), x.getTotalCount());
    }

    /** Adds one PASS/FAIL check. */
    boolean check(String name, boolean ok, String detail) {
        checks.add(new String[] {ok ? "PASS" : "FAIL", name, detail});
        return ok;
    }

    boolean passed() {
        return checks.stream().allMatch(c -> c[0].equals("PASS"));
    }

    /** Intake latency of the 200 answers between two moments (seconds since the start). */
    Histogram intakeBetween(double from, double to) {
        Histogram out = new Histogram(Tracker.HIGHEST_NS, 3);
        h.tracker.seconds().forEach((s, sec) -> {
            if (s >= from && s < to) {
                out.add(sec.intake);
            }
        });
        return out;
    }

    /** Redis commands by type over the whole run (warm-up and the harness's own reads included), per message. */
    String redisCommands(long messages) {
        try {
            java.util.Map<String, Long> calls = new java.util.TreeMap<>();
            for (String l : h.redis.info("commandstats").split("\r?\n")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("cmdstat_([^:]+):calls=(\\d+)").matcher(l);
                if (m.find()) {
                    calls.put(m.group(1), Long.parseLong(m.group(2)));
                }
            }
            long total = calls.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder top = new StringBuilder();
            calls.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> top.append(' ').append(e.getKey()).append('=').append(e.getValue()));
            return String.format("Redis commands: %d (%.1f per message, warm-up and harness reads included):%s%n", total,
                    total / (double) Math.max(1, messages), top);
        } catch (RuntimeException e) {
            return "Redis commands: n/a (" + e.getMessage() + ")\n";
        }
    }

    /** Mean of a gauge over the load's seconds. */
    String meanGauge(String name, double loadSeconds) {
        var xs = h.tracker.seconds().entrySet().stream().filter(e -> e.getKey() >= 1 && e.getKey() < loadSeconds)
                .map(e -> e.getValue().gauges.get(name)).filter(java.util.Objects::nonNull).mapToLong(Long::longValue).toArray();
        return xs.length == 0 ? "n/a" : String.format("%.0f", java.util.Arrays.stream(xs).average().orElse(0));
    }

    long maxGauge(String name) {
        return h.tracker.seconds().values().stream().mapToLong(s -> s.gauges.getOrDefault(name, 0L)).max().orElse(0);
    }

    /** Writes summary.txt, series.csv and chart.png; prints the summary; returns true when every check passed. */
    boolean write(String title, double loadSeconds) throws IOException {
        Tracker t = h.tracker;
        List<Tracker.Msg> msgs = t.messages();
        long offered = msgs.stream().filter(m -> !m.bulk).count();
        long acked = msgs.stream().filter(m -> !m.bulk && m.acked()).count();
        long answered = msgs.stream().filter(m -> !m.bulk && m.firstReplyNs != 0).count();
        long lost = msgs.stream().filter(m -> (m.acked() || m.bulk) && m.firstReplyNs == 0).count();
        long lastReply = t.lastReplyNs.get();
        double e2eSpan = lastReply == 0 ? 0 : (lastReply - t.startNs) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append('\n');
        sb.append("load average at start: ").append(h.loadAverageAtStart).append('\n');
        sb.append("options: ").append(h.options.all()).append('\n');
        sb.append(String.format("offered: %d messages in %.1f s (%.0f/s); acknowledged (200): %d (%.0f/s over the load)%n",
                offered, loadSeconds, offered / loadSeconds, acked, acked / loadSeconds));
        sb.append("answers by status (0 = connection error): ").append(t.statuses).append("; retries: ").append(t.retries.sum()).append('\n');
        sb.append("intake latency (200 answers, from the intended send time): ").append(percentiles(t.intake)).append('\n');
        sb.append(String.format("end to end (webhook → provider call): answered %d of %d acknowledged; %.0f answers/s over %.1f s%n",
                answered, acked, answered / Math.max(0.001, e2eSpan), e2eSpan));
        sb.append("  all channels: ").append(percentiles(t.e2e)).append('\n');
        for (Traffic.Channel c : Traffic.Channel.values()) {
            if (t.e2e(c).getTotalCount() > 0) {
                sb.append("  ").append(c.name().toLowerCase()).append(": ").append(percentiles(t.e2e(c))).append('\n');
            }
        }
        if (t.bulkDelivery.getTotalCount() > 0) {
            sb.append("  bulk (from enqueue): ").append(percentiles(t.bulkDelivery)).append('\n');
        }
        sb.append(String.format("lost (acknowledged, never answered): %d; duplicates: %d; unmatched provider calls: %d; provider refusals (storm): %d%n",
                lost, t.duplicates().size(), t.unmatched.sum(), t.providerRefusals.sum()));
        msgs.stream().filter(m -> (m.acked() || m.bulk) && m.firstReplyNs == 0).limit(10).forEach(m -> sb.append(String.format(
                "  unanswered: %s %s, acknowledged at %.3f s%n", m.channel, m.token, (m.ackNs - t.startNs) / 1e9)));
        t.duplicates().stream().limit(10).forEach(d -> sb.append(String.format(
                "  duplicate: %s first sent at %.3f s, again at %.3f s%n", d.token(), (d.firstNs() - t.startNs) / 1e9,
                (d.againNs() - t.startNs) / 1e9)));
        sb.append(String.format("peaks: gateway RSS %d MiB, Redis used %d MiB, inbound backlog %d, outbound backlog %d%n",
                maxGauge("rss_mb_node0"), maxGauge("redis_mb"), maxGauge("backlog_in"), maxGauge("backlog_out")));
        sb.append(String.format("mean CPU during the load (%% of one core): gateway %s, Redis %s, harness %s%n",
                meanGauge("cpu_pct_node0", loadSeconds), meanGauge("cpu_pct_redis", loadSeconds), meanGauge("cpu_pct_harness", loadSeconds)));
        sb.append(redisCommands(acked + msgs.stream().filter(m -> m.bulk).count()));
        sb.append("events:\n");
        h.events.forEach(e -> sb.append("  ").append(e).append('\n'));
        sb.append("checks:\n");
        for (String[] c : checks) {
            sb.append("  ").append(c[0]).append("  ").append(c[1]).append(": ").append(c[2]).append('\n');
        }
        sb.append("VERDICT: ").append(passed() ? "PASS" : "FAIL").append('\n');
        Files.writeString(h.dir.resolve("summary.txt"), sb);
        System.out.print(sb);
        writeSeries();
        chart(title);
        System.out.println("results: " + h.dir);
        return passed();
    }

    private void writeSeries() throws IOException {
        TreeSet<String> gauges = new TreeSet<>();
        Map<Integer, Tracker.Second> secs = h.tracker.seconds();
        secs.values().forEach(s -> gauges.addAll(s.gauges.keySet()));
        StringBuilder sb = new StringBuilder("second,sent,acked,refused,replies,intake_p50_ms,intake_p99_ms,e2e_p50_ms,e2e_p99_ms");
        gauges.forEach(g -> sb.append(',').append(g));
        sb.append('\n');
        secs.forEach((s, x) -> {
            sb.append(s).append(',').append(x.sent.sum()).append(',').append(x.acked.sum()).append(',').append(x.refused.sum())
                    .append(',').append(x.replies.sum()).append(',').append(p(x.intake, 50)).append(',').append(p(x.intake, 99))
                    .append(',').append(p(x.e2e, 50)).append(',').append(p(x.e2e, 99));
            gauges.forEach(g -> sb.append(',').append(x.gauges.getOrDefault(g, 0L)));
            sb.append('\n');
        });
        Files.writeString(h.dir.resolve("series.csv"), sb);
    }

    private static String p(Histogram x, double q) {
        return x.getTotalCount() == 0 ? "" : String.format("%.2f", x.getValueAtPercentile(q) / 1e6);
    }

    private void chart(String title) throws IOException {
        Map<Integer, Tracker.Second> secs = h.tracker.seconds();
        XYSeries sent = new XYSeries("offered/s");
        XYSeries acked = new XYSeries("acknowledged/s");
        XYSeries refused = new XYSeries("refused or failed/s");
        XYSeries replies = new XYSeries("answered/s");
        XYSeries intake99 = new XYSeries("intake p99");
        XYSeries e2e50 = new XYSeries("end to end p50");
        XYSeries e2e99 = new XYSeries("end to end p99");
        XYSeries in = new XYSeries("inbound backlog");
        XYSeries out = new XYSeries("outbound backlog");
        XYSeries delayed = new XYSeries("delayed retries");
        List<XYSeries> rss = new ArrayList<>();
        for (int i = 0; i < h.nodes.size(); i++) {
            rss.add(new XYSeries("gateway " + i + " RSS"));
        }
        XYSeries redisMb = new XYSeries("Redis used");
        secs.forEach((s, x) -> {
            sent.add(s.doubleValue(), x.sent.sum());
            acked.add(s.doubleValue(), x.acked.sum());
            refused.add(s.doubleValue(), x.refused.sum());
            replies.add(s.doubleValue(), x.replies.sum());
            if (x.intake.getTotalCount() > 0) {
                intake99.add(s.doubleValue(), Math.max(0.1, x.intake.getValueAtPercentile(99) / 1e6));
            }
            if (x.e2e.getTotalCount() > 0) {
                e2e50.add(s.doubleValue(), Math.max(0.1, x.e2e.getValueAtPercentile(50) / 1e6));
                e2e99.add(s.doubleValue(), Math.max(0.1, x.e2e.getValueAtPercentile(99) / 1e6));
            }
            if (x.gauges.containsKey("backlog_in")) {
                in.add(s.doubleValue(), x.gauges.get("backlog_in"));
                out.add(s.doubleValue(), x.gauges.get("backlog_out"));
                delayed.add(s.doubleValue(), x.gauges.getOrDefault("delayed_out", 0L));
            }
            for (int i = 0; i < rss.size(); i++) {
                Long v = x.gauges.get("rss_mb_node" + i);
                if (v != null) {
                    rss.get(i).add(s.doubleValue(), v);
                }
            }
            if (x.gauges.containsKey("redis_mb")) {
                redisMb.add(s.doubleValue(), x.gauges.get("redis_mb"));
            }
        });
        NumberAxis time = new NumberAxis("seconds since start");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(8);
        plot.add(subplot(new NumberAxis("messages / s"), 0, sent, acked, refused, replies), 3);
        LogarithmicAxis latency = new LogarithmicAxis("latency, ms (log)");
        latency.setAllowNegativesFlag(true);
        plot.add(subplot(latency, 4, intake99, e2e50, e2e99), 3);
        plot.add(subplot(new NumberAxis("queued entries"), 7, in, out, delayed), 2);
        List<XYSeries> mem = new ArrayList<>(rss);
        mem.add(redisMb);
        plot.add(subplot(new NumberAxis("MiB"), 10, mem.toArray(XYSeries[]::new)), 2);
        for (double[] m : h.marks) {
            for (Object p : plot.getSubplots()) {
                ValueMarker vm = new ValueMarker(m[0], Color.RED, new BasicStroke(1.5f));
                ((XYPlot) p).addDomainMarker(vm);
            }
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(h.dir.resolve("chart.png").toFile(), chart, 1200, 1100);
    }

    /** One panel; {@code color} is where its series start in the palette, so no two series of the chart share one. */
    private static XYPlot subplot(NumberAxis axis, int color, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series.length; i++) {
            r.setSeriesStroke(i, new BasicStroke(1.6f));
            r.setSeriesPaint(i, PALETTE[(color + i) % PALETTE.length]);
        }
        axis.setAutoRangeIncludesZero(!(axis instanceof LogarithmicAxis));
        XYPlot p = new XYPlot(data, null, axis, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }
}
