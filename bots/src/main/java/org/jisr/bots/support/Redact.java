package org.jisr.bots.support;

import java.util.regex.Pattern;

/** Masks personal addresses and secrets before they reach a log line. */
public final class Redact {

    /** A phone number inside free text (a provider's error message): 7+ digits, maybe with + and spaces. */
    private static final Pattern PHONE_IN_TEXT = Pattern.compile("\\+?\\d[\\d ]{5,}(\\d{4})");

    private Redact() {
    }

    /**
     * Masks a phone number, chat id or user id, keeping the last 4 characters and any scheme prefix:
     * {@code whatsapp:+966501234567} → {@code whatsapp:…4567}.
     */
    public static String address(String address) {
        if (address == null) {
            return "null";
        }
        int colon = address.indexOf(':');
        String prefix = colon >= 0 ? address.substring(0, colon + 1) : "";
        String rest = address.substring(prefix.length());
        return rest.length() <= 4 ? prefix + "…" : prefix + "…" + rest.substring(rest.length() - 4);
    }

    /** Masks every phone-number-like run of digits in {@code text}, keeping its last 4 digits. */
    public static String phoneNumbers(String text) {
        return text == null ? null : PHONE_IN_TEXT.matcher(text).replaceAll("…$1");
    }

    /** Replaces every occurrence of the given secrets in {@code text} (an exception message, a URL) by ***. */
    public static String secrets(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }
}
