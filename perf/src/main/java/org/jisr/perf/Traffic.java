package org.jisr.perf;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jisr.bots.testing.Forms;
import org.jisr.bots.testing.Signatures;

/**
 * Correctly signed webhook calls for every channel, each from a sender unique to the message, so the reply the
 * gateway hands to a provider is matched to the message by its recipient (the "token"). Web chat senders are
 * visitors with session tokens signed with the gateway's web chat secret.
 */
final class Traffic {

    /** The provider settings the gateway is started with (the same values sign the calls). */
    static final String PUBLIC_BASE_URL = "https://jisr.perf.test";
    static final String TELEGRAM_TOKEN = "123456789:perf-token";
    static final String TELEGRAM_SECRET = "perf-telegram-secret";
    static final String TWILIO_SID = "ACperf0000000000000000000000000000";
    static final String TWILIO_TOKEN = "perf-twilio-auth-token";
    static final String TWILIO_SMS_FROM = "+966115550100";
    static final String TWILIO_WHATSAPP_FROM = "whatsapp:+14155238886";
    static final String WHATSAPP_TOKEN = "perf-whatsapp-token";
    static final String WHATSAPP_SECRET = "perf-whatsapp-app-secret";
    static final String WHATSAPP_VERIFY = "perf-verify";
    static final String WHATSAPP_PHONE_ID = "106540352242922";

    /** Channels of the mix; "sms" and "wa-twilio" both post to /webhooks/twilio. */
    enum Channel { TELEGRAM, SMS, WA_TWILIO, WHATSAPP, WEBCHAT }

    /** Questions of the mix, answered, suggested or escalated by the sample knowledge base: one reply each. */
    static final List<String> QUESTIONS = List.of(
            "What is the Government Communication Center?",
            "ما هو مركز التواصل الحكومي؟",
            "How can I contact the Government Communication Center?",
            "كيف أتواصل مع مركز التواصل الحكومي؟",
            "Are the GCC's services free?",
            "هل خدمات مركز التواصل الحكومي مجانية؟",
            "How do I apply for media accreditation?",
            "When will the new stadium in the northern district open to the public?"); // the last one is escalated

    /**
     * One message: its channel, the recipient the reply must go to, and the bytes to post.
     *
     * @param ref what the gateway's replies to it name it by (the web chat's message id), or null
     */
    record Message(long seq, Channel channel, String token, byte[] request, String ref) {

        Message(long seq, Channel channel, String token, byte[] request) {
            this(seq, channel, token, request, null);
        }
    }

