package org.jisr.gateway.console;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Arabic wording of the problems staff see on the console's Arabic pages. The services word their refusals in
 * English (the API answers with them); the console translates the known ones here, keeping names and ids, and shows
 * any other message as it is.
 */
final class ProblemText {

    private record Rule(Pattern english, String arabic) {
    }

    private static Rule rule(String englishRegex, String arabic) {
        return new Rule(Pattern.compile(englishRegex), arabic);
    }

    private static final List<Rule> RULES = List.of(
            // cases
            rule("no case '(.+)'", "لا توجد حالة '$1'"),
            rule("already answered", "تمت الإجابة عن هذه الحالة من قبل"),
            rule("already closed", "هذه الحالة مغلقة من قبل"),
            rule("closed", "هذه الحالة مغلقة"),
            rule("closed: the person's next message opens a new case", "هذه الحالة مغلقة: رسالة الشخص التالية تفتح حالة جديدة"),
            rule("not claimed", "هذه الحالة غير مستلمة"),
            rule("not claimed: claim it first", "هذه الحالة غير مستلمة: استلمها أولاً"),
            rule("already claimed by (.+)", "استلمها $1 من قبل"),
            rule("you already hold this case", "هذه الحالة لديك من قبل"),
            rule("held by (.+): claim it first", "هذه الحالة لدى $1"),
            rule("held by (.+): only they or an editor may close it", "هذه الحالة لدى $1: لا يغلقها إلا هو أو محرر"),
            rule("held by (.+): only they or an editor may release it", "هذه الحالة لدى $1: لا يعيدها إلا هو أو محرر"),
            rule("only an editor or admin can reassign", "لا يعيد إسناد الحالات إلا محرر أو مدير"),
            rule("only an open case can be reassigned", "لا يُعاد إسناد إلا حالة مفتوحة"),
            rule("to: no enabled staff account '(.+)'", "إلى: لا يوجد حساب موظف مفعّل باسم '$1'"),
            rule("you already hold (\\d+) cases \\(the limit\\): answer or release one first",
                    "لديك $1 حالات (الحد الأقصى): أجب عن إحداها أو أعدها أولاً"),
            rule("priority: one of URGENT, HIGH, NORMAL, LOW", "الأولوية: واحدة من URGENT أو HIGH أو NORMAL أو LOW"),
            rule("text: missing or empty", "النص: مفقود أو فارغ"),
            rule("text: longer than (\\d+) characters", "النص: أطول من $1 حرف"),
            rule("another reply to this case was sent a moment ago: reload the case", "أُرسل رد آخر على هذه الحالة قبل لحظات: أعد تحميل الحالة"),
            rule("the person sent STOP: nothing can be sent until they write START",
                    "أرسل الشخص STOP (إيقاف): لا يمكن مراسلته حتى يكتب START (ابدأ)"),
            // knowledge loop and the KB editor
            rule("no article '(.+)'", "لا يوجد مقال '$1'"),
            rule("no draft '(.+)'", "لا توجد مسودة '$1'"),
            rule("article: not one of this case's near-misses", "المقال: ليس من المقالات القريبة لهذه الحالة"),
            rule("lang: the article has no (\\w+) answer, so it cannot take a \\w+ question", "اللغة: ليس للمقال جواب بلغة $1، فلا يقبل سؤالاً بها"),
            rule("question and answer: both are needed", "السؤال والجواب: كلاهما مطلوب"),
            rule("the article already has this question", "في المقال هذه الصيغة من السؤال من قبل"),
            rule("id: an article '(.+)' already exists.*", "المعرّف: يوجد مقال '$1' من قبل: اختر معرّفاً آخر"),
            rule("an article '(.+)' was published meanwhile: reject this draft or file it under another id",
                    "نُشر مقال '$1' في هذه الأثناء: ارفض هذه المسودة أو احفظها بمعرّف آخر"),
            rule("article '(.+)' was retired meanwhile", "سُحب المقال '$1' في هذه الأثناء"),
            rule("draft already (\\w+) by (.+)", "سبق أن بتّ $2 في هذه المسودة ($1)"),
            rule("the draft was decided a moment ago: reload", "بُتّ في المسودة قبل لحظات: أعد التحميل"),
            rule("format: csv or jsonl", "الصيغة: csv أو jsonl"),
            // staff accounts and journalists
            rule("username: letters, digits, '\\.', '_', '@' or '-' only \\(1 to 64\\)", "اسم المستخدم: حروف وأرقام و'.' و'_' و'@' و'-' فقط (من 1 إلى 64)"),
            rule("username: you cannot disable yourself or drop your own ADMIN role", "اسم المستخدم: لا يمكنك تعطيل حسابك ولا نزع دور ADMIN عن نفسك"),
            rule("password: (\\d+) to (\\d+) characters", "كلمة المرور: من $1 إلى $2 حرفاً"),
            rule("password: required for a new account", "كلمة المرور: مطلوبة للحساب الجديد"),
            rule("roles: at least one of LIAISON, EDITOR, ADMIN", "الأدوار: واحد على الأقل من LIAISON و EDITOR و ADMIN"),
            rule("channel: \"phone\" or a channel name .*", "القناة: \"phone\" أو اسم قناة (حروف لاتينية صغيرة وأرقام و'-' و'_')"),
            rule("identity: required, at most 128 characters", "الهوية: مطلوبة، 128 حرفاً على الأكثر"),
            rule("identity: letters, digits and \\+ : @ \\. _ - only", "الهوية: حروف وأرقام و + : @ . _ - فقط"),
            rule("identity: not a phone number \\(7 to 15 digits, e\\.g\\. (\\S+)\\)", "الهوية: ليست رقم هاتف (من 7 إلى 15 رقماً، مثل $1)"),
            rule("name: required, at most 100 characters", "الاسم: مطلوب، 100 حرف على الأكثر"),
            rule("outlet: required, at most 100 characters", "الوسيلة الإعلامية: مطلوبة، 100 حرف على الأكثر"),
            // an article's fields, as the import rules word them (field names kept: they are the file format's)
            rule("id: may hold only letters, digits, '\\.', '_', ':' and '-'", "id: أحرف وأرقام و'.' و'_' و':' و'-' فقط"),
            rule("type: unknown type '(.*)' \\(faq, fact, rumor, statement\\)", "type: نوع غير معروف '$1' (faq أو fact أو rumor أو statement)"),
            rule("questions: needs at least one language \\(ar or en\\)", "questions: لغة واحدة على الأقل (ar أو en)"),
            rule("(answer\\.\\w+): missing: questions in (\\w+) need an answer in \\w+", "$1: مفقود: أسئلة بلغة $2 تحتاج جواباً بها"),
            rule("valid_until: is before valid_from", "valid_until: قبل valid_from"),
            rule("verdict: must be a string or null", "verdict: نص أو null"),
            rule("verdict: unknown verdict '(.*)' \\(false, misleading, true, unverified\\)",
                    "verdict: حكم غير معروف '$1' (false أو misleading أو true أو unverified)"),
            rule("verdict: only a rumor has a verdict", "verdict: لا حكم إلا لشائعة (rumor)"),
            rule("source: must be an object with name and url", "source: كائن فيه name و url"),
            rule("([\\w.]+): unknown field \\(name, url\\)", "$1: حقل غير معروف (name أو url)"),
            rule("([\\w.]+): unknown field", "$1: حقل غير معروف"),
            rule("([\\w.]+): unknown language \\(ar, en\\)", "$1: لغة غير معروفة (ar أو en)"),
            rule("([\\w.]+): must not be empty", "$1: لا يكون فارغاً"),
            rule("([\\w.]+): must be a non-empty string", "$1: نص غير فارغ"),
            rule("([\\w.]+): must be a string", "$1: يجب أن يكون نصاً"),
            rule("([\\w.]+): must be a list of strings", "$1: قائمة نصوص"),
            rule("([\\w.]+): every question must be a string", "$1: كل سؤال يجب أن يكون نصاً"),
            rule("([\\w.]+): every tag must be a string", "$1: كل وسم يجب أن يكون نصاً"),
            rule("([\\w.]+): has no non-empty question", "$1: لا سؤال غير فارغ فيه"),
            rule("([\\w.]+): must be an object of language → list of questions", "$1: كائن من اللغة إلى قائمة الأسئلة"),
            rule("([\\w.]+): must be an object of language → text", "$1: كائن من اللغة إلى النص"),
            rule("([\\w.]+): must be an http\\(s\\) URL", "$1: عنوان http(s)"),
            rule("([\\w.]+): must be a date string YYYY-MM-DD", "$1: تاريخ بالصيغة YYYY-MM-DD"),
            rule("([\\w.]+): not a date YYYY-MM-DD: '(.*)'", "$1: ليس تاريخاً بالصيغة YYYY-MM-DD: '$2'"),
            rule("([\\w.]+): no answer in (\\w+)", "$1: لا جواب بلغة $2"),
            rule("([\\w.]+): longer than (\\d+) characters", "$1: أطول من $2 حرف"),
            rule("([\\w.]+): missing", "$1: مفقود"));

    private ProblemText() {
    }

    /** The message in the page's language: Arabic when a rule knows it, else as given. */
    static String in(String lang, String message) {
        if (message == null || !"ar".equals(lang)) {
            return message;
        }
        String whole = one(message);
        if (whole != null || !message.contains("; ")) {
            return whole != null ? whole : message;
        }
        // several problems of one form, "field: problem; field: problem": each worded on its own
        List<String> parts = new java.util.ArrayList<>();
        for (String part : message.split("; ")) {
            String ar = one(part);
            parts.add(ar != null ? ar : part);
        }
        return String.join("؛ ", parts);
    }

    /** The Arabic of one problem, or null when no rule knows it. */
    private static String one(String message) {
        for (Rule r : RULES) {
            Matcher m = r.english().matcher(message);
            if (m.matches()) {
                StringBuilder out = new StringBuilder();
                m.appendReplacement(out, r.arabic()); // names and ids are copied as they are (the template has no '\')
                return out.toString();
            }
        }
        return null;
    }
}
