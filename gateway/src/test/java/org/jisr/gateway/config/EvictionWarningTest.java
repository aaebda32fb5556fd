package org.jisr.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Redis that may evict keys is reported at start: an evicted queue entry or dedupe mark is a lost question. */
class EvictionWarningTest {

    @ParameterizedTest(name = "{0}: warned {1}")
    @CsvSource({
            "noeviction,     false", // a full Redis refuses writes: 503, providers retry
            "allkeys-lru,    true",  // any key may go, queued messages included
            "volatile-lru,   true",  // keys with a TTL may go: dedupe marks, locks, delivery records
            "volatile-ttl,   true",
            "allkeys-random, true",
    })
    void onlyNoevictionIsQuiet(String policy, boolean warned) {
        var warning = GatewayConfig.evictionWarning(policy);
        assertThat(warning.isPresent()).isEqualTo(warned);
        warning.ifPresent(w -> assertThat(w).contains("'" + policy + "'").contains("noeviction"));
    }
}
