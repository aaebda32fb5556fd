package org.jisr.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A whole message that is a command word, in either language, however it is dressed. */
class CommandTest {

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("STOP", Optional.of(Command.STOP)),                      // case folded
                Arguments.of("  stop!! ", Optional.of(Command.STOP)),                 // spaces and punctuation at the ends
                Arguments.of("...Help?", Optional.of(Command.HELP)),                  // punctuation before the word too
                Arguments.of("start   again", Optional.of(Command.START)),            // inner spaces collapsed
                Arguments.of("؟إيقاف،", Optional.of(Command.STOP)),                   // Arabic question mark and comma
                Arguments.of("ابدأ من جديد", Optional.of(Command.START)),             // hamza on alef folded
                Arguments.of("مُوَظَّف", Optional.of(Command.HUMAN)),                 // harakat dropped
                Arguments.of("مـوظـف", Optional.of(Command.HUMAN)),                   // tatweel dropped
                Arguments.of("العربية", Optional.of(Command.ARABIC)),                 // taa marbuta folded
                Arguments.of("stop the bus", Optional.empty()),                       // a command word inside a sentence
                Arguments.of("how do I stop my subscription?", Optional.empty()),     // a question, not a command
                Arguments.of("!!!", Optional.empty()),                                // nothing but punctuation
                Arguments.of("", Optional.empty()));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("commands")
    void parses(String text, Optional<Command> expected) {
        assertThat(Command.parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of("2", 2),          // Western digit
                Arguments.of(" 3. ", 3),       // with a full stop and spaces
                Arguments.of("٣", 3),          // Arabic-Indic digit
                Arguments.of("۴", 4),          // Persian digit
                Arguments.of("0", -1),         // choices start at 1
                Arguments.of("12", -1),        // one digit only
                Arguments.of("2 please", -1)); // a number inside words is not a pick
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("numbers")
    void numbers(String text, int expected) {
        assertThat(Command.number(text)).isEqualTo(expected);
    }
}
