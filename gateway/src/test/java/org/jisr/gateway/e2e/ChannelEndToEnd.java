package org.jisr.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jisr.gateway.escalation.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same table of labelled end-to-end cases for every channel: signed webhooks built from the bots' fixtures go
 * in, and the assertions are on what the fake provider API received (its own wire format, read back by the
 * channel's {@link Driver}). Subclasses configure one channel and may add its own cases.
 */
abstract class ChannelEndToEnd extends EndToEnd {

    /** The channel's drivers (Twilio: SMS and WhatsApp on one webhook). */
    abstract List<Driver> drivers();

    /** The channel's own cases, added to the shared table. */
    List<Row> channelCases() {
        return List.of();
    }

    /** One labelled scenario, run against one driver. */
    interface Scenario {
        void run(ChannelEndToEnd t, Driver d) throws Exception;
    }

    /** One row of the table: a labelled scenario and the drivers it applies to. */
    record Row(String label, Predicate<Driver> applies, Scenario scenario) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Row c(String label, Scenario s) {
        return new Row(label, d -> true, s);
    }

    static final List<Row> CASES = List.of(
            c("Arabic question: the official Arabic answer with its source and as-of date", (t, d) -> {
                Person p = d.person();
                t.accepted(d, d.text(p, GCC_AR));
                Delivery reply = awaitSent(d, p, 1).getFirst();
                assertThat(reply.text())
                        .contains(d.compact() ? "جهة تنسيق الرسائل الرسمية." : "مركز التواصل الحكومي هو الجهة التي تنسق الرسائل الرسمية للجمهور.")
                        .contains("المصدر: Ministry of Media").contains("بتاريخ 2026-03-01");
                assertThat(reply.choiceTitles()).as("feedback choices").containsExactly("نعم", "لا");
            }),
            c("English question: the English answer", (t, d) -> {
                Person p = d.person();
                t.accepted(d, d.text(p, GCC_EN));
                Delivery reply = awaitSent(d, p, 1).getFirst();
                assertThat(reply.text()).contains("coordinates official messages")
                        .contains("Source: Ministry of Media").contains("as of 2026-03-01");
                if (d.compact()) { // SMS: the short answer, without the URL
                    assertThat(reply.text()).startsWith("It coordinates official messages.").doesNotContain("https://");
                } else {
                    assertThat(reply.text()).contains("(https://media.example.gov/gcc)");
                }
            }),
            c("a question the KB cannot answer: 'staff will reply' and an open case", (t, d) -> {
                Person p = d.person();
                String question = "xyzzy plugh frobnicate " + UUID.randomUUID().toString().substring(0, 8);
                t.accepted(d, d.text(p, question));
                assertThat(awaitSent(d, p, 1).getFirst().text()).contains("passed your question to our staff");
                assertThat(t.cases.openCaseOf(p.key())).hasValueSatisfying(k -> assertThat(k.question()).isEqualTo(question));
            }),
            c("the provider delivers the same message twice: exactly one reply", (t, d) -> {
                Person p = d.person();
                Call call = d.text(p, GCC_EN);
                t.accepted(d, call);
                t.accepted(d, call);
                awaitSent(d, p, 1);
                quiet(d, p, 1);
            }),
            c("bad signature: 403, counted, nothing sent", (t, d) -> {
                Person p = d.person();
                double before = t.count("jisr.webhooks", "channel", d.channel(), "outcome", "rejected_403");
                HttpResponse<String> r = t.post(d.badSignature(p, GCC_EN));
                assertThat(r.statusCode()).isEqualTo(403);
                assertThat(r.body()).contains("\"error\"");
                assertThat(t.count("jisr.webhooks", "channel", d.channel(), "outcome", "rejected_403")).isEqualTo(before + 1);
                quiet(d, p, 0);
            }),
            c("malformed payload: 400 naming the problem, counted", (t, d) -> {
                double before = t.count("jisr.webhooks", "channel", d.channel(), "outcome", "rejected_400");
                HttpResponse<String> r = t.post(d.malformed());
                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(r.body()).contains("\"error\"");
                assertThat(t.count("jisr.webhooks", "channel", d.channel(), "outcome", "rejected_400")).isEqualTo(before + 1);
            }),
            c("body over 1 MB: 413, counted", (t, d) -> {
                double before = t.count("jisr.webhooks", "channel", d.channel(), "outcome", "rejected_413");
                HttpResponse<String> r = t.post(d.tooLarge());
                assertThat(r.statusCode()).isEqualTo(413);
                assertThat(t.count("jisr.webhooks", "channel", d.channel(), "outcome", "rejected_413")).isEqualTo(before + 1);
            }),
            c("nothing to answer (edited message, reaction, interim status): 200, ignored, counted", (t, d) -> {
                Person p = d.person();
                double before = t.count("jisr.webhooks", "channel", d.channel(), "outcome", "ignored");
                t.accepted(d, d.ignorable(p));
                assertThat(t.count("jisr.webhooks", "channel", d.channel(), "outcome", "ignored")).isEqualTo(before + 1);
                quiet(d, p, 0);
            }),
            c("a photo or location: 'text only, please'", (t, d) -> {
                Person p = d.person();
                t.accepted(d, d.media(p));
                assertThat(awaitSent(d, p, 1).getFirst().text()).contains("أستطيع قراءة الرسائل النصية فقط");
            }),
            c("English suggestions rendered for the channel; a pick returns the chosen answer", (t, d) -> {
                Person p = d.person();
                t.accepted(d, d.text(p, "visa renewal fees"));
                Delivery offered = awaitSent(d, p, 1).getFirst();
                assertThat(offered.text()).startsWith("I am not sure what you mean");
                assertThat(offered.layout()).isEqualTo(d.choiceLayout());
                assertThat(offered.choiceTitles()).contains("How do I renew my residence visa?").endsWith("None, ask staff");
                t.accepted(d, d.pick(p, offered, offered.choiceTitles().indexOf("How do I renew my residence visa?")));
                assertThat(awaitSent(d, p, 2).get(1).text()).contains("Renew your residence visa on the online portal");
            }),
            c("Arabic suggestions; a pick (an Arabic-Indic digit on SMS) returns the chosen answer", (t, d) -> {
                Person p = d.person();
                t.accepted(d, d.text(p, "التأشيرة")); // too general for one article: suggested
                Delivery offered = awaitSent(d, p, 1).getFirst();
                assertThat(offered.layout()).isEqualTo(d.choiceLayout());
                assertThat(offered.choiceTitles()).contains("كيف أجدد تأشيرة الإقامة؟");
                t.accepted(d, d.pick(p, offered, offered.choiceTitles().indexOf("كيف أجدد تأشيرة الإقامة؟")));
                assertThat(awaitSent(d, p, 2).get(1).text()).contains("يمكن تجديد تأشيرة الإقامة عبر البوابة الإلكترونية");
            }),
            c("the provider answers 429, then accepts: delivered once", (t, d) -> {
                Person p = d.person();
                d.script(p).reply(d.tooManyRequests()).reply(d.accepted(d.newProviderId()));
                double retries = t.count("jisr.sends", "channel", d.channel(), "result", "retry");
                t.accepted(d, d.text(p, GCC_EN));
                List<Delivery> tries = awaitSent(d, p, 2);
                assertThat(tries.get(1).text()).isEqualTo(tries.get(0).text()).contains("coordinates official messages");
                quiet(d, p, 2);
                assertThat(t.count("jisr.sends", "channel", d.channel(), "result", "retry")).isGreaterThan(retries);
            }),
            c("a permanent failure: the person is marked, nothing is retried", (t, d) -> {
                Person p = d.person();
                d.script(p).reply(d.permanentFailure());
                double failed = t.count("jisr.sends", "channel", d.channel(), "result", "failed");
                t.accepted(d, d.text(p, GCC_EN));
                awaitSent(d, p, 1);
                await().atMost(WAIT).until(() -> t.people.reach(p.key()) == d.permanentReach());
                quiet(d, p, 1);
                assertThat(t.count("jisr.sends", "channel", d.channel(), "result", "failed")).isGreaterThan(failed);
            }),
            c("Arabic stop word إيقاف: confirmed, then silence until ابدأ", (t, d) -> {
                Person p = d.person();
                t.accepted(d, d.text(p, "إيقاف"));
                assertThat(awaitSent(d, p, 1).getFirst().text()).contains("تم إيقاف الرسائل");
                t.accepted(d, d.text(p, GCC_AR));
                quiet(d, p, 1);
                t.accepted(d, d.text(p, "ابدأ"));
                assertThat(awaitSent(d, p, 2).get(1).text()).contains("أهلاً بك في جسر");
            }),
            new Row("a delivery report is recorded on the case, by the id the provider returned", Driver::reportsDelivery, (t, d) -> {
                Person p = d.person();
                String id = d.newProviderId();
                d.script(p).reply(d.accepted(id));
                t.accepted(d, d.text(p, "xyzzy plugh frobnicate " + UUID.randomUUID().toString().substring(0, 8)));
                awaitSent(d, p, 1);
                Case open = t.cases.openCaseOf(p.key()).orElseThrow();
                t.accepted(d, d.status(p, id, "delivered", null));
                await().atMost(WAIT).until(() -> t.cases.get(open.id()).orElseThrow().deliveries().stream()
                        .anyMatch(x -> x.providerMessageId().equals(id) && x.state().equals("DELIVERED")));
            }),
            new Row("a failure reported later: the person is marked", Driver::reportsDelivery, (t, d) -> {
                Person p = d.person();
                String id = d.newProviderId();
                d.script(p).reply(d.accepted(id));
                t.accepted(d, d.text(p, GCC_EN));
                awaitSent(d, p, 1);
                t.accepted(d, d.status(p, id, "failed", d.permanentFailureCode()));
                await().atMost(WAIT).until(() -> t.people.reach(p.key()) == d.permanentReach());
            }));

    Stream<Arguments> cases() {
        List<Row> all = new ArrayList<>(CASES);
        all.addAll(channelCases());
        return drivers().stream().flatMap(d -> all.stream().filter(c -> c.applies().test(d))
                .map(c -> argumentSet(d.name() + ": " + c.label(), d, c)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void endToEnd(Driver d, Row c) throws Exception {
        c.scenario().run(this, d);
    }
}
