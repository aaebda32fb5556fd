package org.jisr.gateway.store;

class MemoryStoreTest extends StoreContract {

    @Override
    Store newStore() {
        return new MemoryStore();
    }
}
