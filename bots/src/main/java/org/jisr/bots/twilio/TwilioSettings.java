package org.jisr.bots.twilio;

import java.net.URI;
import java.util.Objects;

/**
 * Twilio channel settings (TWILIO_* variables).
 *
 * @param accountSid          the account SID (AC…)
 * @param authToken           the auth token: signs webhooks and authenticates REST calls (never logged)
 * @param smsFrom             the SMS sender number ({@code +…}), or null
 * @param whatsappFrom        the WhatsApp sender ({@code whatsapp:+…}), or null
 * @param apiUrl              REST base URL; the SDK's api.twilio.com URLs are rewritten onto it
 * @param publicBaseUrl       PUBLIC_BASE_URL without trailing slash (status callback URL)
 * @param whatsappTemplateSid Content template (HX…) sent when the WhatsApp window is closed, or null
 * @param sendRate            messages per second per sender number
 * @param maxSmsSegments      longest SMS reply, in segments
 */
public record TwilioSettings(String accountSid, String authToken, String smsFrom, String whatsappFrom, URI apiUrl,
        String publicBaseUrl, String whatsappTemplateSid, double sendRate, int maxSmsSegments) {

    public static final URI DEFAULT_API_URL = URI.create("https://api.twilio.com");
    public static final double DEFAULT_SEND_RATE = 1;
    public static final int DEFAULT_MAX_SMS_SEGMENTS = 3;

    public TwilioSettings {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    }

    /** The URL Twilio calls for messages and status callbacks. */
    public String webhookUrl() {
        return publicBaseUrl + "/webhooks/twilio";
    }

    @Override
    public String toString() { // the auth token stays out of logs
        return "TwilioSettings[accountSid=" + accountSid + ", apiUrl=" + apiUrl + ", sms=" + (smsFrom != null)
                + ", whatsapp=" + (whatsappFrom != null) + ", sendRate=" + sendRate + "]";
    }
}
