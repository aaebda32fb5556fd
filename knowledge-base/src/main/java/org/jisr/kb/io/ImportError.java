package org.jisr.kb.io;

/**
 * One problem found while importing JSON Lines.
 *
 * @param line    1-based line number in the input
 * @param field   the JSON field at fault ("id", "questions.ar", …), or "line" for the whole line
 * @param message what is wrong, in words an editor understands
 */
public record ImportError(int line, String field, String message) {

    /** "field: message", as shown in the HTTP API's {@code errors[].error}. */
    public String error() {
        return field + ": " + message;
    }
}
