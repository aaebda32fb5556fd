package org.jisr.kb;

import java.util.Locale;
import java.util.Optional;

/** The official verdict on a rumour. */
public enum Verdict {
    FALSE,
    MISLEADING,
    TRUE,
    UNVERIFIED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Verdict> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Verdict v : values()) {
            if (v.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
