package org.jisr.gateway;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's JSON for stored records and queue entries (Jackson 3; java.time as ISO strings). */
public final class Json {

    // buffers kept per thread: the shared default pool (a concurrent deque) was some 12 % of a write with 50 threads
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // stored records may gain fields
            .build();

    private Json() {
    }

    public static String write(Object o) {
        return MAPPER.writeValueAsString(o);
    }

    public static <T> T read(String s, Class<T> type) {
        return MAPPER.readValue(s, type);
    }
}
