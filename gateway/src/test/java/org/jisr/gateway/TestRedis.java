package org.jisr.gateway;

import java.util.UUID;
import org.jisr.gateway.store.Keys;
import org.jisr.gateway.store.RedisStore;

/** The test Redis: {@code JISR_TEST_REDIS_URL} (default local); tests fail, not skip, when it is down. */
public final class TestRedis {

    private TestRedis() {
    }

    public static String url() {
        String u = System.getenv("JISR_TEST_REDIS_URL");
        return u == null || u.isBlank() ? "redis://127.0.0.1:6379/0" : u;
    }

    /** A unique prefix per test, so parallel helpers and runs never see each other's keys. */
    public static String uniquePrefix() {
        return "jisr-test-" + UUID.randomUUID() + ":";
    }

    /** A store on a fresh prefix; ping fails the test when Redis does not answer. */
    public static RedisStore store(String prefix) {
        RedisStore s = new RedisStore(url(), new Keys(prefix), 16);
        s.ping();
        return s;
    }
}
