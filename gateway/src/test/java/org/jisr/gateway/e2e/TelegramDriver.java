package org.jisr.gateway.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.bots.testing.Fixtures;
import org.jisr.gateway.Json;
import org.jisr.gateway.conversation.People;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Telegram in webhook mode: updates from the bots' fixtures with fresh ids, the secret header, the Bot API fake. */
final class TelegramDriver implements Driver {

    static final String TOKEN = "123456:TEST-token";
    static final String SECRET = "hook-Secret_1";
    static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final AtomicInteger ids = new AtomicInteger(1000);

    final FakeProvider api;

    TelegramDriver(FakeProvider api) {
        this.api = api;
    }

    /** The Bot API as the gateway needs it: setWebhook, sendMessage (200 with a message), answerCallbackQuery. */
    static FakeProvider start() {
        FakeProvider api = FakeProvider.start();
        api.on("POST", "/setWebhook$").reply(200, Fixtures.text("telegram/api/true.json"));
        api.on("POST", "/deleteWebhook$").reply(200, Fixtures.text("telegram/api/true.json"));
        api.on("POST", "/answerCallbackQuery$").reply(200, Fixtures.text("telegram/api/true.json"));
        api.on("POST", "/sendMessage$").reply(200, Fixtures.text("telegram/api/sent.json"));
        return api;
    }

    @Override
    public String name() {
        return "Telegram";
    }

    @Override
    public String channel() {
        return "telegram";
    }

    @Override
    public Call ignorable(Person p) {
        ObjectNode u = (ObjectNode) Json.MAPPER.readTree(Fixtures.text("telegram/edited-message.json"));
        u.put("update_id", 900_000_000 + ids.incrementAndGet());
        ObjectNode m = (ObjectNode) u.get("edited_message");
        ((ObjectNode) m.get("from")).put("id", Long.parseLong(p.address()));
        ((ObjectNode) m.get("chat")).put("id", Long.parseLong(p.address()));
        return Call.post("/webhooks/telegram", Json.write(u), HEADER, SECRET, "Content-Type", "application/json");
    }

    @Override
    public Person person() {
        String chat = Long.toString(7_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
        return new Person(chat, "telegram:" + chat);
    }

    /** A fixture update with this person's chat and fresh update/message ids. */
    static ObjectNode update(String fixture, Person p) {
        ObjectNode u = (ObjectNode) Json.MAPPER.readTree(Fixtures.text("telegram/" + fixture));
        u.put("update_id", 900_000_000 + ids.incrementAndGet());
        ObjectNode m = (ObjectNode) (u.has("message") ? u.get("message") : u.get("callback_query"));
        long chat = Long.parseLong(p.address());
        ((ObjectNode) m.get("from")).put("id", chat);
        if (u.has("message")) {
            m.put("message_id", ids.incrementAndGet());
            ((ObjectNode) m.get("chat")).put("id", chat);
        } else {
            m.put("id", "cbq" + ids.incrementAndGet());
            ((ObjectNode) m.get("message").get("chat")).put("id", chat);
        }
        return u;
    }

    @Override
    public Call text(Person p, String text) {
        ObjectNode u = update("text-arabic.json", p);
        ((ObjectNode) u.get("message")).put("text", text);
        return Call.post("/webhooks/telegram", Json.write(u), HEADER, SECRET, "Content-Type", "application/json");
    }

    @Override
    public Call media(Person p) {
        return Call.post("/webhooks/telegram", Json.write(update("photo.json", p)), HEADER, SECRET, "Content-Type", "application/json");
    }

    @Override
    public Call pick(Person p, Delivery offered, int index) {
        ObjectNode u = update("callback-choice.json", p);
        ((ObjectNode) u.get("callback_query")).put("data", offered.choiceIds().get(index));
        return Call.post("/webhooks/telegram", Json.write(u), HEADER, SECRET, "Content-Type", "application/json");
    }

    @Override
    public Call badSignature(Person p, String text) {
        ObjectNode u = update("text-english.json", p);
        ((ObjectNode) u.get("message")).put("text", text);
        return Call.post("/webhooks/telegram", Json.write(u), HEADER, "not-the-secret", "Content-Type", "application/json");
    }

    @Override
    public Call malformed() {
        return Call.post("/webhooks/telegram", Fixtures.bytes("telegram/malformed.json"), HEADER, SECRET, "Content-Type", "application/json");
    }

    @Override
    public boolean reportsDelivery() {
        return false; // the Bot API reports no delivery states
    }

    @Override
    public Call status(Person p, String providerMessageId, String state, String errorCode) {
        throw new UnsupportedOperationException("Telegram sends no delivery reports");
    }

    @Override
    public String newProviderId() {
        return Integer.toString(ids.incrementAndGet());
    }

    @Override
    public String permanentFailureCode() {
        throw new UnsupportedOperationException("Telegram sends no delivery reports");
    }

    @Override
    public List<Delivery> sentTo(Person p) {
        List<Delivery> out = new ArrayList<>();
        for (var r : api.requests("/sendMessage$")) {
            JsonNode b = Json.MAPPER.readTree(r.body());
            if (!b.path("chat_id").asString().equals(p.address())) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            List<String> titles = new ArrayList<>();
            for (JsonNode row : b.path("reply_markup").path("inline_keyboard").values()) {
                ids.add(row.path(0).path("callback_data").asString());
                titles.add(row.path(0).path("text").asString());
            }
            out.add(new Delivery(b.path("text").asString(), ids.isEmpty() ? "text" : "buttons", ids, titles, null));
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

    @Override
    public String choiceLayout() {
        return "buttons";
    }

    @Override
    public FakeProvider.Script script(Person p) {
        return api.on("POST", "/sendMessage$").whenBody("\"chat_id\":\"?" + p.address() + "\"?[,}]");
    }

    @Override
    public FakeProvider.Reply accepted(String providerMessageId) {
        return FakeProvider.Reply.json(200, Fixtures.text("telegram/api/sent.json"));
    }

    @Override
    public FakeProvider.Reply tooManyRequests() {
        return FakeProvider.Reply.json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                + "\"parameters\":{\"retry_after\":1}}");
    }

    @Override
    public FakeProvider.Reply permanentFailure() {
        return FakeProvider.Reply.json(403, Fixtures.text("telegram/api/bot-blocked.json"));
    }

    @Override
    public People.Reach permanentReach() {
        return People.Reach.UNREACHABLE;
    }
}
