package org.jisr.gateway.config;

import java.time.Duration;
import java.util.function.Function;

/**
 * Operational knobs with sensible defaults (optional {@code JISR_*} variables, documented in docs/operations.md).
 *
 * @param workers            inbound worker threads per node
 * @param outboundWorkers    outbound worker threads per node
 * @param claimIdle          a pending entry idle this long is taken over from its (presumably dead) consumer
 * @param maxDeliveries      tries of one inbound entry before it goes to the dead letters
 * @param sendAttempts       tries of one outbound message before it goes to the dead letters
 * @param personRate         messages per minute one person may send before the polite notice
 * @param personBurst        messages one person may send at once
 * @param historyMax         conversation turns kept per person
 * @param historyTtl         how long a conversation is kept after its last turn
 * @param dedupeTtl          how long provider message ids are remembered
 * @param choiceTtl          how long numbered suggestions can be picked by number
 * @param pacing             false lifts outbound pacing (benchmarks only)
 */
public record Tuning(int workers, int outboundWorkers, Duration claimIdle, int maxDeliveries, int sendAttempts,
        double personRate, int personBurst, int historyMax, Duration historyTtl, Duration dedupeTtl,
        Duration choiceTtl, boolean pacing) {

    public static Tuning defaults() {
        return from(n -> null);
    }

    static Tuning from(Function<String, String> env) {
        return new Tuning(
                Settings.integer(env, "JISR_WORKERS", 8, 1, 256), // CPU-bound KB search plus Redis round trips: more threads only compete with intake
                Settings.integer(env, "JISR_OUTBOUND_WORKERS", 16, 1, 256), // they wait on provider calls
                Duration.ofMillis(Settings.integer(env, "JISR_CLAIM_IDLE_MS", 30_000, 100, 86_400_000)),
                Settings.integer(env, "JISR_MAX_DELIVERIES", 5, 1, 100),
                Settings.integer(env, "JISR_SEND_ATTEMPTS", 12, 1, 100), // 1 s doubling to 5 min: about 15 min of trying
                Settings.integer(env, "JISR_PERSON_RATE_PER_MINUTE", 20, 1, 1_000_000),
                Settings.integer(env, "JISR_PERSON_BURST", 8, 1, 1_000_000),
                Settings.integer(env, "JISR_HISTORY_MAX", 50, 1, 10_000),
                Duration.ofDays(Settings.integer(env, "JISR_HISTORY_DAYS", 30, 1, 3650)),
                Duration.ofHours(Settings.integer(env, "JISR_DEDUPE_HOURS", 48, 24, 24 * 365)),
                Duration.ofMinutes(Settings.integer(env, "JISR_CHOICE_MINUTES", 30, 1, 10_000)),
                !"false".equalsIgnoreCase(Settings.value(env, "JISR_PACING")));
    }

    public Tuning withClaimIdle(Duration d) {
        return new Tuning(workers, outboundWorkers, d, maxDeliveries, sendAttempts, personRate, personBurst,
                historyMax, historyTtl, dedupeTtl, choiceTtl, pacing);
    }
}
