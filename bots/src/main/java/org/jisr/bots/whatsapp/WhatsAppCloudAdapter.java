package org.jisr.bots.whatsapp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.codec.DecoderException;
import org.apache.commons.codec.binary.Hex;
import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.OutboundMessage;
import org.jisr.bots.SendResult;
import org.jisr.bots.SendResult.RecipientState;
import org.jisr.bots.WebhookRequest;
import org.jisr.bots.WebhookResult;
import org.jisr.bots.support.HmacSha256;
import org.jisr.bots.support.ProviderHttp;
import org.jisr.bots.support.Redact;
import org.jisr.bots.support.RetryAfter;
import org.jisr.bots.support.TextSplitter;
import org.jisr.bots.support.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** WhatsApp through Meta's Cloud API. */
public final class WhatsAppCloudAdapter implements ChannelAdapter {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppCloudAdapter.class);

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    static final int MAX_TEXT = 4096;
    static final int MAX_INTERACTIVE_BODY = 1024;
    static final int MAX_BUTTONS = 3;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_LIST_ROWS = 10;
    static final int MAX_ROW_TITLE = 24;
    static final int MAX_ROW_DESCRIPTION = 72;
    static final Duration WINDOW = Duration.ofHours(24);
    /** A phone number (wa_id) is digits; anything else (e.g. {@code US.1349…}) is a business-scoped user id. */
    private static final Pattern PHONE = Pattern.compile("\\+?\\d+");

    private final WhatsAppSettings settings;
    private final HmacSha256 signature;
    private final WhatsAppWebhook webhook;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ProviderHttp http = new ProviderHttp(Duration.ofSeconds(10), Duration.ofSeconds(30));
    private final Clock clock;

    public WhatsAppCloudAdapter(WhatsAppSettings settings) {
        this(settings, Clock.systemUTC());
    }

    WhatsAppCloudAdapter(WhatsAppSettings settings, Clock clock) {
        this.settings = settings;
        this.signature = new HmacSha256(settings.appSecret().getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
        this.webhook = new WhatsAppWebhook(settings.phoneNumberId());
    }

    @Override
    public String channel() {
        return WhatsAppWebhook.CHANNEL;
    }

    @Override
    public WebhookResult handle(WebhookRequest request) {
        try {
            Optional<WebhookResult> tooLarge = Webhooks.tooLarge(request);
            if (tooLarge.isPresent()) {
                return tooLarge.get();
            }
            if ("GET".equalsIgnoreCase(request.method())) {
                return handshake(request);
            }
            return Webhooks.requireMethod(request, "POST").orElseGet(() -> event(request));
        } catch (RuntimeException e) { // never throw at the gateway
            log.warn("WhatsApp webhook could not be read: {}", e.toString());
            return new WebhookResult.Rejected(400, "unreadable WhatsApp webhook: " + Webhooks.brief(e.getMessage()));
        }
    }

    private WebhookResult handshake(WebhookRequest request) {
        if (!"subscribe".equals(request.queryParam("hub.mode"))
                || !Webhooks.constantTimeEquals(settings.verifyToken(), request.queryParam("hub.verify_token"))) {
            return new WebhookResult.Rejected(403, "hub.mode must be subscribe and hub.verify_token must match");
        }
        String challenge = request.queryParam("hub.challenge");
        return challenge == null ? new WebhookResult.Rejected(400, "hub.challenge missing")
                : new WebhookResult.Challenge(challenge);
    }

    private WebhookResult event(WebhookRequest request) {
        if (!signatureMatches(request.header(SIGNATURE_HEADER), request.body())) {
            return new WebhookResult.Rejected(403, SIGNATURE_HEADER + " missing or does not match the body");
        }
        JsonNode root;
        try {
            root = json.readTree(request.body());
        } catch (JacksonException e) {
            return new WebhookResult.Rejected(400, "malformed JSON: " + Webhooks.brief(e.getOriginalMessage()));
        }
        return root == null || root.isMissingNode() ? new WebhookResult.Rejected(400, "empty body") : webhook.read(root);
    }

    /** {@code sha256=<hex HMAC-SHA256 of the raw body>}, compared in constant time. */
    boolean signatureMatches(String header, byte[] body) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = Hex.decodeHex(header.substring("sha256=".length()));
        } catch (DecoderException e) {
            return false;
        }
        byte[] expected = signature.of(body);
        return MessageDigest.isEqual(expected, given);
    }

    @Override
    public SendResult send(OutboundMessage message) {
        List<ObjectNode> payloads;
        try {
            payloads = payloads(message);
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed(RecipientState.OK, e.getMessage());
        }
        List<String> ids = new ArrayList<>();
        for (ObjectNode payload : payloads) {
            SendResult result = post(payload);
            if (!(result instanceof SendResult.Sent sent)) {
                if (!ids.isEmpty()) {
                    log.warn("WhatsApp message to {} stopped after {} of {} parts: {}",
                            Redact.address(message.recipient()), ids.size(), payloads.size(), result);
                }
                return result;
            }
            ids.addAll(sent.providerMessageIds());
        }
        return new SendResult.Sent(ids);
    }

    /** The Cloud API requests for one message: text parts, then buttons or a list on the last part. */
    List<ObjectNode> payloads(OutboundMessage message) {
        if (message.template() != null) {
            String name = settings.templateName() != null ? settings.templateName() : message.template().name();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("no WhatsApp template configured (WHATSAPP_TEMPLATE_NAME)");
            }
            ObjectNode p = base(message.recipient(), "template");
            ObjectNode template = p.putObject("template");
            template.put("name", name);
            template.putObject("language").put("code", message.lang() == null ? "en" : message.lang());
            return List.of(p);
        }
        if (message.text().isBlank()) {
            throw new IllegalArgumentException("empty text");
        }
        List<String> parts = new ArrayList<>(TextSplitter.split(message.text(), MAX_TEXT));
        if (!message.choices().isEmpty() && parts.getLast().length() > MAX_INTERACTIVE_BODY) {
            String last = parts.removeLast();
            parts.addAll(TextSplitter.split(last, MAX_INTERACTIVE_BODY));
        }
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            out.add(last && !message.choices().isEmpty()
                    ? interactive(message, parts.get(i))
                    : text(message.recipient(), parts.get(i)));
        }
        return out;
    }

    private ObjectNode text(String recipient, String body) {
        ObjectNode p = base(recipient, "text");
        p.putObject("text").put("preview_url", false).put("body", body);
        return p;
    }

    private ObjectNode interactive(OutboundMessage message, String body) {
        ObjectNode p = base(message.recipient(), "interactive");
        ObjectNode interactive = p.putObject("interactive");
        interactive.putObject("body").put("text", body);
        List<OutboundMessage.Choice> choices = message.choices();
        // buttons cut titles to 20 characters: whole questions are clearer as list rows (with a description)
        if (choices.size() <= MAX_BUTTONS && choices.stream().allMatch(c -> c.title().length() <= MAX_BUTTON_TITLE)) {
            interactive.put("type", "button");
            ArrayNode buttons = interactive.putObject("action").putArray("buttons");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < choices.size(); i++) {
                String title = shorten(choices.get(i).title(), MAX_BUTTON_TITLE);
                if (!seen.add(title)) { // titles must be unique; two long titles can shorten alike
                    title = shorten(title, MAX_BUTTON_TITLE - 3) + " " + (i + 1);
                    seen.add(title);
                }
                ObjectNode reply = buttons.addObject().put("type", "reply").putObject("reply");
                reply.put("id", choices.get(i).id()).put("title", title);
            }
        } else {
            if (choices.size() > MAX_LIST_ROWS) {
                log.warn("WhatsApp list holds {} rows: {} choices cut", MAX_LIST_ROWS, choices.size() - MAX_LIST_ROWS);
            }
            interactive.put("type", "list");
            ObjectNode action = interactive.putObject("action");
            action.put("button", "ar".equals(message.lang()) ? "الخيارات" : "Options");
            ArrayNode rows = action.putArray("sections").addObject().putArray("rows");
            for (OutboundMessage.Choice choice : choices.subList(0, Math.min(MAX_LIST_ROWS, choices.size()))) {
                ObjectNode row = rows.addObject().put("id", choice.id())
                        .put("title", shorten(choice.title(), MAX_ROW_TITLE));
                if (choice.title().length() > MAX_ROW_TITLE) { // the whole question stays readable
                    row.put("description", shorten(choice.title(), MAX_ROW_DESCRIPTION));
                }
            }
        }
        return p;
    }

    private ObjectNode base(String recipient, String type) {
        ObjectNode p = json.createObjectNode();
        p.put("messaging_product", "whatsapp");
        p.put("recipient_type", "individual");
        // a phone number goes in "to"; a business-scoped user id in "recipient"
        p.put(PHONE.matcher(recipient).matches() ? "to" : "recipient", recipient);
        p.put("type", type);
        return p;
    }

    static String shorten(String title, int max) {
        if (title.length() <= max) {
            return title;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(title.charAt(end - 1))) {
            end--;
        }
        return title.substring(0, end).stripTrailing() + "…";
    }

    private SendResult post(ObjectNode payload) {
        ProviderHttp.Reply response;
        try {
            response = http.send("POST", settings.messagesEndpoint(), Map.of("Authorization", "Bearer " + settings.token()),
                    "application/json", json.writeValueAsString(payload));
        } catch (IOException e) {
            return new SendResult.Retry(null, "WhatsApp unreachable: " + e);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (JacksonException e) {
            body = json.missingNode();
        }
        if (response.status() / 100 == 2) {
            String id = WhatsAppWebhook.text(body.path("messages").path(0), "id");
            if (id == null) { // accepted all the same: sending again would duplicate it
                log.warn("WhatsApp accepted a message without returning its id");
                return new SendResult.Sent(List.of());
            }
            return new SendResult.Sent(List.of(id));
        }
        return classify(response, body.path("error"));
    }

    private SendResult classify(ProviderHttp.Reply response, JsonNode error) {
        int status = response.status();
        int code = error.path("code").asInt(0);
        String reason = "WhatsApp " + status + " error " + code + ": "
                + Redact.phoneNumbers(error.path("message").asString("") + detail(error));
        Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), clock);
        return switch (code) {
            // throughput, spam and pair rate limits, app-level rate limits
            case 130429, 131048, 131056, 80007, 4, 613 -> new SendResult.Retry(retryAfter, reason);
            case 131047, 131026, 131050 -> failure(code, reason);
            case 1, 2, 131000, 131016 -> new SendResult.Retry(retryAfter, reason);
            case 190 -> new SendResult.Retry(null, "WhatsApp refused the access token (190)");
            default -> status == 429 || status >= 500 ? new SendResult.Retry(retryAfter, reason)
                    : status == 401 ? new SendResult.Retry(null, "WhatsApp refused the access token (401)")
                    : new SendResult.Failed(RecipientState.OK, reason);
        };
    }

    /** What a permanent Cloud API error code says, for a refused send and for a failed status alike. */
    static SendResult.Failed failure(int code, String reason) {
        return switch (code) {
            case 131047 -> SendResult.Failed.windowClosed("reply window closed (131047): only a template may be sent");
            case 131026 -> new SendResult.Failed(RecipientState.UNREACHABLE, reason); // not on WhatsApp, old app…
            case 131050 -> new SendResult.Failed(RecipientState.OPTED_OUT, reason); // stopped marketing messages
            default -> new SendResult.Failed(RecipientState.OK, reason);
        };
    }

    private static String detail(JsonNode error) {
        String details = WhatsAppWebhook.text(error.path("error_data"), "details");
        return details == null ? "" : " (" + details + ")";
    }

    @Override
    public double sendRatePerSecond() {
        return settings.sendRate();
    }

    @Override
    public Optional<Duration> replyWindow() {
        return Optional.of(WINDOW);
    }

    @Override
    public Optional<OutboundMessage.Template> windowTemplate() {
        return Optional.ofNullable(settings.templateName()).map(OutboundMessage.Template::new);
    }

    @Override
    public int maxMessageLength() {
        return MAX_TEXT;
    }
}
