package org.jisr.gateway;

import java.io.PrintStream;
import java.util.Map;
import org.jisr.bots.Channels;
import org.jisr.bots.InvalidSettingException;
import org.jisr.gateway.config.ConsoleSettings;
import org.jisr.gateway.config.SettingException;
import org.jisr.gateway.config.Settings;
import org.jisr.gateway.store.Keys;
import org.jisr.gateway.store.RedisStore;
import org.jisr.gateway.store.StoreUnavailableException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Jisr gateway: the only Spring Boot application of the project. */
@SpringBootApplication
public class JisrApplication {

    public static void main(String[] args) {
        int code = launch(System.getenv(), args, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Validates the configuration before Spring starts, so a wrong setting stops the start with one line
     * naming the variable (exit code 2) instead of a stack trace.
     */
    static int launch(Map<String, String> env, String[] args, PrintStream err) {
        Settings settings;
        ConsoleSettings consoleSettings;
        Channels channels;
        try {
            settings = Settings.from(env::get);
            consoleSettings = ConsoleSettings.from(env::get);
            channels = Channels.fromEnvironment(env, settings.publicBaseUrl());
            if (!settings.inMemory()) {
                checkRedis(settings);
            }
        } catch (SettingException | InvalidSettingException e) {
            err.println("jisr: configuration error: " + e.getMessage());
            return 2;
        }
        SpringApplication app = new SpringApplication(JisrApplication.class);
        app.setDefaultProperties(Map.of("server.port", Integer.toString(settings.port())));
        app.addInitializers(ctx -> {
            ctx.getBeanFactory().registerSingleton("settings", settings);
            ctx.getBeanFactory().registerSingleton("channels", channels);
            ctx.getBeanFactory().registerSingleton("consoleSettings", consoleSettings);
        });
        app.run(args);
        return 0;
    }

    private static void checkRedis(Settings s) {
        try (RedisStore probe = new RedisStore(s.redisUrl(), new Keys(s.keyPrefix()), 1)) {
            probe.ping();
        } catch (StoreUnavailableException | redis.clients.jedis.exceptions.JedisException e) {
            throw new SettingException("REDIS_URL", "cannot reach " + withoutPassword(s.redisUrl()) + " ("
                    + rootMessage(e) + ")");
        }
    }

    static String withoutPassword(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
