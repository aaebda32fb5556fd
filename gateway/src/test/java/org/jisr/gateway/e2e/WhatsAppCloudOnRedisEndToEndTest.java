package org.jisr.gateway.e2e;

import java.util.ArrayList;
import java.util.List;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.gateway.TestRedis;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * WhatsApp Cloud end to end on the real Redis (queues, dedupe, held replies, delivery links in Redis), under a
 * unique key prefix deleted afterwards: the core cases and the reply window.
 */
class WhatsAppCloudOnRedisEndToEndTest extends ChannelEndToEnd {

    static final String PREFIX = TestRedis.uniquePrefix();
    static final FakeProvider api = WhatsAppDriver.start();
    final WhatsAppDriver whatsapp = new WhatsAppDriver(api);

    @DynamicPropertySource
    static void whatsappOnRedis(DynamicPropertyRegistry r) {
        WhatsAppCloudEndToEndTest.properties(r, api);
        r.add("REDIS_URL", TestRedis::url);
        r.add("JISR_KEY_PREFIX", () -> PREFIX);
    }

    @Override
    List<Driver> drivers() {
        return List.of(whatsapp);
    }

    @Override
    List<Row> channelCases() {
        return WhatsAppCloudEndToEndTest.WINDOW;
    }

    /** The shared table minus the cases that only repeat channel rendering already proven in memory. */
    @Override
    java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        List<String> skip = List.of("malformed payload", "a photo or location", "English suggestions");
        return super.cases().filter(a -> skip.stream().noneMatch(s -> a.toString().contains(s)));
    }

    @Override
    void afterStop() {
        api.close();
        try (var redis = TestRedis.store(PREFIX)) {
            redis.deleteAllWithPrefix();
        }
    }
}
