package org.jisr.perf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How replies are matched to messages, and so what counts as lost or duplicated. */
class TrackerTest {

    final long start = System.nanoTime();
    final Tracker tracker = new Tracker(start);

    Tracker.Msg sent(long seq, String ref) {
        Tracker.Msg m = tracker.register(seq, Traffic.Channel.WEBCHAT, "webchat:v1", false, ref);
        tracker.dispatched(m, start + seq * 1_000_000_000L);
        return m;
    }

    @Test
    void aReplyNamingItsMessageAnswersThatOneEvenWhenAnOlderOneWaits() {
        Tracker.Msg first = sent(0, "m0");
        Tracker.Msg second = sent(1, "m1");
        tracker.reply("webchat:v1", start + 2_000_000_000L, "m1");
        assertThat(second.firstReplyNs).isNotZero();
        assertThat(first.firstReplyNs).as("not taken by another message's reply").isZero();
        assertThat(tracker.awaiting("webchat:v1")).isTrue();
    }

    @Test
    void aNamedReplySentAgainIsCountedAgainstItsOwnMessage() {
        Tracker.Msg first = sent(0, "m0");
        sent(1, "m1");
        tracker.reply("webchat:v1", start + 1_000_000_000L, "m0");
        tracker.reply("webchat:v1", start + 2_000_000_000L, "m1");
        tracker.reply("webchat:v1", start + 3_000_000_000L, "m0"); // m0's reply again, after m1's
        assertThat(tracker.duplicates()).singleElement().satisfies(d -> assertThat(d.firstNs()).isEqualTo(first.firstReplyNs));
    }

    @Test
    void aReplyNamingNothingAnswersTheOldestWaitingAndADuplicateCountsAgainstTheNewest() {
        Tracker.Msg first = sent(0, null);
        Tracker.Msg second = sent(1, null);
        tracker.reply("webchat:v1", start + 1_000_000_000L, null);
        assertThat(first.firstReplyNs).isNotZero();
        tracker.reply("webchat:v1", start + 2_000_000_000L, null);
        tracker.reply("webchat:v1", start + 3_000_000_000L, null);
        assertThat(tracker.duplicates()).singleElement().satisfies(d -> assertThat(d.firstNs()).isEqualTo(second.firstReplyNs));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "webchat:pv04500012:perf000000123x045:0, perf000000123x045", // the outbound job id: channel, visitor, message id, reply number
            "webchat:pv04500012:perf000000123x045:1:released, perf000000123x045", // a held reply released later
            "telegram:991:0, null", // not the web chat's
            "null, null", // an entry without a ref
    })
    void theWebchatMessageIdIsReadFromTheJobId(String jobId, String id) {
        assertThat(Traffic.webchatRef(jobId)).isEqualTo(id);
    }
}
