package org.jisr.bots.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provider payloads under {@code src/test/resources/fixtures/<channel>/}. JSON fixtures are the bodies exactly as
 * the provider posts them. Twilio's form fixtures ({@code *.form}) are kept readable, one {@code Name=value} a
 * line (value not encoded), and {@link #form} turns them into the wire body Twilio sends.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(String path) {
        String resource = "fixtures/" + path;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** The parameters of a {@code .form} fixture, in file order. */
    public static Map<String, String> formParams(String path) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String line : text(path).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            params.put(line.substring(0, eq), line.substring(eq + 1).stripTrailing());
        }
        return params;
    }

    /** The url-encoded body of a {@code .form} fixture. */
    public static String form(String path) {
        return Forms.encode(formParams(path));
    }
}
