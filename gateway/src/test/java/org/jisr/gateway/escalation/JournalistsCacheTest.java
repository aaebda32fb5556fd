package org.jisr.gateway.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.jisr.gateway.store.MemoryStore;
import org.junit.jupiter.api.Test;

/** Two nodes' registries on one store: a change applies at once where it was made, within the cache time elsewhere. */
class JournalistsCacheTest {

    @Test
    void aChangeAppliesAtOnceOnItsNodeAndWithinTheCacheTimeOnAnother() {
        MemoryStore store = new MemoryStore();
        Journalists here = new Journalists(store, Duration.ofMillis(1500));
        Journalists there = new Journalists(store, Duration.ofMillis(1500));
        assertThat(there.find("sms", "+971501234567")).isEmpty(); // cached: nobody registered

        here.register("phone", "+971 50 123 4567", "Huda", "Gulf Daily", "admin", Instant.now());
        assertThat(here.find("sms", "+971501234567")).map(Journalists.Journalist::name).contains("Huda");
        assertThat(there.find("sms", "+971501234567")).as("the other node still answers from its copy").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> there.find("sms", "+971501234567").isPresent());

        assertThat(here.remove("phone", "+971501234567")).isTrue();
        assertThat(here.find("whatsapp", "whatsapp:+971501234567")).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> there.find("sms", "+971501234567").isEmpty());
    }
}
