package org.jisr.gateway.pipeline;

import org.jisr.kb.Lang;

/** Every text the bot says, in Arabic and English. */
public enum Phrase {
    WELCOME("أهلاً بك في جسر. اكتب سؤالك وسأبحث لك في الإجابات الرسمية. اكتب «مساعدة» لمعرفة الأوامر، أو «موظف» للتواصل مع موظف.",
            "Welcome to Jisr. Type your question and I will look it up in the official answers. Type \"help\" for the commands, or \"human\" to reach a member of staff."),
    HELP("اكتب سؤالك بكلماتك وسأبحث في الإجابات الرسمية.\nالأوامر: «موظف» للتواصل مع موظف، «اللغة» لتغيير اللغة، «إيقاف» لإيقاف الرسائل، «ابدأ» للعودة.",
            "Type your question in your own words and I will search the official answers.\nCommands: \"human\" to reach staff, \"language\" to switch language, \"stop\" to stop messages, \"start\" to come back."),
    LANGUAGE_PROMPT("اختر اللغة / Choose a language", "Choose a language / اختر اللغة"),
    LANGUAGE_SET("تم: سأجيبك بالعربية.", "Done: I will reply in English."),
    STOPPED("تم إيقاف الرسائل. أرسل «ابدأ» متى أردت العودة.", "You will not receive more messages. Send \"start\" whenever you want to come back."),
    RATE_LIMITED("تصلني رسائلك بسرعة كبيرة. انتظر دقيقة من فضلك ثم أعد المحاولة.",
            "Your messages are arriving very quickly. Please wait a minute and try again."),
    TEXT_ONLY("عذراً، أستطيع قراءة الرسائل النصية فقط. اكتب سؤالك من فضلك.", "Sorry, I can only read text. Please type your question."),
    SUGGEST_INTRO("لست متأكداً مما تقصد. هل تقصد أحد هذه الأسئلة؟ اختر واحداً أو أرسل رقمه:",
            "I am not sure what you mean. Did you mean one of these? Pick one or reply with its number:"),
    NONE_OF_THESE("لا شيء منها، اسأل موظفاً", "None, ask staff"),
    ESCALATED("لم أجد إجابة رسمية مؤكدة لسؤالك، فأحلته إلى فريق التواصل. سيرد عليك أحد الموظفين هنا.",
            "I could not find a confirmed official answer, so I have passed your question to our staff. Someone will reply here."),
    ASK_QUESTION_FOR_STAFF("اكتب سؤالك وسأحيله إلى أحد الموظفين.", "Please type your question and I will pass it to a member of staff."),
    CASE_JOINED("أضفت رسالتك إلى طلبك، وسيرد عليك أحد الموظفين قريباً.",
            "I have added your message to your request; a member of staff will reply soon."),
    HELPFUL("هل كانت الإجابة مفيدة؟", "Was this helpful?"),
    /** The same question where every character costs (SMS: an Arabic reply keeps within 3 segments). */
    HELPFUL_SHORT("مفيدة؟", "Helpful?"),
    YES("نعم", "Yes"),
    NO("لا", "No"),
    THANKS("شكراً لملاحظتك.", "Thank you for your feedback."),
    OFFER_HUMAN("آسف لذلك. هل تريد أن يجيبك أحد الموظفين؟", "Sorry about that. Would you like a member of staff to answer?"),
    ASK_STAFF("نعم، اسأل موظفاً", "Yes, ask staff"),
    SOURCE("المصدر", "Source"),
    AS_OF("بتاريخ", "as of"),
    VERDICT("الحكم", "Verdict"),
    FALLBACK_NOTICE("(لا توجد إجابة بالعربية بعد؛ هذه الإجابة بالإنجليزية.)", "(There is no English answer yet; here is the Arabic one.)"),
    CHOICE_EXPIRED("انتهت صلاحية هذا الاختيار. اكتب سؤالك من جديد من فضلك.", "That choice has expired. Please type your question again.");

    private final String ar;
    private final String en;

    Phrase(String ar, String en) {
        this.ar = ar;
        this.en = en;
    }

    public String in(Lang lang) {
        return lang == Lang.AR ? ar : en;
    }

    /** Verdict names for rumour answers. */
    static String verdict(org.jisr.kb.Verdict v, Lang lang) {
        return switch (v) {
            case FALSE -> lang == Lang.AR ? "غير صحيح" : "false";
            case MISLEADING -> lang == Lang.AR ? "مضلل" : "misleading";
            case TRUE -> lang == Lang.AR ? "صحيح" : "true";
            case UNVERIFIED -> lang == Lang.AR ? "غير مؤكد" : "unverified";
        };
    }
}
