package org.jisr.bots.webchat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.OutboundMessage;
import org.jisr.bots.SendResult;
import org.jisr.bots.WebhookRequest;
import org.jisr.bots.WebhookResult;
import org.jisr.bots.support.HmacSha256;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public web chat as a channel. A visitor is identified by a signed session token (HMAC-SHA256 with a
 * secret shared by all nodes) carried in the {@value #COOKIE} cookie; the page posts JSON
 * {@code {"id": "<client message id>", "text": "…"}} or {@code {"id": "…", "choice": "<choice id>"}}.
 * Replies are handed to an {@link Outbox} that the gateway implements over its store, from where the page
 * receives them.
 */
public final class WebchatAdapter implements ChannelAdapter {

    public static final String CHANNEL = "webchat";
    public static final String COOKIE = "jisr_visitor";
    /** Longest message a visitor may type. */
    public static final int MAX_TEXT = 2000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    /**
     * Where replies to visitors go; returns an id for the delivered message. With a {@code key}, a message already
     * delivered under it is not delivered again, and its first id is returned.
     */
    @FunctionalInterface
    public interface Outbox {
        String deliver(String visitor, OutboundMessage message, String key);
    }

    private final HmacSha256 hmac;
    private final Outbox outbox;
    private final double sendRate;

    public WebchatAdapter(byte[] secret, Outbox outbox, double sendRate) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("web chat secret must have at least 16 bytes");
        }
        this.hmac = new HmacSha256(secret);
        this.outbox = outbox;
        this.sendRate = sendRate;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    /** A new visitor id with its signed token. */
    public String newSessionToken() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String visitor = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        return visitor + "." + sign(visitor);
    }

    /** The visitor id of a valid token. */
    public Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return Optional.empty();
        }
        String visitor = token.substring(0, dot);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = sign(visitor).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, expected) ? Optional.of(visitor) : Optional.empty();
    }

    /** The token from a request's Cookie header. */
    public static Optional<String> tokenOf(WebhookRequest r) {
        for (String header : r.headers().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(COOKIE + "=")) {
                    return Optional.of(p.substring(COOKIE.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    private String sign(String visitor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.of(visitor.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public WebhookResult handle(WebhookRequest request) {
        if (!request.isPost()) {
            return new WebhookResult.Rejected(405, "use POST");
        }
        Optional<String> visitor = tokenOf(request).flatMap(this::verify);
        if (visitor.isEmpty()) {
            return new WebhookResult.Rejected(403, "no valid web chat session: reload the page");
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (JacksonException e) {
            return new WebhookResult.Rejected(400, "body: not valid JSON");
        }
        if (body == null || !body.isObject()) {
            return new WebhookResult.Rejected(400, "body: expected a JSON object");
        }
        JsonNode id = body.get("id");
        if (id == null || !id.isString() || !MESSAGE_ID.matcher(id.stringValue()).matches()) {
            return new WebhookResult.Rejected(400, "id: a client message id of 8-64 letters, digits, '-' or '_' is required");
        }
        JsonNode text = body.get("text");
        JsonNode choice = body.get("choice");
        InboundMessage.Kind kind;
        String content;
        if (choice != null && choice.isString() && !choice.stringValue().isBlank()) {
            kind = InboundMessage.Kind.CHOICE;
            content = choice.stringValue();
        } else if (text != null && text.isString() && !text.stringValue().isBlank()) {
            kind = InboundMessage.Kind.TEXT;
            content = text.stringValue().strip();
        } else {
            return new WebhookResult.Rejected(400, "text: missing or empty");
        }
        if (content.length() > MAX_TEXT) {
            return new WebhookResult.Rejected(413, "text: longer than " + MAX_TEXT + " characters");
        }
        JsonNode lang = body.get("lang");
        String hint = lang != null && lang.isString() ? lang.stringValue() : null;
        return WebhookResult.Accepted.of(new InboundMessage(CHANNEL, visitor.get() + ":" + id.stringValue(), visitor.get(),
                kind, content, hint, Instant.now(), Map.of()));
    }

    @Override
    public boolean reportsDeliveries() {
        return false; // the page reads its feed; nothing reports back per message
    }

    @Override
    public SendResult send(OutboundMessage message) {
        return send(message, null);
    }

    @Override
    public SendResult send(OutboundMessage message, String key) {
        return new SendResult.Sent(List.of(outbox.deliver(message.recipient(), message, key)));
    }

    @Override
    public double sendRatePerSecond() {
        return sendRate;
    }
}
