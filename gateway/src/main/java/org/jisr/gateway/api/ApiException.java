package org.jisr.gateway.api;

/** An API error with its HTTP status; the message names the field or thing at fault. */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
