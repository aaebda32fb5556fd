package org.jisr.bots.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The kept Mac gives the standard HMAC-SHA256 on every call, not only the first. */
class HmacSha256Test {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void matchesTheRfc4231VectorOnEveryCall() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
        HmacSha256 mac = new HmacSha256("Jefe".getBytes(StandardCharsets.US_ASCII));
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assertThat(hex(mac.of(data))).isEqualTo(expected);
        assertThat(hex(mac.of("other".getBytes(StandardCharsets.US_ASCII)))).isNotEqualTo(expected);
        assertThat(hex(mac.of(data))).as("reset after each call").isEqualTo(expected);
    }

    @Test
    void eachThreadGetsTheSameAnswer() throws Exception {
        HmacSha256 mac = new HmacSha256("Jefe".getBytes(StandardCharsets.US_ASCII));
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        String[] seen = new String[1];
        Thread t = Thread.ofPlatform().start(() -> seen[0] = hex(mac.of(data)));
        t.join();
        assertThat(seen[0]).isEqualTo(hex(mac.of(data)));
    }
}
