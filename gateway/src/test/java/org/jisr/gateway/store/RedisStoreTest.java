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
    void releaseAndAckWorksAfterRedisLostItsScripts() {
        RedisStore s = (RedisStore) newStore();
        try {
            DurableQueue q = s.queue("in");
            q.add(java.util.Map.of("m", "one"));
            String id = q.read("node-a", 1, java.time.Duration.ZERO).getFirst().id();
            s.putIfAbsent(s.keys().personLock("p"), "me", java.time.Duration.ofSeconds(15));
            s.redis().scriptFlush(); // as after a Redis restart: the pipelined EVALSHAs answer NOSCRIPT
            q.releaseAndAck(s.keys().personLock("p"), "me", id);
            org.assertj.core.api.Assertions.assertThat(s.get(s.keys().personLock("p"))).isEmpty();
            org.assertj.core.api.Assertions.assertThat(q.depth()).isZero();
        } finally {
            cleanUp(s);
            s.close();
        }
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
