package org.jisr.kb;

import java.util.Locale;

/** What the gateway should do with a question. */
public enum Decision {
    /** One clear match: give the official answer. */
    ANSWER,
    /** Plausible matches, none certain: offer up to three choices. */
    SUGGEST,
    /** Nothing plausible: hand the question to staff. */
    ESCALATE;

    /** Lower-case name used on the HTTP API ("answer", "suggest", "escalate"). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