    /** Environment entries that configure every channel of the gateway against the fake providers. */
    static Map<String, String> gatewayEnv(String providerBaseUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PUBLIC_BASE_URL", PUBLIC_BASE_URL);
        env.put("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN);
        env.put("TELEGRAM_MODE", "webhook");
        env.put("TELEGRAM_WEBHOOK_SECRET", TELEGRAM_SECRET);
        env.put("TELEGRAM_API_URL", providerBaseUrl);
        env.put("TWILIO_ACCOUNT_SID", TWILIO_SID);
        env.put("TWILIO_AUTH_TOKEN", TWILIO_TOKEN);
        env.put("TWILIO_SMS_FROM", TWILIO_SMS_FROM);
        env.put("TWILIO_WHATSAPP_FROM", TWILIO_WHATSAPP_FROM);
        env.put("TWILIO_API_URL", providerBaseUrl);
        env.put("WHATSAPP_TOKEN", WHATSAPP_TOKEN);
        env.put("WHATSAPP_APP_SECRET", WHATSAPP_SECRET);
        env.put("WHATSAPP_VERIFY_TOKEN", WHATSAPP_VERIFY);
        env.put("WHATSAPP_PHONE_NUMBER_ID", WHATSAPP_PHONE_ID);
        env.put("WHATSAPP_API_URL", providerBaseUrl);
        return env;
    }

    /**
     * Web chat replies land in per-visitor feeds in Redis, read by {@link WebchatWatcher}: a fixed set of visitors
     * (one XREAD covers them all), each sending several messages, matched to replies in order.
     */
    static final int WEBCHAT_VISITORS = 256;

    private final long runSalt;
    private final List<Channel> mix;
    private final byte[] webchatSecret;

    /**
     * @param runSalt       makes senders unique across runs on one store (0..999)
     * @param mix           channels in rotation
     * @param webchatSecret the gateway's web chat secret (null: no web chat in the mix)
     */
    Traffic(long runSalt, List<Channel> mix, byte[] webchatSecret) {
        this.runSalt = runSalt;
        this.mix = mix;
        this.webchatSecret = webchatSecret;
    }

    Channel channelOf(long seq) {
        return mix.get((int) (seq % mix.size()));
    }

    /** The message number {@code seq}, signed, for a gateway at {@code hostPort}. */
    Message message(long seq, String hostPort) {
        Channel ch = channelOf(seq);
        String q = QUESTIONS.get((int) ((seq / mix.size()) % QUESTIONS.size()));
        String digits = String.format("%03d%09d", runSalt, seq); // 12 digits, unique per run and message
        return switch (ch) {
            case TELEGRAM -> telegram(seq, digits, q, hostPort);
            case SMS -> twilio(seq, "+99" + digits, TWILIO_SMS_FROM, q, hostPort);
            case WA_TWILIO -> twilio(seq, "whatsapp:+98" + digits, TWILIO_WHATSAPP_FROM, q, hostPort);
            case WHATSAPP -> whatsapp(seq, "97" + digits, q, hostPort);
            // a visitor writes many times: never the escalated question (later messages would join the case, unanswered)
            case WEBCHAT -> webchat(seq, visitor((seq / mix.size()) % WEBCHAT_VISITORS),
                    QUESTIONS.get((int) ((seq / mix.size() / WEBCHAT_VISITORS) % (QUESTIONS.size() - 1))), hostPort);
        };
    }

    private Message telegram(long seq, String digits, String q, String hostPort) {
        String chat = "9" + digits;
        String body = "{\"update_id\":" + (seq + 1) + ",\"message\":{\"message_id\":1,\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"Perf\",\"language_code\":\"en\"},\"chat\":{\"id\":" + chat
                + ",\"first_name\":\"Perf\",\"type\":\"private\"},\"date\":" + (System.currentTimeMillis() / 1000)
                + ",\"text\":" + jsonString(q) + "}}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return new Message(seq, Channel.TELEGRAM, "telegram:" + chat, request("/webhooks/telegram", hostPort,
                new String[] {"Content-Type", "application/json", "X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET}, b));
    }

    private Message twilio(long seq, String from, String to, String q, String hostPort) {
        Map<String, String> f = new TreeMap<>();
        String sid = "SM" + String.format("%032x", seq * 1000 + runSalt);
        f.put("MessageSid", sid);
        f.put("SmsMessageSid", sid);
        f.put("SmsSid", sid);
        f.put("AccountSid", TWILIO_SID);
        f.put("From", from);
        f.put("To", to);
        f.put("Body", q);
        f.put("NumMedia", "0");
        f.put("NumSegments", "1");
        f.put("SmsStatus", "received");
        f.put("ApiVersion", "2010-04-01");
        String sig = Signatures.twilio(TWILIO_TOKEN, PUBLIC_BASE_URL + "/webhooks/twilio", f);
        byte[] b = Forms.encode(f).getBytes(StandardCharsets.UTF_8);
        Channel ch = from.startsWith("whatsapp:") ? Channel.WA_TWILIO : Channel.SMS;
        return new Message(seq, ch, "twilio:" + from, request("/webhooks/twilio", hostPort,
                new String[] {"Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", sig}, b));
    }

    private Message whatsapp(long seq, String waId, String q, String hostPort) {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"966115550100\",\"phone_number_id\":\""
                + WHATSAPP_PHONE_ID + "\"},\"contacts\":[{\"profile\":{\"name\":\"Perf\"},\"wa_id\":\"" + waId + "\"}],"
                + "\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"wamid.perf" + waId + "\",\"timestamp\":\""
                + (System.currentTimeMillis() / 1000) + "\",\"text\":{\"body\":" + jsonString(q) + "},\"type\":\"text\"}]},"
                + "\"field\":\"messages\"}]}]}";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return new Message(seq, Channel.WHATSAPP, "whatsapp:" + waId, request("/webhooks/whatsapp", hostPort,
                new String[] {"Content-Type", "application/json", "X-Hub-Signature-256", Signatures.meta(WHATSAPP_SECRET, b)}, b));
    }

    String visitor(long i) {
        return String.format("pv%03d%05d", runSalt, i);
    }

    private Message webchat(long seq, String visitor, String q, String hostPort) {
        String token = visitor + "." + hmacSha256Url(webchatSecret, visitor);
        String id = String.format("perf%09dx%03d", seq, runSalt); // 8-64 characters, as the web chat requires
        byte[] b = ("{\"id\":\"" + id + "\",\"text\":" + jsonString(q) + "}").getBytes(StandardCharsets.UTF_8);
        return new Message(seq, Channel.WEBCHAT, "webchat:" + visitor, request("/webhooks/webchat", hostPort,
                new String[] {"Content-Type", "application/json", "Cookie", "jisr_visitor=" + token}, b), id);
    }

    /**
     * The message id a web chat reply names, from the {@code ref} the gateway writes with it: the outbound job id,
     * {@code webchat:<visitor>:<message id>:<n>}. Null when there is none.
     */
    static String webchatRef(String jobId) {
        if (jobId == null) {
            return null;
        }
        String[] p = jobId.split(":");
        return p.length >= 4 && p[0].equals("webchat") ? p[2] : null;
    }

    /** The web chat session signature: Base64url(HMAC-SHA256(secret, visitor)) without padding. */
    static String hmacSha256Url(byte[] secret, String visitor) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(visitor.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** The request bytes as a provider posts them: head, then a Content-Length body. */
    static byte[] request(String path, String hostPort, String[] headers, byte[] body) {
        StringBuilder h = new StringBuilder(256);
        h.append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(hostPort).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        h.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }
}
