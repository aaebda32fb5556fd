package org.jisr.bots.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.jisr.bots.WebhookRequest;
import org.jisr.bots.WebhookResult;

/** Checks every adapter applies to a webhook call before reading it. */
public final class Webhooks {

    /** Largest body an adapter reads (the gateway also limits). */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private Webhooks() {
    }

    /** 413 when the body is over {@link #MAX_BODY_BYTES}. */
    public static Optional<WebhookResult> tooLarge(WebhookRequest request) {
        int size = request.body().length;
        return size > MAX_BODY_BYTES
                ? Optional.of(new WebhookResult.Rejected(413, "body of " + size + " bytes is over the 1 MB limit"))
                : Optional.empty();
    }

    /** 405 unless the call uses {@code method}. */
    public static Optional<WebhookResult> requireMethod(WebhookRequest request, String method) {
        return method.equalsIgnoreCase(request.method())
                ? Optional.empty()
                : Optional.of(new WebhookResult.Rejected(405, "method " + request.method() + " not allowed, use " + method));
    }

    /** Compares two secrets in time independent of where they differ; null never matches. */
    public static boolean constantTimeEquals(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Shortens a parser's message for a 400 response (no payload echo beyond a short excerpt). */
    public static String brief(String message) {
        if (message == null) {
            return "unreadable";
        }
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }
}
