package org.jisr.kb.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Removes the definite article and the prepositions written onto it (ال, وال, بال, كال, فال, لل) BEFORE the
 * synonym list is applied, so one entry covers every form: الفوائد / فوائد, الحين / حين, الصوم / صوم. A word
 * keeps its prefix when fewer than three letters would remain (الله, الان) or when it is a stop word as written
 * (الذي, التي: the stop list removes those later).
 */
final class ArabicArticleFilter extends TokenFilter {

    private static final String[] PREFIXES = {"وال", "بال", "كال", "فال", "ال", "لل"};
    private static final int MIN_REST = 3;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final CharArraySet keep;

    ArabicArticleFilter(TokenStream in, CharArraySet keep) {
        super(in);
        this.keep = keep;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        int len = term.length();
        char[] buf = term.buffer();
        if (keep.contains(buf, 0, len)) {
            return true;
        }
        for (String p : PREFIXES) {
            if (len - p.length() >= MIN_REST && startsWith(buf, p)) {
                System.arraycopy(buf, p.length(), buf, 0, len - p.length());
                term.setLength(len - p.length());
                break;
            }
        }
        return true;
    }

    private static boolean startsWith(char[] buf, String p) {
        for (int i = 0; i < p.length(); i++) {
            if (buf[i] != p.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
