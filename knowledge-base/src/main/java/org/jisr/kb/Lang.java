package org.jisr.kb;

import java.util.Locale;
import java.util.Optional;

/** The two languages of the knowledge base. */
public enum Lang {
    AR("ar"),
    EN("en");

    private final String code;

    Lang(String code) {
        this.code = code;
    }

    /** ISO 639-1 code, as used in article JSON and the HTTP API. */
    public String code() {
        return code;
    }

    public Lang other() {
        return this == AR ? EN : AR;
    }

    /** Parses "ar"/"en" (any case, also "ar-SA", "en_GB"); empty for anything else. */
    public static Optional<Lang> fromCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        if (c.startsWith("ar")) {
            return Optional.of(AR);
        }
        if (c.startsWith("en")) {
            return Optional.of(EN);
        }
        return Optional.empty();
    }

    /** Arabic script anywhere in the text means Arabic; anything else is English. */
    public static Lang detect(String text) {
        if (text != null) {
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC && Character.isLetter(cp)) {
                    return AR;
                }
                i += Character.charCount(cp);
            }
        }
        return EN;
    }

    /** The caller's language when given, else the one detected from the text. */
    public static Lang resolve(String text, Lang preferred) {
        return preferred != null ? preferred : detect(text);
    }
}
