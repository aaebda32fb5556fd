package org.jisr.gateway.ops;

import org.jisr.gateway.store.Store;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health of the store: DOWN when Redis does not answer (the in-memory store is always UP). */
@Component("storeHealthIndicator")
class StoreHealth implements HealthIndicator {

    private final Store store;

    StoreHealth(Store store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            store.ping();
            return Health.up().withDetail("kind", store.kind()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("kind", store.kind()).withDetail("error", e.getMessage()).build();
        }
    }
}
