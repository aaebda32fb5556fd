package org.jisr.bots.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** what might reach a log → what does. */
class RedactTest {

    static Stream<Arguments> addresses() {
        return Stream.of(
                argumentSet("E.164 number", "+966501234567", "…4567"),
                argumentSet("WhatsApp address keeps its scheme", "whatsapp:+966501234567", "whatsapp:…4567"),
                argumentSet("business-scoped user id", "SA.88120934756612034455", "…4455"),
                argumentSet("short id fully hidden", "1234", "…"));
    }

    @ParameterizedTest
    @MethodSource("addresses")
    void address(String address, String masked) {
        assertThat(Redact.address(address)).isEqualTo(masked);
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                argumentSet("number inside a provider message", "The 'To' number +966501234567 is not valid",
                        "The 'To' number …4567 is not valid"),
                argumentSet("spaced number", "call 966 50 123 4567 now", "call …4567 now"),
                argumentSet("error codes stay", "error 21610 and 131026", "error 21610 and 131026"));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void phoneNumbers(String text, String masked) {
        assertThat(Redact.phoneNumbers(text)).isEqualTo(masked);
    }
}
