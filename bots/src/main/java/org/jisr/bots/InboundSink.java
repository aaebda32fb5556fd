package org.jisr.bots;

/**
 * Where a pulling channel hands what it received. Returns only once the messages are stored durably
 * (deduplicated and enqueued); throws when they could not be, so the source retries instead of
 * advancing past them — a message is never lost between provider and queue.
 */
@FunctionalInterface
public interface InboundSink {

    void accept(WebhookResult.Accepted received) throws Exception;
}
