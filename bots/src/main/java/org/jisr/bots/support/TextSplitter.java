package org.jisr.bots.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text longer than a provider's limit into parts, preferring (in order) a paragraph break, a line break,
 * the end of a sentence (Latin or Arabic punctuation), a space, and only then a hard cut that never halves a
 * surrogate pair.
 */
public final class TextSplitter {

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?؟۔…](?=\\s)");

    private TextSplitter() {
    }

    public static List<String> split(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2");
        }
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = cutPoint(rest, max);
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    /** Where to cut {@code text} so the first part is at most {@code max} chars; a break at the first half is too short. */
    private static int cutPoint(String text, int max) {
        String window = text.substring(0, max + 1 <= text.length() ? max + 1 : text.length());
        int floor = max / 2;
        int at = window.lastIndexOf("\n\n", max);
        if (at >= floor) {
            return at;
        }
        at = window.lastIndexOf('\n', max);
        if (at >= floor) {
            return at;
        }
        int sentence = -1;
        Matcher m = SENTENCE_END.matcher(window);
        while (m.find()) {
            if (m.end() <= max) {
                sentence = m.end();
            }
        }
        if (sentence >= floor) {
            return sentence;
        }
        for (int i = max; i >= floor; i--) {
            if (Character.isWhitespace(window.charAt(i))) {
                return i;
            }
        }
        return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }
}
