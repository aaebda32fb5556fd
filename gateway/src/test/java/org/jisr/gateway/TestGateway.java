package org.jisr.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole gateway started in the test JVM on a free port, as a node (several may share one Redis prefix). */
public final class TestGateway {

    private TestGateway() {
    }

    /** Starts a node with these settings; {@code channel}, when given, is one more channel adapter (a bean). */
    public static ConfigurableApplicationContext start(TestChannel channel, Map<String, ?> settings) {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("PORT", "0"));
        p.putAll(settings);
        SpringApplicationBuilder b = new SpringApplicationBuilder(JisrApplication.class).properties(p);
        if (channel != null) {
            b.initializers(ctx -> ctx.getBeanFactory().registerSingleton("testChannel", channel));
        }
        return b.run();
    }

    public static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }
}
