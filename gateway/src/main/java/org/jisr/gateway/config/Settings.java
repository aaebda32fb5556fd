package org.jisr.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The gateway's configuration, read from the environment variables of DESIGN.md (plus a few optional
 * tuning variables). Parsing validates everything up front so that a wrong setting stops the start with one
 * {@link SettingException} naming the variable.
 *
 * @param port            HTTP port
 * @param publicBaseUrl   the URL providers call, without trailing slash
 * @param redisUrl        null: in-memory store
 * @param keyPrefix       common prefix of every Redis key
 * @param kbImport        files or folders imported at start; empty list with {@code kbImportSample}: the sample KB
 * @param adminUsername   bootstrap ADMIN account, or null
 * @param webchatSendRate web chat messages per second ({@code WEBCHAT_SEND_RATE}); the provider channels' rates and
 *                        templates are read by {@link org.jisr.bots.Channels}, not here
 */
public record Settings(
        int port,
        String publicBaseUrl,
        String redisUrl,
        String keyPrefix,
        List<Path> kbImport,
        boolean kbImportSample,
        String adminUsername,
        String adminPassword,
        double webchatSendRate,
        Tuning tuning) {

    static final double DEFAULT_WEBCHAT_SEND_RATE = 1000;

    public boolean inMemory() {
        return redisUrl == null;
    }

    /** Reads and validates; {@code env} is System.getenv() or Spring's environment. */
    public static Settings from(Function<String, String> env) {
        int port = integer(env, "PORT", 8080, 0, 65535);
        String base = value(env, "PUBLIC_BASE_URL");
        if (base == null) {
            base = "http://localhost:" + port;
        } else {
            base = httpUrl("PUBLIC_BASE_URL", base);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String redis = value(env, "REDIS_URL");
        if (redis != null) {
            redis = redisUrl(redis);
        }
        String prefix = value(env, "JISR_KEY_PREFIX");
        if (prefix == null) {
            prefix = "jisr:";
        } else if (!prefix.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new SettingException("JISR_KEY_PREFIX", "letters, digits, '_', '.', ':' or '-' only (up to 64)");
        }
        List<Path> kb = new ArrayList<>();
        String kbImport = value(env, "KB_IMPORT");
        if (kbImport != null) {
            for (String part : kbImport.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                Path path = Path.of(p);
                if (!Files.isReadable(path)) {
                    throw new SettingException("KB_IMPORT", "cannot read '" + p + "' (no such file or folder, or no permission)");
                }
                kb.add(path);
            }
            if (kb.isEmpty()) {
                throw new SettingException("KB_IMPORT", "names no file or folder");
            }
        }
        String user = value(env, "ADMIN_USERNAME");
        String pass = value(env, "ADMIN_PASSWORD");
        if (user != null && pass == null) {
            throw new SettingException("ADMIN_PASSWORD", "missing: ADMIN_USERNAME is set, so ADMIN_PASSWORD must be too");
        }
        if (pass != null && user == null) {
            throw new SettingException("ADMIN_USERNAME", "missing: ADMIN_PASSWORD is set, so ADMIN_USERNAME must be too");
        }
        if (user != null && !user.matches("[\\p{L}\\p{N}._@-]{1,64}")) {
            throw new SettingException("ADMIN_USERNAME", "letters, digits, '.', '_', '@' or '-' only (up to 64)");
        }
        if (pass != null && pass.length() < 8) {
            throw new SettingException("ADMIN_PASSWORD", "too short (at least 8 characters)");
        }
        String webchatRate = value(env, "WEBCHAT_SEND_RATE");
        return new Settings(port, base, redis, prefix, List.copyOf(kb), kbImport == null, user, pass,
                webchatRate == null ? DEFAULT_WEBCHAT_SEND_RATE : positive("WEBCHAT_SEND_RATE", webchatRate),
                Tuning.from(env));
    }

    static String value(Function<String, String> env, String name) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static int integer(Function<String, String> env, String name, int dflt, int min, int max) {
        String v = value(env, name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new SettingException(name, "'" + v + "' is out of range " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SettingException(name, "'" + v + "' is not a whole number");
        }
    }

    static double positive(String name, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new SettingException(name, "'" + v + "' must be a number above 0");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new SettingException(name, "'" + v + "' is not a number");
        }
    }

    private static String httpUrl(String name, String v) {
        try {
            URI u = new URI(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                throw new SettingException(name, "'" + v + "' is not an http(s) URL with a host");
            }
            if (u.getQuery() != null || u.getFragment() != null) {
                throw new SettingException(name, "must not have a query or fragment");
            }
            return v;
        } catch (URISyntaxException e) {
            throw new SettingException(name, "'" + v + "' is not a valid URL");
        }
    }

    private static String redisUrl(String v) {
        try {
            URI u = new URI(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss") || u.getHost() == null) {
                throw new SettingException("REDIS_URL", "expected redis://host:port/db or rediss://…, got a malformed URL");
            }
            String path = u.getPath() == null ? "" : u.getPath();
            if (!path.isEmpty() && !path.matches("/\\d{0,2}")) {
                throw new SettingException("REDIS_URL", "the path must be a database number (e.g. /0)");
            }
            return v;
        } catch (URISyntaxException e) {
            throw new SettingException("REDIS_URL", "expected redis://host:port/db, got a malformed URL");
        }
    }
}
