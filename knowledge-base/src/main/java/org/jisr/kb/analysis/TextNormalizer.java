package org.jisr.kb.analysis;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Character-level normalisation applied before any tokenising, identical for articles and queries, so
 * that spelling variants people actually type meet in one form. Idempotent:
 * {@code normalize(normalize(s)).equals(normalize(s))}.
 *
 * <ul>
 *   <li>Unicode NFKC (Arabic presentation forms, full-width Latin), then lower case;</li>
 *   <li>every non-spacing mark removed: Arabic diacritics (tashkeel), superscript alef, Latin accents;</li>
 *   <li>tatweel and invisible format characters (ZWJ, ZWNJ, LRM/RLM, ALM) removed;</li>
 *   <li>alef forms أ إ آ ٱ → ا; ى and Persian ی → ي; ة → ه; Persian ک → ك;
 *       hamza carriers ؤ and ئ → ء (so مسؤول and مسئول meet);</li>
 *   <li>Arabic-Indic ٠-٩ and Persian ۰-۹ digits → ASCII;</li>
 *   <li>Arabic punctuation ؟ ، ؛ ٪ « » → ASCII equivalents (separators for the tokenizer);</li>
 *   <li>a letter repeated three or more times collapses to one (شكراااا → شكرا, sooooo → so); digits never.</li>
 * </ul>
 */
public final class TextNormalizer {

    /** Longest input looked at; the rest of a longer message is ignored (a question is not an essay). */
    public static final int MAX_CHARS = 1000;

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String once = step(text.length() > MAX_CHARS ? cut(text) : text);
        // dropping a mark can make two neighbours composable again: repeat until nothing changes
        for (int i = 0; i < 4; i++) {
            String again = step(once);
            if (again.equals(once)) {
                break;
            }
            once = again;
        }
        return once;
    }

    private static String step(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int m = map(cp);
            if (m >= 0) {
                out.appendCodePoint(m);
            }
        }
        return collapseRuns(out);
    }

    /** Cuts at {@link #MAX_CHARS} without splitting a surrogate pair. */
    private static String cut(String text) {
        int end = MAX_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** The replacement code point, or -1 to drop it. */
    static int map(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return -1; // tashkeel, U+0670, accents, ZWJ/ZWNJ, LRM/RLM, ALM, BOM
        }
        if (cp >= 0x0660 && cp <= 0x0669) {
            return '0' + (cp - 0x0660);
        }
        if (cp >= 0x06F0 && cp <= 0x06F9) {
            return '0' + (cp - 0x06F0);
        }
        return switch (cp) {
            case 0x0640 -> -1; // tatweel (a letter-like character, not a mark)
            case 'أ', 'إ', 'آ', 'ٱ', 0x0672, 0x0673 -> 'ا';
            case 'ى', 0x06CC, 0x06D2 -> 'ي';
            case 'ة' -> 'ه';
            case 0x06A9 -> 'ك';
            case 'ؤ', 'ئ' -> 'ء';
            case '؟' -> '?';
            case '،' -> ',';
            case '؛' -> ';';
            case '٪' -> '%';
            case '«', '»' -> '"';
            default -> cp;
        };
    }

    /** Runs of three or more of the same letter become one letter; digits and other characters are kept. */
    private static String collapseRuns(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int cp = Character.codePointAt(s, i);
            int len = Character.charCount(cp);
            int j = i + len;
            int run = 1;
            while (j < s.length() && Character.codePointAt(s, j) == cp) {
                j += len;
                run++;
            }
            if (run >= 3 && Character.isLetter(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(s, i, j);
            }
            i = j;
        }
        return out.toString();
    }
}
