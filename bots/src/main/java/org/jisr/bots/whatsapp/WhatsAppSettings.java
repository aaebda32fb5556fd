package org.jisr.bots.whatsapp;

import java.net.URI;
import java.util.Objects;

/**
 * WhatsApp Cloud API settings (WHATSAPP_* variables).
 *
 * @param token         system-user access token (never logged)
 * @param appSecret     the Meta app secret that signs webhooks (never logged)
 * @param verifyToken   the token typed into the app's webhook settings, echoed in the GET handshake
 * @param phoneNumberId the business phone number id messages are sent from
 * @param apiUrl        Graph API base URL
 * @param graphVersion  Graph API version, e.g. v23.0
 * @param templateName  approved template sent when the 24-hour window is closed, or null
 * @param sendRate      messages per second per phone number id
 */
public record WhatsAppSettings(String token, String appSecret, String verifyToken, String phoneNumberId, URI apiUrl,
        String graphVersion, String templateName, double sendRate) {

    public static final URI DEFAULT_API_URL = URI.create("https://graph.facebook.com");
    public static final String DEFAULT_GRAPH_VERSION = "v23.0";
    public static final double DEFAULT_SEND_RATE = 80;

    public WhatsAppSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(verifyToken, "verifyToken");
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(graphVersion, "graphVersion");
    }

    /** {@code POST} target for messages. */
    public URI messagesEndpoint() {
        String base = apiUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + graphVersion + "/" + phoneNumberId + "/messages");
    }

    @Override
    public String toString() { // token, app secret and verify token stay out of logs
        return "WhatsAppSettings[phoneNumberId=" + phoneNumberId + ", apiUrl=" + apiUrl + ", graphVersion="
                + graphVersion + ", template=" + templateName + ", sendRate=" + sendRate + "]";
    }
}
