package org.jisr.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sender's response parser, fed as a socket may deliver: all at once, cut in two at every byte position, and
 * byte by byte. A response is complete exactly when its last byte is read, never earlier.
 */
class ResponseParserTest {

    static Stream<Arguments> responses() {
        return Stream.of(
                of("empty 200", "HTTP/1.1 200 \r\nContent-Length: 0\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\n\r\n", 200, null, false),
                of("content-length body", "HTTP/1.1 400 \r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"error\":\"x\"}", 400, null, false),
                of("chunked, two chunks and a trailer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"
                        + "7;ext=1\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n", 200, null, false),
                of("503 with Retry-After", "HTTP/1.1 503 \r\nRetry-After: 5\r\nContent-Length: 2\r\n\r\n{}", 503, "5", false),
                of("Connection: close", "HTTP/1.1 200 \r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc", 200, null, true),
                of("header names in any case", "HTTP/1.1 429 \r\ncontent-length: 1\r\nRETRY-AFTER: 2\r\nconnection: Close\r\n\r\nx", 429, "2", true),
                of("204 without length", "HTTP/1.1 204 \r\nX-A: b\r\n\r\n", 204, null, false),
                of("lines ended by LF alone", "HTTP/1.1 200 \nContent-Length: 2\n\nok", 200, null, false),
                of("CRLF inside a body", "HTTP/1.1 200 \r\nContent-Length: 4\r\n\r\n\r\n\r\n", 200, null, false));
    }

    static Arguments of(String label, String raw, int status, String retryAfter, boolean close) {
        return Arguments.of(Named.of(label, raw.getBytes(StandardCharsets.ISO_8859_1)), new ResponseParser.Response(status, retryAfter, close));
    }

    @ParameterizedTest
    @MethodSource("responses")
    void wholeResponse(byte[] raw, ResponseParser.Response expected) throws IOException {
        assertThat(feed(new ResponseParser(), raw, raw.length)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("responses")
    void cutInTwoAtEveryPosition(byte[] raw, ResponseParser.Response expected) throws IOException {
        for (int cut = 0; cut < raw.length; cut++) {
            ResponseParser p = new ResponseParser();
            ByteBuffer first = ByteBuffer.wrap(raw, 0, cut);
            assertThat(p.feed(first)).as("complete after %d of %d bytes", cut, raw.length).isNull();
            ByteBuffer rest = ByteBuffer.wrap(raw, cut, raw.length - cut);
            assertThat(p.feed(rest)).as("cut at %d", cut).isEqualTo(expected);
            assertThat(rest.hasRemaining()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("responses")
    void byteByByte(byte[] raw, ResponseParser.Response expected) throws IOException {
        assertThat(feed(new ResponseParser(), raw, 1)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("responses")
    void oneParserReadsOneResponseAfterAnother(byte[] raw, ResponseParser.Response expected) throws IOException {
        ResponseParser p = new ResponseParser();
        assertThat(feed(p, raw, 7)).isEqualTo(expected);
        assertThat(p.idle()).isTrue();
        assertThat(feed(p, raw, 5)).isEqualTo(expected);
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() throws IOException {
        ResponseParser p = new ResponseParser();
        assertThat(p.feed(bytes("HTTP/1.1 200 \r\nContent-Type: text/plain\r\n\r\nsome body"))).isNull();
        assertThat(p.feed(bytes(" and more"))).isNull();
        assertThat(p.closed()).isEqualTo(new ResponseParser.Response(200, null, true));
    }

    @Test
    void bytesAfterTheResponseAreLeftUnread() throws IOException {
        ByteBuffer in = bytes("HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nokHTTP/1.1 500");
        assertThat(new ResponseParser().feed(in)).isEqualTo(new ResponseParser.Response(200, null, false));
        assertThat(in.remaining()).isEqualTo("HTTP/1.1 500".length());
    }

    @Test
    void aResponseCutShortByTheServerIsAnError() throws IOException {
        ResponseParser p = new ResponseParser();
        assertThat(p.feed(bytes("HTTP/1.1 200 \r\nContent-Length: 10\r\n\r\nabc"))).isNull();
        assertThatThrownBy(p::closed).isInstanceOf(IOException.class).hasMessageContaining("in a response");
        ResponseParser idle = new ResponseParser();
        assertThatThrownBy(idle::closed).isInstanceOf(IOException.class).hasMessage("connection closed by the server");
    }

    @Test
    void whatIsNotAnHttpResponseIsAnError() {
        assertThatThrownBy(() -> new ResponseParser().feed(bytes("SSH-2.0-OpenSSH\r\n"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new ResponseParser().feed(bytes("HTTP/1.1 2x0 \r\n"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new ResponseParser().feed(bytes("HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")))
                .isInstanceOf(IOException.class);
    }

    /** Feeds {@code raw} in pieces of {@code step} bytes; the response must come with the last piece. */
    static ResponseParser.Response feed(ResponseParser p, byte[] raw, int step) throws IOException {
        for (int at = 0; at < raw.length; at += step) {
            int n = Math.min(step, raw.length - at);
            ByteBuffer piece = ByteBuffer.wrap(raw, at, n);
            ResponseParser.Response r = p.feed(piece);
            if (at + n < raw.length) {
                assertThat(r).as("complete after %d of %d bytes", at + n, raw.length).isNull();
            } else {
                assertThat(piece.hasRemaining()).isFalse();
                return r;
            }
        }
        return null;
    }

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
