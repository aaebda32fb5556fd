package org.jisr.bots;

/**
 * A channel's start-up work, run once by the gateway: Telegram registers its webhook or starts long
 * polling. Polling sources deliver through the {@link InboundSink}.
 */
public interface InboundSource extends AutoCloseable {

    /** Starts in the background; must not block. */
    void start(InboundSink sink);

    /** Stops polling; idempotent. */
    @Override
    void close();
}
