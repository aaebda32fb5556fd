package org.jisr.bots.twilio;

/**
 * SMS segment counting: GSM-7 (160 septets alone, 153 per part when concatenated; the extension characters
 * take two) or UCS-2 as soon as one character is outside GSM-7 — any Arabic letter — (70 alone, 67 per part,
 * counted in UTF-16 units, so an emoji takes two).
 */
final class SmsSegments {

    enum Encoding {
        GSM7, UCS2
    }

    record Count(Encoding encoding, int units, int segments) {
    }

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {
    }

    static Count count(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                int units = text.length();
                return new Count(Encoding.UCS2, units, units <= 70 ? 1 : ceilDiv(units, 67));
            }
        }
        return new Count(Encoding.GSM7, septets, septets <= 160 ? 1 : ceilDiv(septets, 153));
    }

    /**
     * {@code body + suffix} when it fits in {@code maxSegments}; otherwise the body cut at a word boundary with an
     * ellipsis, then the suffix (the numbered choices stay whole when they can).
     */
    static String fit(String body, String suffix, int maxSegments) {
        String full = body + suffix;
        Count whole = count(full);
        if (whole.segments() <= maxSegments) {
            return full;
        }
        String ellipsis = whole.encoding() == Encoding.GSM7 ? "..." : "…";
        if (count(ellipsis + suffix).segments() > maxSegments) {
            return suffix.isEmpty() ? hardCut(full, maxSegments) : fit(full, "", maxSegments);
        }
        int perSegment = whole.encoding() == Encoding.GSM7 ? 160 : 70; // an upper bound: the search goes down
        int end = Math.min(body.length(), perSegment * maxSegments);
        while (end > 0) {
            int space = lastSpaceBefore(body, end);
            end = space > 0 ? space : end - 1;
            if (end > 0 && Character.isHighSurrogate(body.charAt(end - 1))) {
                end--;
            }
            String candidate = body.substring(0, end).stripTrailing() + ellipsis + suffix;
            if (count(candidate).segments() <= maxSegments) {
                return candidate;
            }
        }
        return hardCut(suffix.strip(), maxSegments);
    }

    private static int lastSpaceBefore(String text, int end) {
        for (int i = end - 1; i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String hardCut(String text, int maxSegments) {
        String out = text;
        while (!out.isEmpty() && count(out).segments() > maxSegments) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
