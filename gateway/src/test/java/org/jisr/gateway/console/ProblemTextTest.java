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
                // an unknown message is shown as it is, not guessed at
                Arguments.of("short.ar: longer than 140 characters", "short.ar: longer than 140 characters"));
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
