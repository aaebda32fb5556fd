package org.jisr.gateway.pipeline;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bot's commands, in both languages. A command is the whole message (after trimming, case folding,
 * a leading '/', trailing punctuation, Arabic diacritics and letter variants), never a word inside a
 * question: "how do I stop smoking" is a question, "STOP" is a command.
 */
public enum Command {
    START, HELP, LANGUAGE, ARABIC, ENGLISH, HUMAN, STOP;

    private static final Pattern DIACRITICS = Pattern.compile("[\\u064B-\\u065F\\u0670\\u0640]"); // harakat, dagger alef, tatweel
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static final Map<String, Command> WORDS = Map.ofEntries(
            Map.entry("start", START), Map.entry("start again", START), Map.entry("unstop", START), Map.entry("resume", START),
            Map.entry("ابدا", START), Map.entry("بدء", START), Map.entry("ابدا من جديد", START), Map.entry("استئناف", START),
            Map.entry("اشترك", START),
            Map.entry("help", HELP), Map.entry("info", HELP), Map.entry("مساعده", HELP), Map.entry("ساعدني", HELP),
            Map.entry("language", LANGUAGE), Map.entry("lang", LANGUAGE), Map.entry("لغه", LANGUAGE), Map.entry("اللغه", LANGUAGE),
            Map.entry("arabic", ARABIC), Map.entry("عربي", ARABIC), Map.entry("العربيه", ARABIC),
            Map.entry("english", ENGLISH), Map.entry("انجليزي", ENGLISH), Map.entry("الانجليزيه", ENGLISH),
            Map.entry("human", HUMAN), Map.entry("agent", HUMAN), Map.entry("staff", HUMAN), Map.entry("person", HUMAN),
            Map.entry("موظف", HUMAN), Map.entry("انسان", HUMAN), Map.entry("التحدث مع موظف", HUMAN),
            // the opt-out words carriers and Twilio honour on SMS, and their Arabic equivalents (which Twilio does not
            // know: the gateway must honour them itself, on every channel)
            Map.entry("stop", STOP), Map.entry("unsubscribe", STOP), Map.entry("stopall", STOP), Map.entry("cancel", STOP),
            Map.entry("end", STOP), Map.entry("quit", STOP),
            Map.entry("ايقاف", STOP), Map.entry("توقف", STOP), Map.entry("الغاء الاشتراك", STOP), Map.entry("الغاء", STOP),
            Map.entry("قف", STOP));

    /** Words that bring back a person who opted out, though they mean something else in a conversation. */
    private static final Set<String> OPT_IN = Set.of("yes", "نعم");

    /** The command the whole message is, if any. */
    public static Optional<Command> parse(String text) {
        return Optional.ofNullable(WORDS.get(normalize(text)));
    }

    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        t = DIACRITICS.matcher(t).replaceAll("");
        t = t.replace('أ', 'ا').replace('إ', 'ا').replace('آ', 'ا').replace('ة', 'ه').replace('ى', 'ي');
        return SPACES.matcher(trimEdges(t)).replaceAll(" ");
    }

    /** Without punctuation and spaces at either end; a scan, since a regex anchored at the end tries every position. */
    private static String trimEdges(String t) {
        int from = 0;
        int to = t.length();
        while (from < to && edge(t.charAt(from))) {
            from++;
        }
        while (to > from && edge(t.charAt(to - 1))) {
            to--;
        }
        return t.substring(from, to);
    }

    /** ASCII punctuation or space (regex {@code [\p{Punct}\s]}), or the Arabic comma and question mark. */
    private static boolean edge(char c) {
        boolean asciiPunct = c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
        boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        return asciiPunct || space || c == '،' || c == '؟';
    }

    /** True for "yes" (and its Arabic): Twilio and carriers re-subscribe an opted-out number on it. */
    public static boolean optsBackIn(String text) {
        return OPT_IN.contains(normalize(text));
    }

    /** A reply that is just a number 1–9 (Western, Arabic-Indic or Persian digits), else -1. */
    public static int number(String text) {
        String t = normalize(text);
        if (t.length() != 1) {
            return -1;
        }
        int d = Character.digit(t.charAt(0), 10);
        return d >= 1 ? d : -1;
    }
}
