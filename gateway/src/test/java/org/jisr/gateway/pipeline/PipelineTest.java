package org.jisr.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.OutboundMessage;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.config.Tuning;
import org.jisr.kb.KbSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pipeline as a table of conversations. Each case is a script of steps from one person ("text:…",
 * "choice:…", "media"); the expectations are about the replies to the LAST step: substrings that must
 * appear ("" and "-" for silence), choice ids offered, and the number of open cases afterwards.
 */
class PipelineTest {

    static final String GCC_EN = "text:What is the Government Communication Center?";
    static final String GCC_AR = "text:ما هو مركز التواصل الحكومي؟";

    record Script(String name, List<String> steps, List<String> expect, List<String> choices, int openCases) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Script c(String name, String steps, String expect, String choices, int openCases) {
        return new Script(name, Arrays.asList(steps.split(" \\| ")), expect.isEmpty() ? List.of() : Arrays.asList(expect.split(" \\| ")),
                choices == null ? null : choices.isEmpty() ? List.of() : Arrays.asList(choices.split(",")), openCases);
    }

    static Stream<Script> conversations() {
        return Stream.of(
                // ANSWER: official text, source, "as of", feedback buttons
                c("English question is answered with source and as-of", GCC_EN,
                        "coordinates official messages | Source: Ministry of Media (https://media.example.gov/gcc) | as of 2026-03-01 | Was this helpful?",
                        "fb:y:gcc-001,fb:n:gcc-001", 0),
                c("Arabic question is answered in Arabic", GCC_AR,
                        "هو الجهة التي تنسق | المصدر: Ministry of Media | بتاريخ 2026-03-01 | هل كانت الإجابة مفيدة؟", "fb:y:gcc-001,fb:n:gcc-001", 0),
                c("rumour answer carries its verdict", "text:Will the fuel price double next month?", "Verdict: false | no decision to double", null, 0),
                c("English chosen, Arabic-only article: Arabic answer with the fallback notice", "text:english | text:متى يفتح معرض الكتاب السنوي؟",
                        "There is no English answer yet | يفتح معرض الكتاب", null, 0),
                c("an expired article is never answered", "text:When does the old expo open?", "passed your question to our staff", "", 1),
                // ESCALATE and open cases
                c("nothing plausible: escalated with a case", "text:xyzzy plugh frobnicate", "passed your question to our staff", "", 1),
                c("Arabic nothing plausible: escalated in Arabic", "text:قطط زرقاء تطير فوق البحر", "أحلته إلى فريق التواصل", "", 1),
                c("a message while the case is open joins it; the bot does not answer over staff",
                        "text:xyzzy plugh frobnicate | " + GCC_EN, "added your message to your request", "", 1),
                c("further messages join quietly (one notice per ten minutes)", "text:xyzzy plugh | text:more detail | text:even more", "-", null, 1),
                // commands: whole message only, both languages
                c("help", "text:HELP", "Commands:", null, 0),
                c("Arabic help", "text:مساعدة", "الأوامر", null, 0),
                c("a question containing 'stop' is not the stop command", "text:please stop the xyzzy plugh noise",
                        "passed your question to our staff", "", 1),
                c("stop confirms, then silence", "text:STOP", "You will not receive more messages", null, 0),
                c("after stop, questions get no reply", "text:stop | " + GCC_EN, "-", null, 0),
                c("Arabic stop with hamza", "text:إيقاف", "تم إيقاف الرسائل", null, 0),
                c("start again after stop welcomes back", "text:stop | text:/start", "Welcome to Jisr", null, 0),
                c("Arabic stop word Twilio does not know: قف", GCC_AR + " | text:قف", "تم إيقاف الرسائل", null, 0),
                c("Arabic stop word: إلغاء", "text:إلغاء", "تم إيقاف الرسائل", null, 0),
                c("English carrier opt-out word: CANCEL", "text:CANCEL", "You will not receive more messages", null, 0),
                c("after Arabic stop, questions get no reply", "text:ايقاف | " + GCC_AR, "-", null, 0),
                c("help is still answered after stop", "text:stop | text:HELP", "Commands:", null, 0),
                c("Arabic ابدأ after stop welcomes back", "text:إيقاف | text:ابدأ", "أهلاً بك في جسر", null, 0),
                c("'yes' after stop opts back in (as on SMS)", "text:STOP | text:Yes", "Welcome to Jisr", null, 0),
                c("'نعم' after stop opts back in", "text:إيقاف | text:نعم", "أهلاً بك في جسر", null, 0),
                c("human after a question opens a case with that question", GCC_EN + " | text:human", "passed your question to our staff", "", 1),
                c("Arabic 'موظف' without a question asks for one", "text:موظف", "اكتب سؤالك وسأحيله", null, 0),
                c("…and the next message goes to staff", "text:موظف | text:سؤال خاص عن معاملتي", "أحلته إلى فريق التواصل", "", 1),
                c("language command offers both languages", "text:Language", "Choose a language", "lang:ar,lang:en", 0),
                c("language button switches", "text:language | choice:lang:en", "I will reply in English", null, 0),
                // feedback
                c("feedback yes thanks", GCC_EN + " | choice:fb:y:gcc-001", "Thank you for your feedback", null, 0),
                c("feedback no offers a human", GCC_EN + " | choice:fb:n:gcc-001", "Would you like a member of staff", "human", 0),
                c("…and accepting opens a case", GCC_EN + " | choice:fb:n:gcc-001 | choice:human", "passed your question to our staff", "", 1),
                c("feedback by number (SMS-style): 2 = no", GCC_EN + " | text:2", "Would you like a member of staff", "human", 0),
                c("feedback by Arabic-Indic digit: ١ = yes", GCC_AR + " | text:١", "شكراً لملاحظتك", null, 0),
                c("feedback by Persian digit: ۲ = no", GCC_AR + " | text:۲", "هل تريد أن يجيبك أحد الموظفين", "human", 0),
                // unsupported kinds
                c("media gets 'text only' in English after an English message", GCC_EN + " | media", "I can only read text", null, 0),
                c("media from a new person gets 'text only' in Arabic", "media", "أستطيع قراءة الرسائل النصية فقط", null, 0),
                // a number without anything offered is a question, out-of-range numbers do not crash
                c("number out of range after an answer", GCC_EN + " | text:7", "That choice has expired", null, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conversations")
    void conversation(Script s) {
        PipelineHarness h = new PipelineHarness(TestKb.load(KbSettings.defaults()), Tuning.defaults());
        List<OutboundMessage> last = List.of();
        for (String step : s.steps()) {
            last = h.send(inbound(h, "person-1", step));
        }
        String texts = last.stream().map(OutboundMessage::text).collect(Collectors.joining("\n---\n"));
        if (s.expect().equals(List.of("-"))) {
            assertThat(last).as("silence").isEmpty();
        } else {
            assertThat(texts).contains(s.expect());
        }
        if (s.choices() != null) {
            assertThat(last).isNotEmpty();
            assertThat(last.getLast().choices()).extracting(OutboundMessage.Choice::id).containsExactlyElementsOf(s.choices());
        }
        assertThat(h.cases.openCount()).isEqualTo(s.openCases());
    }

    static InboundMessage inbound(PipelineHarness h, String sender, String step) {
        if (step.equals("media")) {
            return h.message(sender, InboundMessage.Kind.UNSUPPORTED, "", null);
        }
        if (step.startsWith("choice:")) {
            return h.message(sender, InboundMessage.Kind.CHOICE, step.substring(7), null);
        }
        return h.message(sender, InboundMessage.Kind.TEXT, step.substring(5), null);
    }

    /** SUGGEST needs a KB where nothing is certain: a threshold above any confidence. */
    static Stream<Arguments> suggestions() {
        return Stream.of(
                Arguments.of("pick by Western digit", "1", "Renew your residence visa"),
                Arguments.of("pick by Arabic-Indic digit", "١", "Renew your residence visa"),
                Arguments.of("pick by button", "choice:pick:visa-002", "Renew your residence visa"),
                Arguments.of("none of these asks staff", "choice:human", "passed your question to our staff"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suggestions")
    void suggestThenPick(String name, String pick, String expected) {
        PipelineHarness h = new PipelineHarness(TestKb.load(new KbSettings(1.01, 0.2, 3, 0)), Tuning.defaults());
        List<OutboundMessage> first = h.send(inbound(h, "p", "text:How do I renew my residence visa?"));
        assertThat(first).singleElement().satisfies(m -> {
            // the adapters render the choices (buttons, a list, numbered lines on SMS): the text does not repeat them
            assertThat(m.text()).startsWith("I am not sure what you mean").doesNotContain("1. ");
            assertThat(m.choices().getFirst().id()).isEqualTo("pick:visa-002");
            assertThat(m.choices().getFirst().title()).isEqualTo("How do I renew my residence visa?");
            assertThat(m.choices().getLast().id()).isEqualTo("human");
        });
        String step = pick.startsWith("choice:") ? pick : "text:" + pick;
        assertThat(h.send(inbound(h, "p", step))).extracting(OutboundMessage::text).anySatisfy(t -> assertThat(t).contains(expected));
    }

    /** The compact form for SMS: short answer, verdict of a rumour, source and as-of without the URL, a short question. */
    static Stream<Arguments> compactAnswers() {
        return Stream.of(
                Arguments.of("Arabic: short answer, source, as-of", GCC_AR,
                        "جهة تنسيق الرسائل الرسمية.\nالمصدر: Ministry of Media · بتاريخ 2026-03-01\nمفيدة؟"),
                Arguments.of("English: short answer, source, as-of", GCC_EN,
                        "It coordinates official messages.\nSource: Ministry of Media · as of 2026-03-01\nHelpful?"),
                // no `short`: the whole answer (the SMS adapter cuts it with an ellipsis), the verdict kept first
                Arguments.of("rumour without short keeps its verdict", "text:Will the fuel price double next month?",
                        "Verdict: false\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compactAnswers")
    void answersCarryACompactFormForSms(String name, String step, String expected) {
        PipelineHarness h = new PipelineHarness(TestKb.load(KbSettings.defaults()), Tuning.defaults());
        OutboundMessage m = h.send(inbound(h, "p", step)).getFirst();
        if (expected.endsWith("\n")) {
            assertThat(m.shortText()).startsWith(expected).contains("Source: Ministry of Energy · as of 2026-02-10")
                    .doesNotContain("http");
        } else {
            assertThat(m.shortText()).isEqualTo(expected);
        }
        assertThat(m.text()).as("rich channels get the full text").containsAnyOf("Was this helpful?", "هل كانت الإجابة مفيدة؟");
    }

    @Test
    void heldRepliesWaitThroughStopAndGoOutWhenThePersonComesBack() {
        PipelineHarness h = new PipelineHarness(TestKb.load(KbSettings.defaults()), Tuning.defaults());
        h.send(inbound(h, "p", "text:STOP"));
        OutboundMessage staff = OutboundMessage.text("test", "p", "A reply from staff", "en");
        h.people.hold("test:p", org.jisr.gateway.Json.write(new org.jisr.gateway.outbound.OutboundJob("case-1:staff", "test:p", staff,
                org.jisr.gateway.outbound.OutboundJob.Priority.REPLY, 0, "case-1", false)));

        assertThat(h.send(inbound(h, "p", GCC_EN))).as("stopped: nothing, not even the held reply").isEmpty();
        assertThat(h.send(inbound(h, "p", "text:start"))).extracting(OutboundMessage::text)
                .containsExactly("A reply from staff", org.jisr.gateway.pipeline.Phrase.WELCOME.in(org.jisr.kb.Lang.EN));
    }

    @Test
    void rateLimitSendsOneNoticeThenSilence() {
        Tuning t = Tuning.defaults();
        PipelineHarness h = new PipelineHarness(TestKb.load(KbSettings.defaults()), t);
        int notices = 0;
        int answered = 0;
        for (int i = 0; i < t.personBurst() + 5; i++) {
            for (OutboundMessage m : h.send(inbound(h, "fast", GCC_EN))) {
                if (m.text().contains("arriving very quickly")) {
                    notices++;
                } else {
                    answered++;
                }
            }
        }
        assertThat(answered).isEqualTo(t.personBurst());
        assertThat(notices).isEqualTo(1);
        assertThat(h.send(inbound(h, "someone-else", GCC_EN))).as("others are not limited").hasSize(1);
    }

    @Test
    void handlingTheSameMessageTwiceRepliesOnceAndOpensOneCase() {
        PipelineHarness h = new PipelineHarness(TestKb.load(KbSettings.defaults()), Tuning.defaults());
        InboundMessage m = h.message("p", InboundMessage.Kind.TEXT, "xyzzy plugh frobnicate", null);
        h.pipeline.handle(m);
        h.pipeline.handle(m); // a worker died before acknowledging: the message is handled again
        assertThat(h.drain()).hasSize(1);
        assertThat(h.cases.openCount()).isEqualTo(1);
        assertThat(h.cases.listOpen(10).getFirst().question()).isEqualTo("xyzzy plugh frobnicate");
    }

    @Test
    void escalationRecordsNearMissesAndHistoryKeepsTheConversation() {
        PipelineHarness h = new PipelineHarness(TestKb.load(new KbSettings(1.01, 0.2, 3, 0)), Tuning.defaults());
        h.send(inbound(h, "p", "text:How do I renew my residence visa?"));
        h.send(inbound(h, "p", "choice:human"));
        var c = h.cases.listOpen(10).getFirst();
        assertThat(c.nearMisses()).extracting(n -> n.articleId()).contains("visa-002");
        assertThat(c.nearMisses().getFirst().confidence()).isPositive();
        assertThat(c.status().name()).isEqualTo("OPEN");
        assertThat(h.history.recent("test:p", 10)).extracting(t -> t.from()).containsExactly("bot", "person", "bot", "person");
    }

    @Test
    void aVerifiedJournalistGetsAnAttributionLineAndAHighPriorityCase() {
        PipelineHarness h = new PipelineHarness(TestKb.load(KbSettings.defaults()), Tuning.defaults());
        h.cases.journalists().register("test", "reporter", "Huda", "Gulf Daily", "admin", java.time.Instant.now());
        assertThat(h.send(inbound(h, "reporter", GCC_EN))).singleElement().satisfies(m ->
                assertThat(m.text()).contains("Attribution: Ministry of Media, as of 2026-03-01 (ref. gcc-001)"));
        assertThat(h.send(inbound(h, "reporter", "text:ما هو مركز التواصل الحكومي؟"))).singleElement().satisfies(m ->
                assertThat(m.text()).contains("للاقتباس: Ministry of Media، بتاريخ 2026-03-01 (المرجع: gcc-001)"));
        assertThat(h.send(inbound(h, "citizen", GCC_EN))).singleElement().satisfies(m ->
                assertThat(m.text()).doesNotContain("Attribution"));
        h.send(inbound(h, "reporter", "text:xyzzy plugh frobnicate"));
        assertThat(h.cases.listOpen(10)).singleElement().satisfies(c -> {
            assertThat(c.priority()).isEqualTo(org.jisr.gateway.escalation.Case.Priority.HIGH);
            assertThat(c.journalist().outlet()).isEqualTo("Gulf Daily");
        });
    }

    @Test
    void aMessageSoonAfterAStaffAnswerReopensTheCaseInsteadOfABotAnswer() {
        PipelineHarness h = new PipelineHarness(TestKb.load(KbSettings.defaults()), Tuning.defaults());
        h.send(inbound(h, "p", "text:xyzzy plugh frobnicate"));
        var c = h.cases.listOpen(10).getFirst();
        h.cases.claim(c.id(), "amal");
        h.cases.answered(c.id(), "amal", "staff answer", "r1");
        assertThat(h.cases.openCount()).isZero();
        assertThat(h.send(inbound(h, "p", GCC_EN))).extracting(OutboundMessage::text)
                .allSatisfy(t -> assertThat(t).doesNotContain("coordinates official messages"));
        var reopened = h.cases.get(c.id()).orElseThrow();
        assertThat(reopened.status().name()).isEqualTo("OPEN");
        assertThat(reopened.messages()).extracting(m -> m.text()).endsWith("What is the Government Communication Center?");
    }
}
