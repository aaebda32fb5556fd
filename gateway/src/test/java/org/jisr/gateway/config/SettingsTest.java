package org.jisr.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsTest {

    static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A wrong setting names its variable. */
    static Stream<Arguments> wrong() {
        return Stream.of(
                Arguments.of("malformed PUBLIC_BASE_URL", env("PUBLIC_BASE_URL", "ftp://x"), "PUBLIC_BASE_URL"),
                Arguments.of("PUBLIC_BASE_URL without host", env("PUBLIC_BASE_URL", "http://"), "PUBLIC_BASE_URL"),
                Arguments.of("malformed REDIS_URL", env("REDIS_URL", "localhost:6379"), "REDIS_URL"),
                Arguments.of("REDIS_URL with a bad db", env("REDIS_URL", "redis://h:6379/x"), "REDIS_URL"),
                Arguments.of("non-numeric PORT", env("PORT", "eighty"), "PORT"),
                Arguments.of("non-numeric web chat send rate", env("WEBCHAT_SEND_RATE", "fast"), "WEBCHAT_SEND_RATE"),
                Arguments.of("zero web chat send rate", env("WEBCHAT_SEND_RATE", "0"), "WEBCHAT_SEND_RATE"),
                Arguments.of("username without password", env("ADMIN_USERNAME", "admin"), "ADMIN_PASSWORD"),
                Arguments.of("password without username", env("ADMIN_PASSWORD", "secret-pass"), "ADMIN_USERNAME"),
                Arguments.of("unreadable KB_IMPORT", env("KB_IMPORT", "/no/such/file.jsonl"), "KB_IMPORT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrong")
    void wrongSettingNamesTheVariable(String name, Map<String, String> env, String variable) {
        assertThatThrownBy(() -> Settings.from(env::get)).isInstanceOfSatisfying(SettingException.class,
                e -> assertThat(e.variable()).isEqualTo(variable));
    }

    @Test
    void defaults() {
        Settings s = Settings.from(env()::get);
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.publicBaseUrl()).isEqualTo("http://localhost:8080");
        assertThat(s.inMemory()).isTrue();
        assertThat(s.keyPrefix()).isEqualTo("jisr:");
        assertThat(s.kbImportSample()).isTrue();
        assertThat(s.webchatSendRate()).isEqualTo(1000.0);
        Settings t = Settings.from(env("PORT", "9000", "PUBLIC_BASE_URL", "https://jisr.example.gov/", "WEBCHAT_SEND_RATE", "40")::get);
        assertThat(t.publicBaseUrl()).isEqualTo("https://jisr.example.gov");
        assertThat(t.webchatSendRate()).isEqualTo(40.0);
    }

    /** Provider settings (rates, templates) are read once, by the bots' Channels: a wrong one still stops the start. */
    @Test
    void aWrongChannelSettingStopsTheStartWithOneLineNamingIt() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = org.jisr.gateway.LauncherAccess.launch(env("TELEGRAM_BOT_TOKEN", "123456:abc", "TELEGRAM_SEND_RATE", "fast"),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement()
                .satisfies(l -> assertThat(l).startsWith("jisr: configuration error: TELEGRAM_SEND_RATE:"));
    }

    @Test
    void launcherPrintsOneLineAndExitsNonZero() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = org.jisr.gateway.LauncherAccess.launch(env("REDIS_URL", "not a url"), new PrintStream(err, true, StandardCharsets.UTF_8));
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(out.lines()).singleElement().satisfies(l -> assertThat(l).startsWith("jisr: configuration error: REDIS_URL:"));
    }

    @Test
    void unreachableRedisStopsTheStartWithOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = org.jisr.gateway.LauncherAccess.launch(env("REDIS_URL", "redis://:pw@127.0.0.1:1/0"), new PrintStream(err, true, StandardCharsets.UTF_8));
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(out.lines()).singleElement().satisfies(l -> assertThat(l).contains("REDIS_URL: cannot reach redis://***@127.0.0.1:1/0").doesNotContain("pw"));
    }
}
