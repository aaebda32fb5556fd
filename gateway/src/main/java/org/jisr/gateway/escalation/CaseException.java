package org.jisr.gateway.escalation;

/** A case action that cannot be done, with the HTTP status it maps to (404, 409, 403, 400) and a clear message. */
public final class CaseException extends RuntimeException {

    private final int status;

    public CaseException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
