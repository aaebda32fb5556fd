package org.jisr.kb;

import java.util.Locale;
import java.util.Optional;

/** What kind of official content an article is. */
public enum ArticleType {
    /** A frequently asked question and its official answer. */
    FAQ,
    /** A figure or date a journalist may quote. */
    FACT,
    /** A circulating claim and the official correction; carries a {@link Verdict}. */
    RUMOR,
    /** An official statement. */
    STATEMENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ArticleType> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (ArticleType t : values()) {
            if (t.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
