package org.jisr.bots.telegram;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Doubling waits with jitter for start-up calls and for re-offering updates to a failing sink. */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** Sleeps the next wait; false when interrupted. */
    boolean pause() {
        long base = next.toMillis();
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        try {
            Thread.sleep(jittered);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void reset() {
        next = first;
    }
}
