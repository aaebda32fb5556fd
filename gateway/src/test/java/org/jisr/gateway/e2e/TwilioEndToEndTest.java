package org.jisr.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.jisr.bots.testing.FakeProvider;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Twilio SMS and WhatsApp-through-Twilio on one webhook, end to end. Configured without a WhatsApp template, so a
 * closed window holds replies until the person writes (the WhatsApp Cloud test covers the template).
 */
class TwilioEndToEndTest extends ChannelEndToEnd {

    static final FakeProvider api = TwilioDriver.start();
    final TwilioDriver sms = new TwilioDriver(api, false, PUBLIC_BASE_URL);
    final TwilioDriver whatsapp = new TwilioDriver(api, true, PUBLIC_BASE_URL);

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry r) {
        r.add("TWILIO_ACCOUNT_SID", () -> TwilioDriver.ACCOUNT_SID);
        r.add("TWILIO_AUTH_TOKEN", () -> TwilioDriver.AUTH_TOKEN);
        r.add("TWILIO_SMS_FROM", () -> TwilioDriver.SMS_FROM);
        r.add("TWILIO_WHATSAPP_FROM", () -> TwilioDriver.WHATSAPP_FROM);
        r.add("TWILIO_API_URL", () -> api.baseUrl().toString());
        r.add("TWILIO_SEND_RATE", () -> "50"); // the default 1/s per number would make the table slow
    }

    @Override
    List<Driver> drivers() {
        return List.of(sms, whatsapp);
    }

    @Override
    void afterStop() {
        api.close();
    }

    @Override
    List<Row> channelCases() {
        return List.of(
                new Row("a staff reply a day later: SMS has no reply window, it is sent", d -> d == sms, (t, d) -> {
                    Person p = d.person();
                    t.accepted(d, d.text(p, "xyzzy plugh frobnicate sms"));
                    awaitSent(d, p, 1);
                    t.aDayPasses();
                    t.staffReply(p, "twilio", t.cases.openCaseOf(p.key()).orElseThrow().id(), "Your permit is ready.", "en");
                    assertThat(awaitSent(d, p, 2).get(1).text()).isEqualTo("Your permit is ready.");
                }),
                new Row("WhatsApp says 63016 (window closed) after accepting: no template set, the reply waits for the person",
                        d -> d == whatsapp, (t, d) -> {
                    Person p = d.person();
                    String sid = d.newProviderId();
                    d.script(p).reply(d.accepted(sid)).reply(d.accepted(d.newProviderId()));
                    t.accepted(d, d.text(p, GCC_EN));
                    Delivery first = awaitSent(d, p, 1).getFirst();
                    t.accepted(d, d.status(p, sid, "undelivered", "63016"));
                    quiet(d, p, 1); // held: neither re-sent nor a template (none configured)
                    t.accepted(d, d.text(p, "thanks"));
                    // released with the reply to the new message (in parallel: not strictly ordered)
                    await().atMost(WAIT).untilAsserted(() -> assertThat(d.sentTo(p).subList(1, d.sentTo(p).size()))
                            .extracting(Delivery::text).contains(first.text()));
                }));
    }
}
