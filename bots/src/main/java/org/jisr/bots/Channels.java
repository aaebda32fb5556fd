package org.jisr.bots;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jisr.bots.telegram.TelegramAdapter;
import org.jisr.bots.telegram.TelegramSettings;
import org.jisr.bots.twilio.TwilioAdapter;
import org.jisr.bots.twilio.TwilioSettings;
import org.jisr.bots.whatsapp.WhatsAppCloudAdapter;
import org.jisr.bots.whatsapp.WhatsAppSettings;

/**
 * The provider channels configured by environment variables (see DESIGN.md, "Configuration"): a channel
 * is on when its credentials are set. The web chat is not here: the gateway creates it.
 *
 * @param adapters one per enabled channel
 * @param sources  start-up work of the enabled channels (Telegram webhook registration or polling)
 */
public record Channels(List<ChannelAdapter> adapters, List<InboundSource> sources) {

    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");
    // Telegram's own rule for secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -
    private static final Pattern TELEGRAM_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[A-Za-z0-9]{8,}");
    private static final Pattern SMS_NUMBER = Pattern.compile("\\+\\d{6,15}");
    private static final Pattern WHATSAPP_NUMBER = Pattern.compile("whatsapp:\\+\\d{6,15}");
    private static final Pattern CONTENT_SID = Pattern.compile("HX[A-Za-z0-9]{8,}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern GRAPH_VERSION = Pattern.compile("v\\d+\\.\\d+");
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");

    public Channels {
        adapters = List.copyOf(adapters);
        sources = List.copyOf(sources);
    }

    /**
     * Builds the channels from the environment.
     *
     * @param env           environment variables (System.getenv() in production)
     * @param publicBaseUrl the resolved PUBLIC_BASE_URL (default http://localhost:PORT), without trailing slash
     * @throws InvalidSettingException naming the first variable that is wrong
     */
    public static Channels fromEnvironment(Map<String, String> env, String publicBaseUrl) {
        return fromEnvironment(env::get, publicBaseUrl);
    }

    /**
     * Builds the channels from any lookup of the same variables (a Spring {@code Environment}, a test's
     * properties), so a configuration source other than the process environment needs no map of every name.
     *
     * @param env variable name → value, or null when unset
     */
    public static Channels fromEnvironment(Function<String, String> env, String publicBaseUrl) {
        Env e = new Env(env);
        String base = publicBaseUrl == null ? "" : publicBaseUrl.strip().replaceAll("/+$", "");
        List<ChannelAdapter> adapters = new ArrayList<>();
        List<InboundSource> sources = new ArrayList<>();
        TelegramSettings telegram = telegram(e, base);
        if (telegram != null) {
            TelegramAdapter adapter = new TelegramAdapter(telegram);
            adapters.add(adapter);
            sources.add(adapter.source());
        }
        TwilioSettings twilio = twilio(e, base);
        if (twilio != null) {
            adapters.add(new TwilioAdapter(twilio));
        }
        WhatsAppSettings whatsapp = whatsapp(e);
        if (whatsapp != null) {
            adapters.add(new WhatsAppCloudAdapter(whatsapp));
        }
        return new Channels(adapters, sources);
    }

    static TelegramSettings telegram(Env e, String base) {
        String token = e.matching("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN, "a BotFather token (digits:letters)", true);
        if (token == null) {
            return null; // channel off
        }
        String modeName = e.get("TELEGRAM_MODE") == null ? "polling" : e.get("TELEGRAM_MODE").toLowerCase(Locale.ROOT);
        TelegramSettings.Mode mode = switch (modeName) {
            case "polling" -> TelegramSettings.Mode.POLLING;
            case "webhook" -> TelegramSettings.Mode.WEBHOOK;
            default -> throw new InvalidSettingException("TELEGRAM_MODE",
                    "must be polling or webhook, was '" + e.get("TELEGRAM_MODE") + "'");
        };
        String secret = e.matching("TELEGRAM_WEBHOOK_SECRET", TELEGRAM_SECRET,
                "1-256 characters of A-Z, a-z, 0-9, _ and -", true);
        var apiUrl = e.url("TELEGRAM_API_URL", TelegramSettings.DEFAULT_API_URL, false);
        double rate = e.rate("TELEGRAM_SEND_RATE", TelegramSettings.DEFAULT_SEND_RATE);
        if (mode == TelegramSettings.Mode.WEBHOOK) {
            if (secret == null) {
                throw new InvalidSettingException("TELEGRAM_WEBHOOK_SECRET", "must be set when TELEGRAM_MODE=webhook");
            }
            var publicUrl = Env.url("PUBLIC_BASE_URL", base, true);
            // api.telegram.org only calls https webhooks; a local Bot API server or a test server may differ
            if (apiUrl.getHost().equals(TelegramSettings.DEFAULT_API_URL.getHost())
                    && !"https".equalsIgnoreCase(publicUrl.getScheme())) {
                throw new InvalidSettingException("PUBLIC_BASE_URL",
                        "must be https for TELEGRAM_MODE=webhook, was '" + base + "'");
            }
        }
        return new TelegramSettings(token, secret, mode, apiUrl, base, rate, TelegramSettings.DEFAULT_POLL_TIMEOUT);
    }

    static TwilioSettings twilio(Env e, String base) {
        if (!e.isSet("TWILIO_ACCOUNT_SID") && !e.isSet("TWILIO_AUTH_TOKEN")) {
            return null; // channel off
        }
        String sid = e.require("TWILIO_ACCOUNT_SID", "with TWILIO_AUTH_TOKEN");
        e.matching("TWILIO_ACCOUNT_SID", ACCOUNT_SID, "an account SID (AC…)", false);
        String token = e.require("TWILIO_AUTH_TOKEN", "with TWILIO_ACCOUNT_SID");
        String sms = e.matching("TWILIO_SMS_FROM", SMS_NUMBER, "a number in E.164 form (+…)", false);
        String whatsapp = e.matching("TWILIO_WHATSAPP_FROM", WHATSAPP_NUMBER, "whatsapp:+ and the number", false);
        if (sms == null && whatsapp == null) {
            throw new InvalidSettingException("TWILIO_SMS_FROM",
                    "set TWILIO_SMS_FROM and/or TWILIO_WHATSAPP_FROM: Twilio needs a sender");
        }
        String template = e.matching("TWILIO_WHATSAPP_TEMPLATE_SID", CONTENT_SID, "a Content SID (HX…)", false);
        var apiUrl = e.url("TWILIO_API_URL", TwilioSettings.DEFAULT_API_URL, true);
        double rate = e.rate("TWILIO_SEND_RATE", TwilioSettings.DEFAULT_SEND_RATE);
        Env.url("PUBLIC_BASE_URL", base, true); // signatures and status callbacks are built on it
        return new TwilioSettings(sid, token, sms, whatsapp, apiUrl, base, template, rate,
                TwilioSettings.DEFAULT_MAX_SMS_SEGMENTS);
    }

    static WhatsAppSettings whatsapp(Env e) {
        List<String> names = List.of("WHATSAPP_TOKEN", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN",
                "WHATSAPP_PHONE_NUMBER_ID");
        if (names.stream().noneMatch(e::isSet)) {
            return null; // channel off
        }
        for (String name : names) {
            e.require(name, "with the other WhatsApp Cloud API credentials (" + String.join(", ", names) + ")");
        }
        String phoneNumberId = e.matching("WHATSAPP_PHONE_NUMBER_ID", DIGITS, "the numeric phone number id", false);
        String version = e.matching("WHATSAPP_GRAPH_VERSION", GRAPH_VERSION, "a Graph API version like v23.0", false);
        String template = e.matching("WHATSAPP_TEMPLATE_NAME", TEMPLATE_NAME,
                "a template name (lower-case letters, digits, _)", false);
        return new WhatsAppSettings(e.get("WHATSAPP_TOKEN"), e.get("WHATSAPP_APP_SECRET"),
                e.get("WHATSAPP_VERIFY_TOKEN"), phoneNumberId,
                e.url("WHATSAPP_API_URL", WhatsAppSettings.DEFAULT_API_URL, true),
                version == null ? WhatsAppSettings.DEFAULT_GRAPH_VERSION : version, template,
                e.rate("WHATSAPP_SEND_RATE", WhatsAppSettings.DEFAULT_SEND_RATE));
    }
}
