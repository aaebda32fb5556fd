package org.jisr.bots;

/**
 * The body of the gateway's 200 answer to a provider's webhook call, for providers that read it.
 *
 * @param contentType the media type, e.g. {@code text/xml}
 * @param body        the body, exactly as sent
 */
public record WebhookReply(String contentType, String body) {
}
