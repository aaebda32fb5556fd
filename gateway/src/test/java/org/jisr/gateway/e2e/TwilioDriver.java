package org.jisr.gateway.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.bots.testing.Fixtures;
import org.jisr.bots.testing.Forms;
import org.jisr.bots.testing.Signatures;
import org.jisr.gateway.conversation.People;

/**
 * Twilio SMS or WhatsApp-through-Twilio: form posts from the bots' fixtures with fresh sids, signed with the auth
 * token for the PUBLIC URL (the gateway sits behind a proxy), and the REST API fake.
 */
final class TwilioDriver implements Driver {

    static final String ACCOUNT_SID = "ACa1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    static final String SMS_FROM = "+966115550100";
    static final String WHATSAPP_FROM = "whatsapp:+14155238886";
    static final String TEMPLATE_SID = "HX0123456789abcdef0123456789abcdef";
    static final String MESSAGES = "/Messages.json$";
    private static final Pattern NUMBERED = Pattern.compile("(?m)^(\\d+)\\. (.+)$");

    final FakeProvider api;
    final boolean whatsapp;
    final String publicBaseUrl;

    TwilioDriver(FakeProvider api, boolean whatsapp, String publicBaseUrl) {
        this.api = api;
        this.whatsapp = whatsapp;
        this.publicBaseUrl = publicBaseUrl;
    }

    static FakeProvider start() {
        FakeProvider api = FakeProvider.start();
        api.on("POST", MESSAGES).reply(201, Fixtures.text("twilio/api/message-created.json"));
        return api;
    }

    static String sid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public String name() {
        return whatsapp ? "Twilio WhatsApp" : "Twilio SMS";
    }

    @Override
    public String channel() {
        return "twilio";
    }

    /** An interim status callback ("sending"): 200 with empty TwiML, nothing to do. */
    @Override
    public Call ignorable(Person p) {
        Map<String, String> f = new LinkedHashMap<>(Fixtures.formParams("twilio/status-sending.form"));
        f.put("MessageSid", sid());
        f.put("To", p.address());
        return signed(f, AUTH_TOKEN);
    }

    @Override
    public Person person() {
        String number = "+9665" + (10_000_000 + ThreadLocalRandom.current().nextInt(90_000_000));
        String address = whatsapp ? "whatsapp:" + number : number;
        return new Person(address, "twilio:" + address);
    }

    /** The fixture's parameters with this person, a fresh sid and the given body. */
    Map<String, String> form(String fixture, Person p) {
        Map<String, String> f = new LinkedHashMap<>(Fixtures.formParams("twilio/" + fixture));
        String sid = sid();
        for (String k : List.of("MessageSid", "SmsMessageSid", "SmsSid")) {
            if (f.containsKey(k)) {
                f.put(k, sid);
            }
        }
        f.put("From", p.address());
        f.put("To", whatsapp ? WHATSAPP_FROM : SMS_FROM);
        if (whatsapp) {
            f.put("WaId", p.address().substring("whatsapp:+".length()));
        }
        return f;
    }

    Call signed(Map<String, String> form, String authToken) {
        String signature = Signatures.twilio(authToken, publicBaseUrl + "/webhooks/twilio", form);
        return Call.post("/webhooks/twilio", Forms.encode(form), "X-Twilio-Signature", signature,
                "Content-Type", "application/x-www-form-urlencoded");
    }

    @Override
    public Call text(Person p, String text) {
        Map<String, String> f = form(whatsapp ? "whatsapp-text.form" : "sms-arabic.form", p);
        f.put("Body", text);
        return signed(f, AUTH_TOKEN);
    }

    @Override
    public Call media(Person p) {
        return signed(form(whatsapp ? "whatsapp-location.form" : "mms-photo.form", p), AUTH_TOKEN);
    }

    /** Numbered lines: the person types the number (Arabic-Indic digits when the choices are Arabic). */
    @Override
    public Call pick(Person p, Delivery offered, int index) {
        boolean arabic = offered.choiceTitles().stream().anyMatch(t -> t.codePoints().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.ARABIC));
        String n = Integer.toString(index + 1);
        return text(p, arabic ? n.chars().mapToObj(c -> String.valueOf((char) ('٠' + (c - '0')))).reduce("", String::concat) : n);
    }

    @Override
    public Call badSignature(Person p, String text) {
        Map<String, String> f = form("sms-english.form", p);
        f.put("Body", text);
        return signed(f, "ffffffffffffffffffffffffffffffff");
    }

    @Override
    public Call malformed() {
        return signed(new LinkedHashMap<>(Fixtures.formParams("twilio/no-from.form")), AUTH_TOKEN);
    }

    @Override
    public Call status(Person p, String providerMessageId, String state, String errorCode) {
        Map<String, String> f = new LinkedHashMap<>(Fixtures.formParams("twilio/status-delivered.form"));
        f.put("MessageSid", providerMessageId);
        f.put("SmsSid", providerMessageId);
        f.put("MessageStatus", state);
        f.put("SmsStatus", state);
        f.put("To", p.address());
        f.put("From", whatsapp ? WHATSAPP_FROM : SMS_FROM);
        if (errorCode != null) {
            f.put("ErrorCode", errorCode);
        }
        return signed(f, AUTH_TOKEN);
    }

    @Override
    public String newProviderId() {
        return sid();
    }

    /** 21610: the number sent STOP (English opt-out words are enforced by Twilio itself). */
    @Override
    public String permanentFailureCode() {
        return "21610";
    }

    @Override
    public List<Delivery> sentTo(Person p) {
        List<Delivery> out = new ArrayList<>();
        for (var r : api.requests(MESSAGES)) {
            Map<String, String> f = r.form();
            if (!p.address().equals(f.get("To"))) {
                continue;
            }
            if (f.containsKey("ContentSid")) {
                out.add(new Delivery("", "template", List.of(), List.of(), f.get("ContentSid")));
                continue;
            }
            String body = f.getOrDefault("Body", "");
            List<String> titles = new ArrayList<>();
            int blank = body.lastIndexOf("\n\n");
            if (blank >= 0) {
                Matcher m = NUMBERED.matcher(body.substring(blank));
                while (m.find()) {
                    titles.add(m.group(2));
                }
            }
            out.add(new Delivery(body, titles.isEmpty() ? "text" : "numbered", List.of(), titles, null));
        }
        return out;
    }

    @Override
    public String okBody() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    }

    @Override
    public boolean compact() {
        return !whatsapp;
    }

    @Override
    public String choiceLayout() {
        return "numbered";
    }

    @Override
    public FakeProvider.Script script(Person p) {
        return api.on("POST", MESSAGES).whenBody("(^|&)To=" + Pattern.quote(p.address()) + "(&|$)");
    }

    @Override
    public FakeProvider.Reply accepted(String providerMessageId) {
        return FakeProvider.Reply.json(201, Fixtures.text("twilio/api/message-created.json")
                .replace("SM00000000000000000000000000000001", providerMessageId));
    }

    @Override
    public FakeProvider.Reply tooManyRequests() {
        return FakeProvider.Reply.json(429, Fixtures.text("twilio/api/error-429.json")).withHeader("Retry-After", "1");
    }

    @Override
    public FakeProvider.Reply permanentFailure() {
        return FakeProvider.Reply.json(400, Fixtures.text("twilio/api/error-21610.json"));
    }

    @Override
    public People.Reach permanentReach() {
        return People.Reach.OPTED_OUT;
    }

}
