package org.jisr.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** English problem → what an Arabic console page shows, one line each. */
class ProblemTextTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // plain refusals
                Arguments.of("already closed", "هذه الحالة مغلقة من قبل"),
                Arguments.of("not claimed: claim it first", "هذه الحالة غير مستلمة: استلمها أولاً"),
                // names and ids are kept as they are, even with characters special to a replacement ($, \)
                Arguments.of("already claimed by amal", "استلمها amal من قبل"),
                Arguments.of("no case 'c-$1\\x'", "لا توجد حالة 'c-$1\\x'"),
                Arguments.of("held by omar: only they or an editor may close it", "هذه الحالة لدى omar: لا يغلقها إلا هو أو محرر"),
                // numbers from settings
                Arguments.of("you already hold 10 cases (the limit): answer or release one first", "لديك 10 حالات (الحد الأقصى): أجب عن إحداها أو أعدها أولاً"),
                Arguments.of("password: 8 to 200 characters", "كلمة المرور: من 8 إلى 200 حرفاً"),
                // the KB editor's two wordings of one conflict
                Arguments.of("id: an article 'gcc-001' already exists", "المعرّف: يوجد مقال 'gcc-001' من قبل: اختر معرّفاً آخر"),
                Arguments.of("id: an article 'gcc-001' already exists; choose another id", "المعرّف: يوجد مقال 'gcc-001' من قبل: اختر معرّفاً آخر"),
                // an article's fields: the field names of the file format kept, the problem worded
                Arguments.of("short.ar: longer than 140 characters", "short.ar: أطول من 140 حرف"),
                Arguments.of("answer.en: missing: questions in en need an answer in en", "answer.en: مفقود: أسئلة بلغة en تحتاج جواباً بها"),
                Arguments.of("valid_until: not a date YYYY-MM-DD: '2026-13-01'", "valid_until: ليس تاريخاً بالصيغة YYYY-MM-DD: '2026-13-01'"),
                Arguments.of("source.url: must be an http(s) URL", "source.url: عنوان http(s)"),
                Arguments.of("type: unknown type 'memo' (faq, fact, rumor, statement)", "type: نوع غير معروف 'memo' (faq أو fact أو rumor أو statement)"),
                // a form with several problems: each worded, joined with the Arabic semicolon
                Arguments.of("title.ar: missing; verdict: only a rumor has a verdict", "title.ar: مفقود؛ verdict: لا حكم إلا لشائعة (rumor)"),
                // an unknown message is shown as it is, not guessed at; in a list, only the known parts change
                Arguments.of("the index is rebuilding", "the index is rebuilding"),
                Arguments.of("tags: missing; the index is rebuilding", "tags: مفقود؛ the index is rebuilding"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anArabicPageShowsTheArabicWording(String english, String arabic) {
        assertThat(ProblemText.in("ar", english)).isEqualTo(arabic);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anEnglishPageShowsTheMessageAsItIs(String english, String arabic) {
        assertThat(ProblemText.in("en", english)).isEqualTo(english);
    }
}
