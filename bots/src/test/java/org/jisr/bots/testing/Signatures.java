package org.jisr.bots.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * Signs webhook calls the way the providers do, written from their documentation (not with the adapters' own
 * code, so a shared mistake cannot hide).
 */
public final class Signatures {

    private Signatures() {
    }

    /**
     * Twilio's {@code X-Twilio-Signature}: Base64(HMAC-SHA1(auth token, URL + each POST parameter name and value,
     * sorted by name)).
     */
    public static String twilio(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        byte[] mac = new HmacUtils(HmacAlgorithms.HMAC_SHA_1, authToken.getBytes(StandardCharsets.UTF_8))
                .hmac(data.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac);
    }

    /** Meta's {@code X-Hub-Signature-256}: {@code sha256=} + hex HMAC-SHA256(app secret, raw body). */
    public static String meta(String appSecret, byte[] body) {
        return "sha256=" + new HmacUtils(HmacAlgorithms.HMAC_SHA_256, appSecret).hmacHex(body);
    }
}
