package org.jisr.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.jisr.bots.testing.FakeProvider;
import org.jisr.bots.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** WhatsApp Cloud API end to end, in memory: the shared table, the 24-hour window with its template, the handshake. */
class WhatsAppCloudEndToEndTest extends ChannelEndToEnd {

    static final FakeProvider api = WhatsAppDriver.start();
    final WhatsAppDriver whatsapp = new WhatsAppDriver(api);

    @DynamicPropertySource
    static void whatsapp(DynamicPropertyRegistry r) {
        properties(r, api);
    }

    static void properties(DynamicPropertyRegistry r, FakeProvider api) {
        r.add("WHATSAPP_TOKEN", () -> WhatsAppDriver.TOKEN);
        r.add("WHATSAPP_APP_SECRET", () -> WhatsAppDriver.APP_SECRET);
        r.add("WHATSAPP_VERIFY_TOKEN", () -> WhatsAppDriver.VERIFY_TOKEN);
        r.add("WHATSAPP_PHONE_NUMBER_ID", () -> WhatsAppDriver.PHONE_NUMBER_ID);
        r.add("WHATSAPP_TEMPLATE_NAME", () -> WhatsAppDriver.TEMPLATE);
        r.add("WHATSAPP_API_URL", () -> api.baseUrl().toString());
    }

    @Override
    List<Driver> drivers() {
        return List.of(whatsapp);
    }

    @Override
    void afterStop() {
        api.close();
    }

    @Override
    List<Row> channelCases() {
        return WINDOW;
    }

    /** The 24-hour window: a template once, the real replies held until the person writes again. */
    static final List<Row> WINDOW = List.of(
            c("a staff reply after 24 h: the template once, the replies held until the person writes", (t, d) -> {
                Person p = d.person();
                t.accepted(d, d.text(p, "قطط زرقاء تطير فوق البحر"));
                assertThat(awaitSent(d, p, 1).getFirst().text()).contains("أحلته إلى فريق التواصل");
                String caseId = t.cases.openCaseOf(p.key()).orElseThrow().id();
                t.aDayPasses();
                t.staffReply(p, "whatsapp", caseId, "تم تجديد تصريحك.", "ar");
                t.staffReply(p, "whatsapp", caseId, "يمكنك استلامه من المركز.", "ar");
                Delivery template = awaitSent(d, p, 2).get(1);
                assertThat(template.layout()).isEqualTo("template");
                assertThat(template.template()).isEqualTo(WhatsAppDriver.TEMPLATE + "/ar"); // in the person's language
                quiet(d, p, 2); // one template for both replies; the replies wait
                assertThat(t.cases.get(caseId).orElseThrow().deliveries()).as("visible to staff on the case")
                        .filteredOn(x -> x.state().equals("HELD")).hasSize(2);
                t.accepted(d, d.text(p, "شكراً"));
                List<Delivery> all = awaitSent(d, p, 4);
                // (outbound workers send in parallel: one person's messages are not strictly ordered)
                assertThat(all.subList(2, all.size())).extracting(Delivery::text)
                        .contains("تم تجديد تصريحك.", "يمكنك استلامه من المركز.");
            }),
            c("Meta refuses free text with 131047 (window closed): held, the template sent, released on the next message", (t, d) -> {
                Person p = d.person();
                d.script(p).reply(FakeProvider.Reply.json(400, Fixtures.text("whatsapp/api/error-131047.json")))
                        .reply(d.accepted(d.newProviderId()));
                t.accepted(d, d.text(p, GCC_EN));
                List<Delivery> tries = awaitSent(d, p, 2);
                assertThat(tries.get(1).template()).isEqualTo(WhatsAppDriver.TEMPLATE + "/en");
                quiet(d, p, 2);
                t.accepted(d, d.text(p, "thanks"));
                await().atMost(WAIT).untilAsserted(() -> assertThat(d.sentTo(p).subList(2, d.sentTo(p).size()))
                        .extracting(Delivery::text).contains(tries.getFirst().text()));
                assertThat(tries.getFirst().text()).contains("coordinates official messages");
            }));

    @Test
    void verificationHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        var ok = post(new Call("GET", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + WhatsAppDriver.VERIFY_TOKEN
                + "&hub.challenge=1158201444", List.of(), null));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        var wrong = post(new Call("GET", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1", List.of(), null));
        assertThat(wrong.statusCode()).isEqualTo(403);
    }
}
