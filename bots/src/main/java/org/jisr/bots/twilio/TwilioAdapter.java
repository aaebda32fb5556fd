package org.jisr.bots.twilio;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.DeliveryStatus;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.OutboundMessage;
import org.jisr.bots.SendResult;
import org.jisr.bots.SendResult.RecipientState;
import org.jisr.bots.WebhookReply;
import org.jisr.bots.WebhookRequest;
import org.jisr.bots.WebhookResult;
import org.jisr.bots.support.Redact;
import org.jisr.bots.support.RetryAfter;
import org.jisr.bots.support.TextSplitter;
import org.jisr.bots.support.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;

/** Twilio SMS and WhatsApp: one webhook, one REST client; the address prefix {@code whatsapp:} tells them apart. */
public final class TwilioAdapter implements ChannelAdapter {

    private static final Logger log = LoggerFactory.getLogger(TwilioAdapter.class);

    static final String CHANNEL = "twilio";
    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    static final String WHATSAPP_PREFIX = "whatsapp:";
    /** Twilio's limit for one message body (SMS is further kept to a few segments). */
    static final int MAX_BODY = 1600;
    static final Duration WHATSAPP_WINDOW = Duration.ofHours(24);
    static final WebhookReply EMPTY_TWIML = new WebhookReply("text/xml; charset=utf-8",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");

    private final TwilioSettings settings;
    private final RequestValidator validator;
    private final TwilioHttpClient http;
    private final TwilioRestClient rest;
    private final Clock clock;

    public TwilioAdapter(TwilioSettings settings) {
        this(settings, Clock.systemUTC());
    }

    TwilioAdapter(TwilioSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.validator = new RequestValidator(settings.authToken());
        this.http = new TwilioHttpClient(settings.apiUrl());
        this.rest = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken()).httpClient(http).build();
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public WebhookResult handle(WebhookRequest request) {
        try {
            return Webhooks.tooLarge(request)
                    .or(() -> Webhooks.requireMethod(request, "POST"))
                    .orElseGet(() -> verified(request));
        } catch (RuntimeException e) { // never throw at the gateway
            log.warn("Twilio webhook could not be read: {}", e.toString());
            return new WebhookResult.Rejected(400, "unreadable Twilio webhook: " + Webhooks.brief(e.getMessage()));
        }
    }

    private WebhookResult verified(WebhookRequest request) {
        String signature = request.header(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            return new WebhookResult.Rejected(403, SIGNATURE_HEADER + " missing");
        }
        Map<String, String> form;
        try {
            form = TwilioForm.parse(request.body());
        } catch (IllegalArgumentException e) {
            return new WebhookResult.Rejected(400, "malformed form body: " + Webhooks.brief(e.getMessage()));
        }
        // the URL Twilio signed is the public one (PUBLIC_BASE_URL + path + query), not what a proxy forwarded
        if (!validator.validate(request.url(), form, signature)) {
            return new WebhookResult.Rejected(403, SIGNATURE_HEADER + " does not match " + request.url());
        }
        if (form.containsKey("MessageStatus") && !form.containsKey("Body")) {
            return status(form);
        }
        return message(form);
    }

    private WebhookResult status(Map<String, String> form) {
        String sid = form.get("MessageSid");
        if (sid == null || sid.isBlank()) {
            return new WebhookResult.Rejected(400, "status callback without MessageSid");
        }
        String status = form.get("MessageStatus").toLowerCase(Locale.ROOT);
        DeliveryStatus.State state = switch (status) {
            case "sent" -> DeliveryStatus.State.SENT;
            case "delivered" -> DeliveryStatus.State.DELIVERED;
            case "read" -> DeliveryStatus.State.READ;
            case "failed", "undelivered" -> DeliveryStatus.State.FAILED;
            default -> null; // queued, accepted, sending, scheduled, canceled: interim
        };
        if (state == null) {
            return new WebhookResult.Ignored("interim status " + status);
        }
        String error = form.get("ErrorCode");
        error = error == null || error.isBlank() ? null : error.strip();
        SendResult.Failed failure = null;
        if (state == DeliveryStatus.State.FAILED) {
            log.warn("Twilio message {} to {} {} (error {})", sid, Redact.address(form.get("To")), status, error);
            failure = failure(errorCode(error), "Twilio status " + status + (error == null ? "" : " error " + error));
        }
        return new WebhookResult.Accepted(List.of(), List.of(new DeliveryStatus(CHANNEL, sid, state, error,
                clock.instant(), failure)));
    }

    private static int errorCode(String error) {
        try {
            return error == null ? 0 : Integer.parseInt(error);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private WebhookResult message(Map<String, String> form) {
        String sid = form.getOrDefault("MessageSid", form.get("SmsMessageSid"));
        String from = form.get("From");
        if (sid == null || sid.isBlank()) {
            return new WebhookResult.Rejected(400, "message without MessageSid");
        }
        if (from == null || from.isBlank()) {
            return new WebhookResult.Rejected(400, "message without From");
        }
        String body = form.getOrDefault("Body", "").strip();
        String payload = form.get("ButtonPayload");
        Map<String, String> attributes = new HashMap<>();
        InboundMessage.Kind kind;
        String text;
        if (payload != null && !payload.isBlank()) { // a quick-reply button of a WhatsApp template
            kind = InboundMessage.Kind.CHOICE;
            text = payload;
        } else if (!body.isEmpty()) { // a caption with a photo is still a question
            kind = InboundMessage.Kind.TEXT;
            text = body;
            SmsKeywords.match(body).ifPresent(k -> attributes.put(SmsKeywords.ATTRIBUTE, k));
        } else {
            kind = InboundMessage.Kind.UNSUPPORTED;
            text = "";
        }
        return WebhookResult.Accepted.of(new InboundMessage(CHANNEL, sid, from, kind, text, null, clock.instant(),
                attributes));
    }

    /** Replies go through the REST API: the webhook answers with empty TwiML, so Twilio texts nothing back. */
    @Override
    public Optional<WebhookReply> okReply() {
        return Optional.of(EMPTY_TWIML);
    }

    @Override
    public SendResult send(OutboundMessage message) {
        String to = message.recipient();
        boolean whatsapp = to != null && to.startsWith(WHATSAPP_PREFIX);
        String from = whatsapp ? settings.whatsappFrom() : settings.smsFrom();
        if (from == null) {
            return new SendResult.Failed(RecipientState.OK, "no sender configured: "
                    + (whatsapp ? "TWILIO_WHATSAPP_FROM" : "TWILIO_SMS_FROM") + " is unset");
        }
        if (whatsapp && message.template() != null) {
            String sid = settings.whatsappTemplateSid() != null ? settings.whatsappTemplateSid() : message.template().name();
            if (sid == null || sid.isBlank()) {
                return new SendResult.Failed(RecipientState.OK, "no WhatsApp template configured (TWILIO_WHATSAPP_TEMPLATE_SID)");
            }
            return create(Message.creator(new PhoneNumber(to), new PhoneNumber(from), (String) null).setContentSid(sid));
        }
        List<String> bodies = whatsapp ? whatsappBodies(message) : List.of(smsBody(message));
        if (bodies.stream().allMatch(String::isBlank)) {
            return new SendResult.Failed(RecipientState.OK, "empty message");
        }
        List<String> ids = new ArrayList<>();
        for (String body : bodies) {
            SendResult part = create(Message.creator(new PhoneNumber(to), new PhoneNumber(from), body));
            if (!(part instanceof SendResult.Sent sent)) {
                return part;
            }
            ids.addAll(sent.providerMessageIds());
        }
        return new SendResult.Sent(ids);
    }

    /** SMS: the short text when there is one, numbered choices, at most {@code maxSmsSegments} segments. */
    String smsBody(OutboundMessage message) {
        String text = message.shortText() != null && !message.shortText().isBlank() ? message.shortText() : message.text();
        return SmsSegments.fit(text.strip(), numberedChoices(message.choices()), settings.maxSmsSegments());
    }

    /** WhatsApp through Twilio: the full text split at 1,600 characters, numbered choices after the last part. */
    static List<String> whatsappBodies(OutboundMessage message) {
        String choices = numberedChoices(message.choices());
        List<String> parts = new ArrayList<>(TextSplitter.split(message.text(), MAX_BODY));
        String last = parts.getLast();
        if (last.length() + choices.length() <= MAX_BODY) {
            parts.set(parts.size() - 1, last + choices);
        } else {
            parts.add(choices.strip());
        }
        return parts;
    }

    static String numberedChoices(List<OutboundMessage.Choice> choices) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            out.append(i == 0 ? "\n\n" : "\n").append(i + 1).append(". ").append(choices.get(i).title());
        }
        return out.toString();
    }

    private SendResult create(MessageCreator creator) {
        creator.setStatusCallback(settings.webhookUrl());
        try {
            Message sent = creator.create(rest);
            return new SendResult.Sent(List.of(sent.getSid()));
        } catch (ApiConnectionException e) {
            return new SendResult.Retry(null, Redact.secrets(e.getMessage(), settings.authToken()));
        } catch (ApiException e) {
            return classify(e);
        } catch (RuntimeException e) {
            return new SendResult.Retry(null, "Twilio call failed: " + Redact.secrets(e.toString(), settings.authToken()));
        }
    }

    private SendResult classify(ApiException e) {
        int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
        int code = e.getCode() == null ? 0 : e.getCode();
        String reason = "Twilio " + status + " error " + code + ": " + Redact.phoneNumbers(e.getMessage());
        if (status == 429 || code == 20429 || status >= 500 || status == 0) {
            return new SendResult.Retry(RetryAfter.parse(http.lastResponseHeader("Retry-After"), clock), reason);
        }
        if (code == 20003 || code == 20005) {
            return new SendResult.Retry(null, "Twilio refused the credentials (" + code + ")");
        }
        return failure(code, reason);
    }

    /** What a permanent Twilio error code says, for a refused send and for a failed/undelivered status alike. */
    static SendResult.Failed failure(int code, String reason) {
        return switch (code) {
            case 21610 -> new SendResult.Failed(RecipientState.OPTED_OUT, reason); // replied STOP
            // invalid, unknown or landline numbers; WhatsApp user unreachable
            case 21211, 21614, 21612, 21217, 21421, 30005, 30006, 63003 ->
                    new SendResult.Failed(RecipientState.UNREACHABLE, reason);
            case 63016 -> SendResult.Failed.windowClosed(reason); // WhatsApp: free text outside the 24-hour window
            default -> new SendResult.Failed(RecipientState.OK, reason);
        };
    }

    @Override
    public double sendRatePerSecond() {
        return settings.sendRate();
    }

    /** The 24-hour window exists only for WhatsApp addresses: see {@link #replyWindow(String)}. */
    @Override
    public Optional<Duration> replyWindow() {
        return settings.whatsappFrom() == null ? Optional.empty() : Optional.of(WHATSAPP_WINDOW);
    }

    @Override
    public Optional<Duration> replyWindow(String recipient) {
        return recipient != null && recipient.startsWith(WHATSAPP_PREFIX) ? Optional.of(WHATSAPP_WINDOW) : Optional.empty();
    }

    @Override
    public Optional<OutboundMessage.Template> windowTemplate() {
        return Optional.ofNullable(settings.whatsappTemplateSid()).map(OutboundMessage.Template::new);
    }

    @Override
    public int maxMessageLength() {
        return MAX_BODY;
    }
}
