package org.jisr.gateway.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The system clock plus an offset a test can move forward ("a day passes"), registered as the gateway's
 * {@code clock} bean before the configuration is read (as the launcher registers its settings).
 */
final class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void advance(Duration d) {
        offset.accumulateAndGet(d, Duration::plus);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Use with {@code @ContextConfiguration(initializers = TestClock.Initializer.class)}. */
    static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext ctx) {
            ctx.getBeanFactory().registerSingleton("clock", new TestClock());
        }
    }
}
