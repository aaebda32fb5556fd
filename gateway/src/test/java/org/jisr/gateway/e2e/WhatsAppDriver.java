package org.jisr.gateway.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.bots.testing.Fixtures;
import org.jisr.bots.testing.Signatures;
import org.jisr.gateway.Json;
import org.jisr.gateway.conversation.People;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** WhatsApp Cloud API: webhook bodies from the bots' fixtures with fresh ids, signed with the app secret; the Graph fake. */
final class WhatsAppDriver implements Driver {

    static final String TOKEN = "EAAG-test-token";
    static final String APP_SECRET = "7d5d3b1e9f0a4c2b8e6f1a3c5d7e9f01";
    static final String VERIFY_TOKEN = "verify-me";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String TEMPLATE = "answer_ready";
    static final String MESSAGES = "/v23.0/" + PHONE_NUMBER_ID + "/messages$";

    final FakeProvider api;

    WhatsAppDriver(FakeProvider api) {
        this.api = api;
    }

    static FakeProvider start() {
        FakeProvider api = FakeProvider.start();
        api.on("POST", MESSAGES).reply(200, Fixtures.text("whatsapp/api/sent.json"));
        return api;
    }

    static String wamid() {
        return "wamid." + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    @Override
    public String name() {
        return "WhatsApp Cloud";
    }

    @Override
    public String channel() {
        return "whatsapp";
    }

    /** A reaction (an emoji on an earlier message): nothing to answer. */
    @Override
    public Call ignorable(Person p) {
        return signed(event("reaction.json", p, new ObjectNode[1]), APP_SECRET);
    }

    @Override
    public Person person() {
        String waId = "9665" + (10_000_000 + ThreadLocalRandom.current().nextInt(90_000_000));
        return new Person(waId, "whatsapp:" + waId);
    }

    /** A fixture body with this person as sender and a fresh message id; returns the message node to edit. */
    static ObjectNode event(String fixture, Person p, ObjectNode[] message) {
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Fixtures.text("whatsapp/" + fixture));
        ObjectNode value = (ObjectNode) root.path("entry").path(0).path("changes").path(0).path("value");
        for (JsonNode c : value.path("contacts").values()) {
            ((ObjectNode) c).put("wa_id", p.address());
        }
        ObjectNode m = (ObjectNode) value.path("messages").path(0);
        m.put("from", p.address());
        m.put("id", wamid());
        m.put("timestamp", Long.toString(System.currentTimeMillis() / 1000));
        message[0] = m;
        return root;
    }

    static Call signed(ObjectNode body, String secret) {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        return Call.post("/webhooks/whatsapp", bytes, "X-Hub-Signature-256", Signatures.meta(secret, bytes),
                "Content-Type", "application/json");
    }

    @Override
    public Call text(Person p, String text) {
        ObjectNode[] m = new ObjectNode[1];
        ObjectNode body = event("text-arabic.json", p, m);
        ((ObjectNode) m[0].get("text")).put("body", text);
        return signed(body, APP_SECRET);
    }

    @Override
    public Call media(Person p) {
        return signed(event("image.json", p, new ObjectNode[1]), APP_SECRET);
    }

    @Override
    public Call pick(Person p, Delivery offered, int index) {
        ObjectNode[] m = new ObjectNode[1];
        ObjectNode body = event("list-reply.json", p, m);
        ObjectNode reply = (ObjectNode) m[0].get("interactive").get("list_reply");
        reply.put("id", offered.choiceIds().get(index));
        reply.put("title", offered.choiceTitles().get(index));
        return signed(body, APP_SECRET);
    }

    @Override
    public Call badSignature(Person p, String text) {
        ObjectNode[] m = new ObjectNode[1];
        ObjectNode body = event("text-arabic.json", p, m);
        ((ObjectNode) m[0].get("text")).put("body", text);
        return signed(body, "not-the-app-secret");
    }

