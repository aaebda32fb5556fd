package org.jisr.gateway.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which unanswered questions count as "the same question": one pair per line, with why. */
class QuestionGroupsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # English stemming and stop words: the same question
            plural and word order                  | When do schools reopen?                 | When will the school reopen          | true
            # a typo still shares most trigrams
            typo                                   | When do schools reopen after the break? | When do schols reopen after the brek? | true
            # Arabic normalisation: alef forms, taa marbuta, and the definite article
            Arabic spelling variants               | متى تفتح المدارس؟                        | متي تفتح المدارس                      | true
            Arabic with and without 'al-'          | رسوم تأشيرة الإقامة                       | رسوم التأشيرة للاقامة                   | true
            # different topics stay apart
            different English questions            | When do schools reopen?                 | How much is the tourist visa fee?    | false
            different Arabic questions             | متى تفتح المدارس؟                        | كم رسوم تأشيرة السياحة؟                 | false
            # one language never groups with the other (translation is not similarity)
            Arabic vs English                      | متى تفتح المدارس؟                        | When do schools reopen?              | false
            """)
    void similarity(String why, String a, String b, boolean same) {
        assertThat(QuestionGroups.similarity(a, b) >= QuestionGroups.THRESHOLD).as(why + ": %s", QuestionGroups.similarity(a, b)).isEqualTo(same);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # input → expected normalised tokens ('will', 'the' are stop words; 'when' is not)
            English stems and drops stop words | When will the schools reopen? | when,school,reopen
            # 'al-' goes, alef maksura becomes yaa and the light stemmer then drops it: متى → مت
            Arabic drops 'al-' and normalises  | متى تفتح المدارس؟              | مت,تفتح,مدارس
            """)
    void tokens(String why, String text, String expected) {
        assertThat(String.join(",", QuestionGroups.tokens(text, org.jisr.kb.Lang.detect(text)))).as(why).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void groupsCountAndOrderByFrequency() {
        List<QuestionGroups.Group> g = QuestionGroups.group(List.of(
                "When do schools reopen?", "How much is the tourist visa fee?", "when will the school reopen",
                "متى تفتح المدارس؟", "When do schols reopen?", "متي تفتح المدارس"), 10);
        assertThat(g).extracting(QuestionGroups.Group::count).containsExactly(3, 2, 1);
        assertThat(g.getFirst().label()).isEqualTo("When do schools reopen?");
        assertThat(g.getFirst().examples()).containsExactly("when will the school reopen", "When do schols reopen?");
        assertThat(g.get(1).lang()).isEqualTo("ar");
    }
}
