package org.jisr.kb.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Wraps each token in {@code _…_} so that character n-grams also tell a word's start and end. */
final class WordBoundaryFilter extends TokenFilter {

    static final char MARK = '_';
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    WordBoundaryFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        int len = term.length();
        char[] buf = term.resizeBuffer(len + 2);
        System.arraycopy(buf, 0, buf, 1, len);
        buf[0] = MARK;
        buf[len + 1] = MARK;
        term.setLength(len + 2);
        return true;
    }
}
