package org.jisr.gateway.store;

/** The store cannot be reached right now (Redis down, timeout): the caller should ask for a retry. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
