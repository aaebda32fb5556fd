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
}
