package org.jisr.bots;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Typed reads of environment variables; every problem names its variable. Blank counts as unset. */
final class Env {

    private final Function<String, String> env;

    Env(Function<String, String> env) {
        this.env = env;
    }

    /** The value, stripped, or null when unset or blank. */
    String get(String name) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    boolean isSet(String name) {
        return get(name) != null;
    }

    String require(String name, String why) {
        String v = get(name);
        if (v == null) {
            throw new InvalidSettingException(name, "must be set " + why);
        }
        return v;
    }

    /** A value that must match {@code pattern}; the message describes the shape without echoing secrets. */
    String matching(String name, Pattern pattern, String shape, boolean secret) {
        String v = get(name);
        if (v != null && !pattern.matcher(v).matches()) {
            throw new InvalidSettingException(name, "must be " + shape + (secret ? "" : ", was '" + v + "'"));
        }
        return v;
    }

    /** An absolute http(s) URL; with {@code pathAllowed} false, nothing after host and port. */
    URI url(String name, URI fallback, boolean pathAllowed) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        return url(name, v, pathAllowed);
    }

    static URI url(String name, String value, boolean pathAllowed) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(name, "is not a valid URL: '" + value + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new InvalidSettingException(name, "must be an absolute http(s) URL, was '" + value + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettingException(name, "must not have a query or fragment, was '" + value + "'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!pathAllowed && !(path.isEmpty() || path.equals("/"))) {
            throw new InvalidSettingException(name, "must be scheme://host[:port] without a path, was '" + value + "'");
        }
        return uri;
    }

    /** A positive number of messages per second. */
    double rate(String name, double fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        double rate;
        try {
            rate = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(name, "must be a number of messages per second, was '" + v + "'");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new InvalidSettingException(name, "must be a positive number, was '" + v + "'");
        }
        return rate;
    }
}
