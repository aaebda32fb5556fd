package org.jisr.kb.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jisr.kb.Lang;
import org.jisr.kb.analysis.Aspects.Aspect;
import org.jisr.kb.analysis.Aspects.Relation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a question asks about its subject (aspects-ar.txt / aspects-en.txt): question → aspect, one rule per line. */
class AspectsTest {

    private static final Analysis ANALYSIS = Analysis.defaults();

    @AfterAll
    static void close() {
        ANALYSIS.close();
    }

    private static String aspect(String text) {
        Lang lang = Lang.detect(text);
        Aspect a = ANALYSIS.aspect(lang, ANALYSIS.wordTerms(lang, text), text.contains("?") || text.contains("؟"));
        return a.name();
    }

    @ParameterizedTest(name = "{2}: [{0}] → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ما هي قصيدة ليت الفتى حجر؟                | generic   | "what is X": no aspect
            ما معنى الادخار                            | generic   | ما معنى = ما تعريف = ما هو (framing words are stop words)
            ما تعريف الادخار                           | generic   | the same
            ما هي مناسبة قصيدة ليت الفتى حجر؟         | occasion  | the head noun names the aspect
            ما مدة حرب داحس والغبراء؟                  | duration  | مدة (stemmed مد) at the head
            من مؤلف قصيدة غصن يهت في دعص نقا؟          | person    | مؤلف / قائل / صاحب: who wrote it
            من هو قائل قصيدة نالت على يدها            | person    | من هو → who
            ما حكم صيام أيام التشريق؟                  | ruling    | حكم: the ruling on it
            كم تبلغ مساحة قارة أفريقيا؟                | size      | تبلغ is skipped, the noun beats the bare كم
            كم تبلغ المساحة الجغرافية لقارة أفريقيا؟   | size      | المساحة = مساحة (article stripped)
            كم عدد سكان السعودية                      | count     | كم عدد
            ما عدد سكان السعودية                      | count     | ما عدد = كم عدد
            ما طريقة تحضير الكبسة                      | method    | طريقة → كيف (synonym)
            كيف احضر الكبسة                            | method    | كيف احضر = طريقة تحضير
            ما أهمية المجلات                           | benefit   | أهمية (→ فوائد)
            لماذا المجلات مهمة                         | benefit   | لماذا … مهم = ما أهمية
            كيف تضر السجائر                            | harm      | كيف تضر = ما أضرار
            ما أضرار السجائر                           | harm      | the same
            أين تقع أستراليا                           | place     | bare أين
            ما موقع أستراليا                           | place     | ما موقع → أين تقع
            متى توفي نجيب محفوظ                        | time      | bare متى
            كيف أحسب مساحة المثلث                      | method    | an aspect word after the head belongs to the subject
            ما هي أهم فوائد الشعير                     | benefit   | أهم is skipped: the second word may name the aspect
            هل يفيد الحليب الأسنان؟                    | none      | a yes/no question naming no aspect: no evidence
            مصر: الحكم بإعدام 3 أشخاص                  | none      | a headline, not a question: no aspect
            ما ساعات عمل المتحف الوطني؟                | time      | opening hours ask when
            What is the purpose of the GCC?           | goals     | purpose = mission = goals
            What is the mission of the centre?        | goals     | the same
            What does the GCC do?                     | generic   | what, no aspect
            How long is media accreditation valid?    | duration  | how long
            How many inquiries did you get in 2025?   | count     | how many
            How do I delete my account?               | method    | bare how
            Is it possible to delete my account?      | none      | framing words only: no evidence
            """)
    void aspects(String question, String aspect, String why) {
        assertThat(aspect(question)).as(why).isEqualTo(aspect);
    }

    @ParameterizedTest(name = "{3}: {0} / {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ما هي مناسبة قصيدة X؟   | ما هي قصيدة X؟       | SPECIFIC_VS_GENERIC      | occasion of X vs what X is
            ما مدة حرب داحس؟        | ما هي حرب داحس؟      | SPECIFIC_VS_GENERIC      | duration vs definition
            ما مناسبة قصيدة X؟      | من صاحب قصيدة X؟     | DIFFERENT                | occasion vs author
            متى توفي فلان؟          | أين توفي فلان؟       | DIFFERENT_QUESTION_WORDS | when vs where
            كيف أنزل التطبيق؟       | من أين أنزل التطبيق؟ | SAME                     | a bare how is compatible with where
            ما أهمية المجلات؟       | لماذا المجلات مهمة؟  | SAME                     | importance = why important
            ما معنى الادخار؟        | ما تعريف الادخار؟    | SAME                     | both generic
            هل يفيد الحليب؟         | ما فوائد الحليب؟     | SAME                     | a yes/no question gives no evidence
            What is the purpose of the GCC?     | What does the GCC do?   | SPECIFIC_VS_GENERIC | purpose vs what it is
            """)
    void relations(String a, String b, Relation relation, String why) {
        Lang lang = Lang.detect(a);
        Aspect x = ANALYSIS.aspect(lang, ANALYSIS.wordTerms(lang, a), true);
        Aspect y = ANALYSIS.aspect(lang, ANALYSIS.wordTerms(lang, b), true);
        assertThat(Aspects.relation(x, y)).as(why).isEqualTo(relation);
        assertThat(Aspects.relation(y, x)).as("symmetric").isEqualTo(relation);
    }

    @Test
    void rulesAreAnalysedLikeText() {
        Aspects rules = Aspects.parse("size: المساحة\nskip: تبلغ\n", t -> ANALYSIS.wordTerms(Lang.AR, t), "inline");
        assertThat(rules.of(ANALYSIS.wordTerms(Lang.AR, "كم تبلغ مساحة البحرين"), true)).isEqualTo(new Aspect("size", true));
    }

    @Test
    void badRuleNamesTheLine() {
        assertThatThrownBy(() -> Aspects.parse("# ok\nno colon here\n", t -> List.of(t), "x.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.txt line 2");
        assertThatThrownBy(() -> Aspects.parse("size: هو\n", t -> ANALYSIS.wordTerms(Lang.AR, t), "y.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y.txt line 1").hasMessageContaining("stop word");
    }
}
