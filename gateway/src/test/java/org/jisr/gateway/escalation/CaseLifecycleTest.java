package org.jisr.gateway.escalation;

import org.jisr.gateway.ActionException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jisr.gateway.MutableClock;
import org.jisr.gateway.TestRedis;
import org.jisr.gateway.config.ConsoleSettings;
import org.jisr.gateway.escalation.Case.Priority;
import org.jisr.gateway.escalation.Case.Status;
import org.jisr.gateway.store.MemoryStore;
import org.jisr.gateway.store.RedisStore;
import org.jisr.gateway.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The case lifecycle on both stores: claim, cap, release, reassign, answer, reopen, close, priority order. */
class CaseLifecycleTest {

    Store store;
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    EscalationService cases;

    static Stream<String> stores() {
        return Stream.of("memory", "redis");
    }

    void open(String kind, ConsoleSettings settings) {
        store = kind.equals("redis") ? TestRedis.store(TestRedis.uniquePrefix()) : new MemoryStore(new org.jisr.gateway.store.Keys("t:"), clock);
        cases = new EscalationService(store, clock, settings, new Journalists(store), null);
    }

    @AfterEach
    void close() {
        if (store instanceof RedisStore r) {
            r.deleteAllWithPrefix();
        }
        store.close();
    }

    Case newCase(String n, String sender) {
        Case c = cases.open("test:" + n, "test", sender, "test:" + sender, "en", "question " + n, List.of());
        clock.advance(Duration.ofSeconds(1));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void claimReleaseReassignAnswerClose(String kind) {
        open(kind, ConsoleSettings.defaults());
        Case c = newCase("m1", "p1");
        assertThat(c.id()).matches("c-[0-9a-z]{12}");
        assertThat(cases.open("test:m1", "test", "p1", "test:p1", "en", "again", List.of()).question())
                .as("opening is idempotent by message").isEqualTo("question m1");
        assertThat(c.dueAt()).isEqualTo(c.createdAt().plus(Duration.ofMinutes(240)));

        assertThat(cases.claim(c.id(), "amal").status()).isEqualTo(Status.CLAIMED);
        assertThat(cases.claim(c.id(), "amal").claimedBy()).as("claiming twice is harmless").isEqualTo("amal");
        assertThatThrownBy(() -> cases.claim(c.id(), "omar")).isInstanceOf(ActionException.class)
                .hasMessage("already claimed by amal").extracting(e -> ((ActionException) e).status()).isEqualTo(409);
        assertThatThrownBy(() -> cases.release(c.id(), "omar", false)).hasMessageContaining("held by amal");
        assertThat(cases.heldBy("amal")).extracting(Case::id).containsExactly(c.id());

        assertThat(cases.reassign(c.id(), "omar").claimedBy()).isEqualTo("omar");
        assertThat(cases.heldBy("amal")).isEmpty();
        assertThat(cases.heldBy("omar")).hasSize(1);
        assertThat(cases.release(c.id(), "omar", false).status()).isEqualTo(Status.OPEN);
        assertThat(cases.heldBy("omar")).isEmpty();

        cases.claim(c.id(), "amal");
        Case answered = cases.answered(c.id(), "amal", "the answer", "case:" + c.id() + ":reply:1");
        assertThat(answered.status()).isEqualTo(Status.ANSWERED);
        assertThat(answered.firstReplyAt()).isNotNull();
        assertThat(answered.lastStaffReply()).isEqualTo("the answer");
        assertThat(cases.list(EscalationService.Filter.OPEN, 10)).isEmpty();
        assertThat(cases.list(EscalationService.Filter.ANSWERED, 10)).extracting(Case::id).containsExactly(c.id());
        assertThat(cases.heldBy("amal")).isEmpty();
        assertThatThrownBy(() -> cases.claim(c.id(), "omar")).hasMessage("already answered");

        assertThat(cases.close(c.id(), "amal", false).status()).isEqualTo(Status.CLOSED);
        assertThat(cases.list(EscalationService.Filter.ANSWERED, 10)).isEmpty();
        assertThat(cases.list(EscalationService.Filter.CLOSED, 10)).extracting(Case::id).containsExactly(c.id());
        assertThatThrownBy(() -> cases.close(c.id(), "amal", false)).hasMessage("already closed");
        assertThat(cases.caseToJoin("test:p1")).as("a closed case never reopens").isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aClosedCaseIsKeptForTheRetentionTimeThenGone() {
        open("memory", ConsoleSettings.from(n -> n.equals("JISR_CLOSED_CASE_DAYS") ? "30" : null));
        Case kept = newCase("k", "pk");
        Case gone = newCase("g", "pg");
        cases.close(gone.id(), "amal", false);
        clock.advance(Duration.ofDays(29));
        assertThat(cases.get(gone.id())).as("29 days after closing: kept").isPresent();
        clock.advance(Duration.ofDays(2));
        assertThat(cases.get(gone.id())).as("31 days after closing: gone").isEmpty();
        assertThat(cases.list(EscalationService.Filter.CLOSED, 10)).as("the index entry is dropped").isEmpty();
        assertThat(cases.get(kept.id())).as("an open case is never expired").isPresent();
        assertThat(cases.list(EscalationService.Filter.OPEN, 10)).extracting(Case::id).containsExactly(kept.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void perPersonCapHolds(String kind) {
        open(kind, ConsoleSettings.defaults().withClaimCap(2));
        Case a = newCase("a", "pa");
        Case b = newCase("b", "pb");
        Case c = newCase("c", "pc");
        cases.claim(a.id(), "amal");
        cases.claim(b.id(), "amal");
        assertThatThrownBy(() -> cases.claim(c.id(), "amal")).hasMessageContaining("the limit");
        assertThat(cases.get(c.id()).orElseThrow().status()).as("the refused claim changed nothing").isEqualTo(Status.OPEN);
        cases.release(a.id(), "amal", false);
        assertThat(cases.claim(c.id(), "amal").claimedBy()).isEqualTo("amal");
        assertThatThrownBy(() -> cases.reassign(a.id(), "amal")).as("the cap holds for reassignment too").hasMessageContaining("the limit");
        cases.answered(b.id(), "amal", "x", "r");
        assertThat(cases.reassign(a.id(), "amal").claimedBy()).isEqualTo("amal");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void answeredCaseReopensWhenThePersonWritesSoonAfter(String kind) {
        open(kind, ConsoleSettings.defaults().withReopenWindow(Duration.ofMinutes(60)));
        Case c = newCase("r1", "pr");
        cases.claim(c.id(), "amal");
        cases.answered(c.id(), "amal", "answer", "r1");
        clock.advance(Duration.ofMinutes(59));
        assertThat(cases.caseToJoin("test:pr")).isPresent();
        Case reopened = cases.join(c.id(), "person", "a follow-up question");
        assertThat(reopened.status()).isEqualTo(Status.OPEN);
        assertThat(reopened.reopenCount()).isEqualTo(1);
        assertThat(reopened.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(240)));
        assertThat(cases.listOpen(10)).extracting(Case::id).containsExactly(c.id());
        assertThat(cases.list(EscalationService.Filter.ANSWERED, 10)).isEmpty();

        cases.claim(c.id(), "omar");
        cases.answered(c.id(), "omar", "second answer", "r2");
        clock.advance(Duration.ofMinutes(61));
        assertThat(cases.caseToJoin("test:pr")).as("too late: the next message opens a new case").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void queueIsMostUrgentFirstThenOldestAndJournalistsComeFirstWithTheirSla(String kind) {
        open(kind, ConsoleSettings.defaults());
        cases.journalists().register("phone", "+971 50 123 4567", "Huda", "Gulf Daily", "admin", clock.instant());
        Case old = newCase("old", "p-old");
        Case mid = newCase("mid", "p-mid");
        Case journalist = cases.open("test:j", "test", "whatsapp:+971501234567", "test:whatsapp:+971501234567", "ar", "سؤال", List.of());
        assertThat(journalist.priority()).isEqualTo(Priority.HIGH);
        assertThat(journalist.journalist()).isEqualTo(new Case.Journalist("Huda", "Gulf Daily"));
        assertThat(journalist.dueAt()).isEqualTo(journalist.createdAt().plus(Duration.ofMinutes(20)));
        assertThat(cases.listOpen(10)).extracting(Case::id).containsExactly(journalist.id(), old.id(), mid.id());

        Case urgent = cases.prioritise(mid.id(), Priority.URGENT);
        assertThat(urgent.dueAt()).isEqualTo(mid.createdAt().plus(Duration.ofMinutes(30)));
        assertThat(cases.listOpen(10)).extracting(Case::id).containsExactly(mid.id(), journalist.id(), old.id());
        cases.prioritise(old.id(), Priority.LOW);
        assertThat(cases.list(EscalationService.Filter.UNCLAIMED, 10)).extracting(Case::id).containsExactly(mid.id(), journalist.id(), old.id());
        cases.claim(old.id(), "amal");
        assertThat(cases.list(EscalationService.Filter.CLAIMED, 10)).extracting(Case::id).containsExactly(old.id());
        assertThat(cases.list(EscalationService.Filter.UNCLAIMED, 10)).extracting(Case::id).containsExactly(mid.id(), journalist.id());
    }
}
