package org.jisr.gateway.store;

import org.jisr.gateway.TestRedis;

/** The contract against the real Redis, on a unique prefix that is deleted afterwards. */
class RedisStoreTest extends StoreContract {

    @Override
    Store newStore() {
        return TestRedis.store(TestRedis.uniquePrefix());
    }

    @Override
    void cleanUp(Store s) {
        ((RedisStore) s).deleteAllWithPrefix();
    }

    @org.junit.jupiter.api.Test
    void anOrderedEntrysDedupeMarkLastsAsLongAsAskedAndItsNumberAWeek() {
        RedisStore s = (RedisStore) newStore();
        try {
            s.queue("in").addIfNewInOrder("m1", java.time.Duration.ofHours(24), "sms:+9665", java.util.Map.of("m", "x"));
            long seen = s.redis().pttl(s.keys().seen("in", "m1"));
            long seq = s.redis().pttl(s.keys().orderSeq("in", "sms:+9665"));
            org.assertj.core.api.Assertions.assertThat(seen).as("dedupe: a day, not the week of the order number")
                    .isBetween(java.time.Duration.ofHours(23).toMillis(), java.time.Duration.ofHours(24).toMillis());
            org.assertj.core.api.Assertions.assertThat(seq).isGreaterThan(java.time.Duration.ofDays(6).toMillis());
        } finally {
            cleanUp(s);
            s.close();
        }
    }
}
