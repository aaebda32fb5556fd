package org.jisr.kb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jisr.kb.Article;
import org.jisr.kb.ArticleType;
import org.jisr.kb.Lang;
import org.jisr.kb.Source;

/**
 * A synthetic bilingual knowledge base of government-service questions: templates × services × places,
 * each article with two Arabic and two English question variants and a short answer in both languages.
 */
final class SyntheticKb {

    private static final String[][] TEMPLATES = {
        {"ما هي شروط %s في %s؟", "ابغى اعرف شروط %s في %s", "What are the requirements for %s in %s?", "Requirements of %s in %s"},
        {"كيف أقدم على %s في %s؟", "شلون اقدم على %s في %s", "How do I apply for %s in %s?", "Applying for %s in %s"},
        {"متى يبدأ %s في %s؟", "امتى يبدا %s في %s", "When does %s start in %s?", "Start date of %s in %s"},
        {"أين مكتب %s في %s؟", "وين مكتب %s في %s", "Where is the %s office in %s?", "Location of the %s office in %s"},
        {"كم رسوم %s في %s؟", "بكم رسوم %s في %s", "How much is the fee for %s in %s?", "Fees for %s in %s"},
        {"ما هي مدة %s في %s؟", "كم تاخذ مدة %s في %s", "How long does %s take in %s?", "Processing time of %s in %s"},
        {"هل يمكن إلغاء %s في %s؟", "اقدر الغي %s في %s", "Can I cancel %s in %s?", "Cancelling %s in %s"},
        {"ما هي المستندات المطلوبة لـ %s في %s؟", "ايش الاوراق المطلوبة ل %s في %s", "Which documents are needed for %s in %s?", "Documents for %s in %s"},
        {"كيف أتابع طلب %s في %s؟", "شلون اتابع طلب %s في %s", "How do I track my %s request in %s?", "Tracking a %s request in %s"},
        {"لماذا رفض طلب %s في %s؟", "ليش انرفض طلب %s في %s", "Why was my %s request rejected in %s?", "Rejected %s requests in %s"},
    };
    private static final String[][] SERVICES = {
        {"تجديد جواز السفر", "passport renewal"}, {"رخصة القيادة", "driving licence"}, {"بطاقة الهوية", "identity card"},
        {"تأشيرة العمل", "work visa"}, {"السجل التجاري", "commercial register"}, {"رخصة البناء", "building permit"},
        {"الضمان الاجتماعي", "social security"}, {"منحة الدراسة", "study grant"}, {"التأمين الصحي", "health insurance"},
        {"تسجيل المواليد", "birth registration"}, {"عقد الزواج", "marriage contract"}, {"نقل الملكية", "property transfer"},
        {"تصريح الصحافة", "press accreditation"}, {"اعتماد الإعلاميين", "media credentials"}, {"شكوى المستهلك", "consumer complaint"},
        {"الدعم السكني", "housing support"}, {"رخصة المحل", "shop licence"}, {"تأشيرة الزيارة", "visit visa"},
        {"استخراج شهادة", "certificate issuance"}, {"تسجيل المركبة", "vehicle registration"}, {"فحص المركبة", "vehicle inspection"},
        {"الإقامة", "residence permit"}, {"لم الشمل", "family reunion"}, {"التقاعد", "retirement pension"},
        {"إعانة البطالة", "unemployment benefit"}, {"القرض الزراعي", "farm loan"}, {"تصريح الحج", "hajj permit"},
        {"تصريح العمرة", "umrah permit"}, {"رخصة الصيد", "fishing licence"}, {"تصريح الفعاليات", "event permit"},
        {"التطوع", "volunteering"}, {"التدريب الصيفي", "summer training"}, {"التوظيف الحكومي", "government jobs"},
        {"الابتعاث", "scholarship abroad"}, {"معادلة الشهادات", "degree equivalence"}, {"تصديق الوثائق", "document attestation"},
        {"الإعفاء الجمركي", "customs exemption"}, {"التخليص الجمركي", "customs clearance"}, {"رخصة الاستيراد", "import licence"},
        {"بطاقة ذوي الإعاقة", "disability card"}, {"المساعدة القانونية", "legal aid"}, {"البلاغات", "incident reports"},
        {"تصريح التصوير", "filming permit"}, {"طلب مقابلة صحفية", "interview request"}, {"البيانات المفتوحة", "open data"},
        {"التحقق من الشائعات", "rumour checking"}, {"المؤتمر الصحفي", "press conference"}, {"النشرة الإعلامية", "media newsletter"},
        {"شهادة حسن السيرة", "good conduct certificate"}, {"رخصة المهنة", "professional licence"},
    };
    private static final String[][] PLACES = {
        {"الرياض", "Riyadh"}, {"جدة", "Jeddah"}, {"الدمام", "Dammam"}, {"مكة", "Makkah"}, {"المدينة", "Madinah"},
        {"أبها", "Abha"}, {"تبوك", "Tabuk"}, {"حائل", "Hail"}, {"جازان", "Jazan"}, {"نجران", "Najran"},
        {"الطائف", "Taif"}, {"القصيم", "Qassim"}, {"الأحساء", "Al Ahsa"}, {"الجوف", "Al Jouf"}, {"الباحة", "Al Baha"},
        {"ينبع", "Yanbu"}, {"الخبر", "Khobar"}, {"عرعر", "Arar"}, {"سكاكا", "Sakaka"}, {"بيشة", "Bisha"},
    };

    private SyntheticKb() {
    }

    static List<Article> articles(int n) {
        List<Article> out = new ArrayList<>(n);
        int i = 0;
        outer:
        for (String[] place : PLACES) {
            for (String[] service : SERVICES) {
                for (String[] t : TEMPLATES) {
                    if (i >= n) {
                        break outer;
                    }
                    Map<Lang, List<String>> q = Map.of(
                            Lang.AR, List.of(t[0].formatted(service[0], place[0]), t[1].formatted(service[0], place[0])),
                            Lang.EN, List.of(t[2].formatted(service[1], place[1]), t[3].formatted(service[1], place[1])));
                    Map<Lang, String> a = Map.of(
                            Lang.AR, "للاستفسار عن " + service[0] + " في " + place[0] + " راجع المكتب الرئيسي أو البوابة الإلكترونية، الرقم " + i + ".",
                            Lang.EN, "For " + service[1] + " in " + place[1] + " visit the main office or the online portal, reference " + i + ".");
                    out.add(new Article("syn-" + i, ArticleType.FAQ, q, a, Map.of(), new Source("Synthetic", null),
                            List.of("synthetic"), null, null, null, null));
                    i++;
                }
            }
        }
        return out;
    }

    /** Questions people might type: variants with words dropped, dialect, typos, and unrelated ones. */
    static List<String> queries(List<Article> articles, int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Article a = articles.get(r.nextInt(articles.size()));
            Lang lang = r.nextBoolean() ? Lang.AR : Lang.EN;
            String q = a.questions().get(lang).get(r.nextInt(2));
            String[] words = q.split(" ");
            switch (r.nextInt(4)) {
                case 0 -> out.add(q);
                case 1 -> out.add(String.join(" ", java.util.Arrays.copyOf(words, Math.max(2, words.length - 2))));
                case 2 -> out.add(q.replaceFirst("(\\p{L})(\\p{L})", "$2$1")); // a typo
                default -> out.add(lang == Lang.AR ? "وش أخبار الطقس اليوم في " + words[words.length - 1] : "what's the weather like in " + words[words.length - 1]);
            }
        }
        return out;
    }
}
