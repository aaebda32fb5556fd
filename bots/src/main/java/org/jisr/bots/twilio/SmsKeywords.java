package org.jisr.bots.twilio;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whole-message opt-out / opt-in / help keywords, English (as Twilio's own Advanced Opt-Out) and Arabic.
 * They are passed to the gateway as ordinary TEXT (it handles commands); the adapter only adds the attribute
 * {@code keyword} = stop | start | help. Matching ignores case, surrounding spaces and punctuation, Arabic
 * diacritics and tatweel, and alef / taa-marbuta spelling variants (إيقاف = ايقاف, مساعدة = مساعده).
 */
final class SmsKeywords {

    static final String ATTRIBUTE = "keyword";

    private static final Map<String, String> KEYWORDS = Map.ofEntries(
            Map.entry("stop", "stop"), Map.entry("stopall", "stop"), Map.entry("unsubscribe", "stop"),
            Map.entry("cancel", "stop"), Map.entry("end", "stop"), Map.entry("quit", "stop"),
            Map.entry("ايقاف", "stop"), Map.entry("توقف", "stop"), Map.entry("الغاء", "stop"),
            Map.entry("الغاء الاشتراك", "stop"), Map.entry("قف", "stop"),
            Map.entry("start", "start"), Map.entry("unstop", "start"), Map.entry("yes", "start"),
            Map.entry("ابدا", "start"), Map.entry("بدء", "start"), Map.entry("اشترك", "start"),
            Map.entry("help", "help"), Map.entry("info", "help"), Map.entry("مساعده", "help"),
            Map.entry("ساعدني", "help"));

    private static final Pattern DIACRITICS = Pattern.compile("[\\u064B-\\u0652\\u0670\\u0640]");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\s]+|[\\p{P}\\s]+$");

    private SmsKeywords() {
    }

    /** stop, start or help when the whole message is such a keyword. */
    static Optional<String> match(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        String t = EDGE_PUNCTUATION.matcher(text).replaceAll("");
        t = DIACRITICS.matcher(t).replaceAll("");
        t = t.replace('أ', 'ا').replace('إ', 'ا').replace('آ', 'ا').replace('ة', 'ه')
                .replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return Optional.ofNullable(KEYWORDS.get(t));
    }
}
