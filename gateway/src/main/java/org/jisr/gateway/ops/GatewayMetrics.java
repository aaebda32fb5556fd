package org.jisr.gateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jisr.gateway.stats.Counters;

/** The gateway's own meters (Prometheus names: jisr_messages_total, jisr_decisions_total, …). */
public final class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counters dashboard;
    // meters by name and tags: found again without building an id and a lookup per message
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this(registry, null);
    }

    /** With the dashboard's counters in the store (shared by all nodes), fed from the same calls. */
    public GatewayMetrics(MeterRegistry registry, Counters dashboard) {
        this.registry = registry;
        this.dashboard = dashboard;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** direction: "in" or "out". */
    public void message(String channel, String direction) {
        counter("jisr.messages", "channel", channel, "direction", direction).increment();
        if (dashboard != null) {
            dashboard.message(channel, direction);
        }
    }

    public void decision(String decision) {
        counter("jisr.decisions", "decision", decision).increment();
        if (dashboard != null) {
            dashboard.decision(decision);
        }
    }

    /** outcome: accepted, duplicate, ignored, rejected-400, challenge, unavailable, … */
    public void webhook(String channel, String outcome) {
        counter("jisr.webhooks", "channel", channel, "outcome", outcome).increment();
    }

    /** result: sent, retry, failed, held, suppressed, dead. */
    public void send(String channel, String result) {
        counter("jisr.sends", "channel", channel, "result", result).increment();
    }

    public void event(String name) {
        counter("jisr.events", "event", name).increment();
    }

    /** Latency histograms (Prometheus buckets) for "webhook", "pipeline", "send", "end_to_end". */
    public void latency(String stage, Duration d) {
        timers.computeIfAbsent(stage, s -> Timer.builder("jisr.latency").tag("stage", s).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)).record(d);
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + '|' + String.join("|", tags), k -> Counter.builder(name).tags(tags).register(registry));
    }
}
