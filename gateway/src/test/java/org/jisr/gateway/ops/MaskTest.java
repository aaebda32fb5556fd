package org.jisr.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "+971501234567          | *********4567",         // a phone number keeps its last four digits
            "whatsapp:+971501234567 | whatsapp:*********4567", // the address scheme stays readable
            "123456789              | *****6789",             // a Telegram chat id
            "123                    | ****",                  // too short to show anything
    })
    void masksAllButTheLastFour(String in, String out) {
        assertThat(Mask.address(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "twilio:+971501234567 | twilio:*********4567",
            "webchat:abcdefgh     | webchat:****efgh",
    })
    void masksThePersonPartOfAKey(String in, String out) {
        assertThat(Mask.person(in)).isEqualTo(out);
    }
}
