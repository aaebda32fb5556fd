package org.jisr.gateway;

/**
 * A staff action (on a case, an article, a draft) that cannot be done, with the HTTP status it maps to
 * (404, 409, 403, 400) and a clear message.
 */
public final class ActionException extends RuntimeException {

    private final int status;

    public ActionException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
