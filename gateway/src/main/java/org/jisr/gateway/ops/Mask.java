package org.jisr.gateway.ops;

/** Masks personal addresses for logs: only the last four characters stay readable. */
public final class Mask {

    private Mask() {
    }

    /** "+971501234567" → "*********4567"; "whatsapp:+9715…" keeps its scheme; short values become "****". */
    public static String address(String a) {
        if (a == null) {
            return "null";
        }
        String scheme = "";
        int colon = a.indexOf(':');
        if (colon > 0 && colon < 12 && a.substring(0, colon).chars().allMatch(Character::isLetter)) {
            scheme = a.substring(0, colon + 1);
            a = a.substring(colon + 1);
        }
        if (a.length() <= 4) {
            return scheme + "****";
        }
        return scheme + "*".repeat(a.length() - 4) + a.substring(a.length() - 4);
    }

    /** A person key "channel:sender" with the sender masked. */
    public static String person(String key) {
        int i = key == null ? -1 : key.indexOf(':');
        return i < 0 ? address(key) : key.substring(0, i + 1) + address(key.substring(i + 1));
    }
}
