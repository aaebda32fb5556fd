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

    /** Runs {@code test} on a store of its own (a unique prefix), deleted afterwards. */
    void onFreshStore(java.util.function.Consumer<RedisStore> test) {
        RedisStore s = (RedisStore) newStore();
        try {
            test.accept(s);
        } finally {
            cleanUp(s);
            s.close();
        }
    }

    @org.junit.jupiter.api.Test
    void releaseAndAckWorksAfterRedisLostItsScripts() {
        onFreshStore(s -> {
            DurableQueue q = s.queue("in");
            q.add(java.util.Map.of("m", "one"));
            String id = q.read("node-a", 1, java.time.Duration.ZERO).getFirst().id();
            s.putIfAbsent(s.keys().personLock("p"), "me", java.time.Duration.ofSeconds(15));
            s.redis().scriptFlush(); // as after a Redis restart: the pipelined EVALSHAs answer NOSCRIPT
            q.releaseAndAck(s.keys().personLock("p"), "me", id);
            org.assertj.core.api.Assertions.assertThat(s.get(s.keys().personLock("p"))).isEmpty();
            org.assertj.core.api.Assertions.assertThat(q.depth()).isZero();
        });
    }

    @org.junit.jupiter.api.Test
    void anOrderedEntrysDedupeMarkLastsAsLongAsAskedAndItsNumberAWeek() {
        onFreshStore(s -> {
            s.queue("in").addIfNewInOrder("m1", java.time.Duration.ofHours(24), "sms:+9665", java.util.Map.of("m", "x"));
            long seen = s.redis().pttl(s.keys().seen("in", "m1"));
            long seq = s.redis().pttl(s.keys().orderSeq("in", "sms:+9665"));
            org.assertj.core.api.Assertions.assertThat(seen).as("dedupe: a day, not the week of the order number")
                    .isBetween(java.time.Duration.ofHours(23).toMillis(), java.time.Duration.ofHours(24).toMillis());
            org.assertj.core.api.Assertions.assertThat(seq).isGreaterThan(java.time.Duration.ofDays(6).toMillis());
        });
    }

    @org.junit.jupiter.api.Test
    void aFeedsRefsStayAboutAsSmallAsTheFeedAndExpireWithIt() {
        onFreshStore(s -> {
            String feed = s.keys().webchatBox("v");
            String refs = s.keys().webchatSent("v");
            for (int i = 0; i < 1000; i++) {
                s.appendOnce(feed, refs, "job-" + i, java.util.Map.of("n", Integer.toString(i)), 10, java.time.Duration.ofMinutes(5));
            }
            // the feed trims approximately (whole nodes of ~100 entries), so its refs are kept for as many
            org.assertj.core.api.Assertions.assertThat(s.redis().hlen(refs)).isLessThanOrEqualTo(Math.max(20, s.redis().xlen(feed)) + 1);
            org.assertj.core.api.Assertions.assertThat(s.redis().hget(refs, "job-999")).isEqualTo(s.lastId(feed));
            org.assertj.core.api.Assertions.assertThat(s.redis().pttl(refs)).isPositive();
            org.assertj.core.api.Assertions.assertThat(s.redis().pttl(feed)).isPositive();
        });
    }

    @org.junit.jupiter.api.Test
    void theEvictionPolicyIsReadAsRedisHasIt() {
        onFreshStore(s -> org.assertj.core.api.Assertions.assertThat(s.evictionPolicy())
                .contains(s.redis().configGet("maxmemory-policy").get("maxmemory-policy")));
    }

    @org.junit.jupiter.api.Test
    void aBatchWorksAfterRedisLostItsScripts() {
        onFreshStore(s -> {
            DurableQueue q = s.queue("out");
            Store.Batch b = s.batch();
            b.put(s.keys().person("p"), "v", java.time.Duration.ofMinutes(1));
            b.addIfNewInOrder(q, "job-1", java.time.Duration.ofHours(1), "p", java.util.Map.of("m", "x"));
            b.pushCappedAll(s.keys().history("p"), java.util.List.of("a"), 5, java.time.Duration.ofMinutes(1));
            s.redis().scriptFlush(); // as after a Redis restart: the pipelined EVALSHAs answer NOSCRIPT
            b.commit();
            org.assertj.core.api.Assertions.assertThat(q.read("w", 5, java.time.Duration.ZERO)).hasSize(1);
            org.assertj.core.api.Assertions.assertThat(s.latest(s.keys().history("p"), 5)).containsExactly("a");
        });
    }

    @org.junit.jupiter.api.Test
    void aBatchWithAFailedWriteThrowsAndTheOthersStillLand() {
        onFreshStore(s -> {
            String hist = s.keys().history("p");
            s.put(hist, "not a list", java.time.Duration.ofMinutes(1)); // the history write will answer WRONGTYPE
            Store.Batch b = s.batch();
            b.put(s.keys().person("p"), "v", java.time.Duration.ofMinutes(1));
            b.pushCappedAll(hist, java.util.List.of("a"), 5, java.time.Duration.ofMinutes(1));
            b.addIfNewInOrder(s.queue("out"), "job-1", java.time.Duration.ofHours(1), "p", java.util.Map.of("m", "x"));
            org.assertj.core.api.Assertions.assertThatThrownBy(b::commit).hasMessageContaining("WRONGTYPE");
            // as with one call after another, but the ones after the failure went too: the caller must not acknowledge
            org.assertj.core.api.Assertions.assertThat(s.get(s.keys().person("p"))).contains("v");
            org.assertj.core.api.Assertions.assertThat(s.queue("out").read("w", 5, java.time.Duration.ZERO)).hasSize(1);
        });
    }
}
