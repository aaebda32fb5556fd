package org.jisr.perf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options: {@code --name=value} or {@code --flag}; the first bare word is the command. */
final class Options {

    final String command;
    private final Map<String, String> values = new LinkedHashMap<>();

    Options(String[] args) {
        String cmd = null;
        for (String a : args) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                values.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
            } else if (cmd == null) {
                cmd = a;
            } else {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
        }
        command = cmd == null ? "help" : cmd;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }

    double number(String name, double fallback) {
        return Double.parseDouble(get(name, Double.toString(fallback)));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(get(name, "false"));
    }

    /** The channel mix, e.g. {@code --mix=telegram,sms,wa-twilio,whatsapp,webchat} (the default: all). */
    List<Traffic.Channel> mix() {
        String m = get("mix", "telegram,sms,wa-twilio,whatsapp,webchat");
        return java.util.Arrays.stream(m.split(",")).map(s -> Traffic.Channel.valueOf(s.trim().toUpperCase().replace('-', '_'))).toList();
    }

    Map<String, String> all() {
        return values;
    }
}
