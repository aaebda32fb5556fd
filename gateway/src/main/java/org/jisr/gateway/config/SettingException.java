package org.jisr.gateway.config;

/** A configuration variable that is wrong; {@link #getMessage()} is the one line shown at start. */
public final class SettingException extends RuntimeException {

    private final String variable;

    public SettingException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
