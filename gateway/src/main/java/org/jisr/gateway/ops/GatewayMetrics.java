package org.jisr.gateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.jisr.gateway.stats.Counters;

/** The gateway's own meters (Prometheus names: jisr_messages_total, jisr_decisions_total, …). */
public final class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counters counters;

    public GatewayMetrics(MeterRegistry registry) {
        this(registry, null);
    }

    /** With the dashboard's counters in the store (shared by all nodes), fed from the same calls. */
    public GatewayMetrics(MeterRegistry registry, Counters counters) {
        this.registry = registry;
        this.counters = counters;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** direction: "in" or "out". */
    public void message(String channel, String direction) {
        Counter.builder("jisr.messages").tag("channel", channel).tag("direction", direction).register(registry).increment();
        if (counters != null) {
            counters.message(channel, direction);
        }
    }

    public void decision(String decision) {
        Counter.builder("jisr.decisions").tag("decision", decision).register(registry).increment();
        if (counters != null) {
            counters.decision(decision);
        }
    }

    /** outcome: accepted, duplicate, ignored, rejected-400, challenge, unavailable, … */
    public void webhook(String channel, String outcome) {
        Counter.builder("jisr.webhooks").tag("channel", channel).tag("outcome", outcome).register(registry).increment();
    }

    /** result: sent, retry, failed, held, suppressed, dead. */
    public void send(String channel, String result) {
        Counter.builder("jisr.sends").tag("channel", channel).tag("result", result).register(registry).increment();
    }

    public void event(String name) {
        Counter.builder("jisr.events").tag("event", name).register(registry).increment();
    }

    /** Latency histograms (Prometheus buckets) for "webhook", "pipeline", "send", "end_to_end". */
    public void latency(String stage, Duration d) {
        Timer.builder("jisr.latency").tag("stage", stage).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(d);
    }
}