    @Override
    public Call malformed() {
        byte[] bytes = Fixtures.bytes("whatsapp/malformed.json");
        return Call.post("/webhooks/whatsapp", bytes, "X-Hub-Signature-256", Signatures.meta(APP_SECRET, bytes),
                "Content-Type", "application/json");
    }

    @Override
    public Call status(Person p, String providerMessageId, String state, String errorCode) {
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Fixtures.text(
                "failed".equals(state) ? "whatsapp/status-failed.json" : "whatsapp/status-delivered.json"));
        ObjectNode s = (ObjectNode) root.path("entry").path(0).path("changes").path(0).path("value").path("statuses").path(0);
        s.put("id", providerMessageId);
        s.put("recipient_id", p.address());
        s.put("status", state);
        if (errorCode != null) {
            ((ObjectNode) s.path("errors").path(0)).put("code", Integer.parseInt(errorCode));
        }
        return signed(root, APP_SECRET);
    }

    @Override
    public String newProviderId() {
        return wamid();
    }

    /** 131026: undeliverable (not on WhatsApp, app too old…). */
    @Override
    public String permanentFailureCode() {
        return "131026";
    }

    @Override
    public List<Delivery> sentTo(Person p) {
        List<Delivery> out = new ArrayList<>();
        for (var r : api.requests(MESSAGES)) {
            JsonNode b = Json.MAPPER.readTree(r.body());
            String to = b.has("to") ? b.path("to").asString() : b.path("recipient").asString();
            if (!p.address().equals(to)) {
                continue;
            }
            switch (b.path("type").asString()) {
                case "template" -> out.add(new Delivery("", "template", List.of(), List.of(),
                        b.path("template").path("name").asString() + "/" + b.path("template").path("language").path("code").asString()));
                case "interactive" -> {
                    JsonNode i = b.path("interactive");
                    List<String> ids = new ArrayList<>();
                    List<String> titles = new ArrayList<>();
                    if (i.path("type").asString().equals("button")) {
                        for (JsonNode button : i.path("action").path("buttons").values()) {
                            ids.add(button.path("reply").path("id").asString());
                            titles.add(button.path("reply").path("title").asString());
                        }
                    } else {
                        for (JsonNode row : i.path("action").path("sections").path(0).path("rows").values()) {
                            ids.add(row.path("id").asString());
                            titles.add(row.has("description") ? row.path("description").asString() : row.path("title").asString());
                        }
                    }
                    out.add(new Delivery(i.path("body").path("text").asString(),
                            i.path("type").asString().equals("button") ? "buttons" : "list", ids, titles, null));
                }
                default -> out.add(new Delivery(b.path("text").path("body").asString(), "text", List.of(), List.of(), null));
            }
        }
        return out;
    }

    @Override
    public String okBody() {
        return "";
    }

    @Override
    public boolean compact() {
        return false;
    }

    /** Suggestions carry whole questions, too long for 20-character buttons: a list message. */
    @Override
    public String choiceLayout() {
        return "list";
    }

    @Override
    public FakeProvider.Script script(Person p) {
        return api.on("POST", MESSAGES).whenBody("\"(to|recipient)\":\"" + p.address() + "\"");
    }

    @Override
    public FakeProvider.Reply accepted(String providerMessageId) {
        return FakeProvider.Reply.json(200, Fixtures.text("whatsapp/api/sent.json")
                .replace("wamid.HBgMOTY2NTAxMjM0NTY3FQIAERgSOUFGQzE2MUFFMzI3QTlGMjc1AA==", providerMessageId));
    }

    @Override
    public FakeProvider.Reply tooManyRequests() {
        return FakeProvider.Reply.json(429, Fixtures.text("whatsapp/api/error-130429.json")).withHeader("Retry-After", "1");
    }

    @Override
    public FakeProvider.Reply permanentFailure() {
        return FakeProvider.Reply.json(400, Fixtures.text("whatsapp/api/error-131026.json"));
    }

    @Override
    public People.Reach permanentReach() {
        return People.Reach.UNREACHABLE;
    }
}
