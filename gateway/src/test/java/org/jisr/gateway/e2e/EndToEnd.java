package org.jisr.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jisr.bots.OutboundMessage;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.conversation.People;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.outbound.OutboundJob;
import org.jisr.gateway.outbound.Outbox;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The full application on a random port (in-memory store unless a subclass sets REDIS_URL), the test knowledge
 * base, a public URL as behind a TLS proxy, and a clock a test can move; one context per test class, stopped after
 * it. Subclasses configure a channel through its real settings pointing at the bots' fake provider.
 */
@ExtendWith(EndToEnd.AfterContextClosed.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "KB_IMPORT=" + TestKb.FILE, "PUBLIC_BASE_URL=" + EndToEnd.PUBLIC_BASE_URL})
@ContextConfiguration(initializers = TestClock.Initializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // stop its workers and pollers before the next channel
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEnd {

    /** What providers call: the gateway sits behind a TLS proxy, so signatures are over this URL, not the local one. */
    static final String PUBLIC_BASE_URL = "https://jisr.example.test";
    static final Duration WAIT = Duration.ofSeconds(15);
    /** How long "nothing more is sent" is watched. */
    static final Duration QUIET = Duration.ofMillis(800);

    static final String GCC_AR = "ما هو مركز التواصل الحكومي؟";
    static final String GCC_EN = "What is the Government Communication Center?";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    EscalationService cases;
    @Autowired
    People people;
    @Autowired
    Outbox outbox;
    @Autowired
    Clock clock;
    @Autowired
    MeterRegistry meters;

    /** Called once the application is closed: close the fake provider, delete Redis keys. */
    abstract void afterStop();

    /**
     * Calls {@link #afterStop()} after Spring closed the class's context (@DirtiesContext): declared before
     * {@code @SpringBootTest}, so JUnit runs its afterAll after the SpringExtension's — nothing calls the fake
     * provider or writes to Redis any more.
     */
    static final class AfterContextClosed implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext c) {
            c.getTestInstance().ifPresent(t -> ((EndToEnd) t).afterStop());
        }
    }

    /** Emulates what a staff reply does: a reply job on the case's channel, queued through the outbox. */
    void staffReply(Person p, String channel, String caseId, String text, String lang) {
        outbox.enqueue(new OutboundJob(caseId + ":staff:" + UUID.randomUUID(), p.key(),
                OutboundMessage.text(channel, p.address(), text, lang), OutboundJob.Priority.REPLY, 0, caseId, false));
    }

    /** Lets a day pass: every reply window (24 h) closes. */
    void aDayPasses() {
        ((TestClock) clock).advance(Duration.ofHours(25));
    }

    HttpResponse<String> post(Call c) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path()))
                .timeout(Duration.ofSeconds(10))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        for (int i = 0; i + 1 < c.headers().size(); i += 2) {
            b.header(c.headers().get(i), c.headers().get(i + 1));
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a call the gateway must accept (200, with the body the provider expects). */
    void accepted(Driver d, Call c) {
        HttpResponse<String> r = post(c);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(d.okBody());
    }

    /** A counter of the gateway's metrics (0 before its first increment). */
    double count(String name, String... tags) {
        Counter c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** Waits until the provider was asked to send at least {@code n} messages to the person. */
    static List<Delivery> awaitSent(Driver d, Person p, int n) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> d.sentTo(p).size() >= n);
        return d.sentTo(p);
    }

    /** Watches a moment and checks exactly {@code n} sends were asked for (no duplicate, no retry). */
    static void quiet(Driver d, Person p, int n) throws InterruptedException {
        Thread.sleep(QUIET.toMillis());
        assertThat(d.sentTo(p)).hasSize(n);
    }
}
