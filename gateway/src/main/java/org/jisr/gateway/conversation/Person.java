package org.jisr.gateway.conversation;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway remembers of one person on one channel.
 *
 * @param key             "channel:sender"
 * @param lang            the chosen language ("ar"/"en"), or null: detect per message
 * @param stopped         the person sent STOP: nothing is sent until START
 * @param lastInboundAt   the person's last message (for reply windows)
 * @param lastQuestion    the last free-text question, for "human" after an answer
 * @param choices         what a reply with a number picks (choice ids), valid until {@code choicesUntil}
 * @param limitNoticeSent the rate-limit notice went out; silence until the person is under the limit again
 * @param wantsHuman      asked for staff without a question: the next message is escalated
 * @param lastJoinNoticeAt when the person was last told a message joined their open case
 * @param lastLang        the language of the person's last written message, for buttons and numbers
 */
public record Person(String key, String channel, String sender, String lang, boolean stopped, Instant lastInboundAt,
        String lastQuestion, List<String> choices, Instant choicesUntil, boolean limitNoticeSent, boolean wantsHuman,
        Instant lastJoinNoticeAt, String lastLang) {

    public Person {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static Person fresh(String channel, String sender) {
        return new Person(keyOf(channel, sender), channel, sender, null, false, null, null, List.of(), null, false, false, null, null);
    }

    public static String keyOf(String channel, String sender) {
        return channel + ":" + sender;
    }

    public Person withLang(String l) {
        return new Person(key, channel, sender, l, stopped, lastInboundAt, lastQuestion, choices, choicesUntil, limitNoticeSent, wantsHuman, lastJoinNoticeAt, lastLang);
    }

    public Person withStopped(boolean s) {
        return new Person(key, channel, sender, lang, s, lastInboundAt, lastQuestion, choices, choicesUntil, limitNoticeSent, wantsHuman, lastJoinNoticeAt, lastLang);
    }

    public Person withLastInbound(Instant at) {
        return new Person(key, channel, sender, lang, stopped, at, lastQuestion, choices, choicesUntil, limitNoticeSent, wantsHuman, lastJoinNoticeAt, lastLang);
    }

    public Person withLastQuestion(String q) {
        return new Person(key, channel, sender, lang, stopped, lastInboundAt, q, choices, choicesUntil, limitNoticeSent, wantsHuman, lastJoinNoticeAt, lastLang);
    }

    public Person withChoices(List<String> c, Instant until) {
        return new Person(key, channel, sender, lang, stopped, lastInboundAt, lastQuestion, c, until, limitNoticeSent, wantsHuman, lastJoinNoticeAt, lastLang);
    }

    public Person withLimitNotice(boolean n) {
        return new Person(key, channel, sender, lang, stopped, lastInboundAt, lastQuestion, choices, choicesUntil, n, wantsHuman, lastJoinNoticeAt, lastLang);
    }

    public Person withWantsHuman(boolean w) {
        return new Person(key, channel, sender, lang, stopped, lastInboundAt, lastQuestion, choices, choicesUntil, limitNoticeSent, w, lastJoinNoticeAt, lastLang);
    }

    public Person withJoinNotice(Instant at) {
        return new Person(key, channel, sender, lang, stopped, lastInboundAt, lastQuestion, choices, choicesUntil, limitNoticeSent, wantsHuman, at, lastLang);
    }

    public Person withLastLang(String l) {
        return new Person(key, channel, sender, lang, stopped, lastInboundAt, lastQuestion, choices, choicesUntil, limitNoticeSent, wantsHuman, lastJoinNoticeAt, l);
    }
}
