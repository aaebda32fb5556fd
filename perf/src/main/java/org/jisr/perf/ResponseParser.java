package org.jisr.perf;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads one HTTP/1.1 response incrementally, from whatever bytes have arrived: the status, {@code Retry-After} and
 * whether the connection must be closed after it; the body is skipped (Content-Length, chunked with trailers, or
 * until the server closes when neither is given). Incremental because the sender's event loop reads what a socket
 * has and must come back later for the rest. What Tomcat answers is all it needs to understand.
 */
final class ResponseParser {

    /** What the gateway answered; {@code close}: the connection is not to be reused. */
    record Response(int status, String retryAfter, boolean close) {
    }

    private enum State { STATUS_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE }

    private static final int MAX_LINE = 16 * 1024; // a runaway line is a broken peer, not a header

    private State state = State.STATUS_LINE;
    private final StringBuilder line = new StringBuilder(128);
    private boolean lineHasCr;
    private int status;
    private String retryAfter;
    private boolean close;
    private boolean chunked;
    private long length;
    private long left;

    ResponseParser() {
        reset();
    }

    /** Ready for the next response on the same connection. */
    void reset() {
        state = State.STATUS_LINE;
        line.setLength(0);
        lineHasCr = false;
        status = 0;
        retryAfter = null;
        close = false;
        chunked = false;
        length = -1;
        left = 0;
    }

    /**
     * Consumes bytes from {@code in}; returns the response once its last byte is read (what follows stays in
     * {@code in}), or null when more bytes are needed.
     *
     * @throws IOException when the bytes are not an HTTP/1.x response
     */
    Response feed(ByteBuffer in) throws IOException {
        while (in.hasRemaining()) {
            switch (state) {
                case STATUS_LINE -> {
                    if (readLine(in)) {
                        statusLine();
                        state = State.HEADERS;
                    }
                }
                case HEADERS -> {
                    if (readLine(in)) {
                        if (line.isEmpty()) {
                            Response r = endOfHead();
                            if (r != null) {
                                return r;
                            }
                        } else {
                            header();
                        }
                    }
                }
                case BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(left, in.remaining());
                    in.position(in.position() + n);
                    left -= n;
                    if (left == 0) {
                        if (state == State.BODY) {
                            return done();
                        }
                        state = State.CHUNK_END;
                    }
                }
                case CHUNK_SIZE -> {
                    if (readLine(in)) {
                        long size = chunkSize();
                        if (size == 0) {
                            state = State.TRAILERS;
                        } else {
                            left = size;
                            state = State.CHUNK_DATA;
                        }
                    }
                }
                case CHUNK_END -> {
                    if (readLine(in)) {
                        if (!line.isEmpty()) {
                            throw new IOException("no line end after a chunk: " + line);
                        }
                        state = State.CHUNK_SIZE;
                    }
                }
                case TRAILERS -> {
                    if (readLine(in)) {
                        if (line.isEmpty()) {
                            return done();
                        }
                        line.setLength(0); // a trailer: not needed
                    }
                }
                case UNTIL_CLOSE -> in.position(in.limit());
            }
        }
        return null;
    }

    /**
     * The server closed the connection: the response, when it ended with the close (a body without length), or
     * an error when it was cut short.
     */
    Response closed() throws IOException {
        if (state == State.UNTIL_CLOSE) {
            return done();
        }
        throw new IOException(idle() ? "connection closed by the server" : "connection closed by the server in a response");
    }

    /** True while nothing of a response has arrived yet (a close then is not an answer cut short). */
    boolean idle() {
        return state == State.STATUS_LINE && line.isEmpty() && !lineHasCr;
    }

    private Response done() {
        Response r = new Response(status, retryAfter, close);
        reset();
        return r;
    }

    private Response endOfHead() {
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (length > 0) {
            left = length;
            state = State.BODY;
        } else if (length == 0 || status == 204 || status == 304 || status / 100 == 1) {
            return done();
        } else {
            close = true; // body until close: the connection is not reused
            state = State.UNTIL_CLOSE;
        }
        return null;
    }

    /** Appends bytes up to a LF; true when the line is complete (in {@code line}, without CR LF). */
    private boolean readLine(ByteBuffer in) throws IOException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                lineHasCr = false;
                return true;
            }
            if (lineHasCr) { // a CR not followed by LF belongs to the line
                line.append('\r');
                lineHasCr = false;
            }
            if (b == '\r') {
                lineHasCr = true;
            } else {
                line.append((char) (b & 0xff));
            }
            if (line.length() > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
        }
        return false;
    }

    private void statusLine() throws IOException {
        String s = line.toString();
        line.setLength(0);
        if (!s.startsWith("HTTP/1.") || s.length() < 12 || s.charAt(8) != ' ') {
            throw new IOException("no HTTP response: " + s);
        }
        try {
            status = Integer.parseInt(s.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("no HTTP status: " + s);
        }
    }

    private void header() throws IOException {
        String h = line.toString();
        line.setLength(0);
        int colon = h.indexOf(':');
        if (colon < 0) {
            return;
        }
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
            try {
                length = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + value);
            }
        } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
            chunked = true;
        } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
            close = true;
        } else if (name.equalsIgnoreCase("Retry-After")) {
            retryAfter = value;
        }
    }

    private long chunkSize() throws IOException {
        String s = line.toString();
        line.setLength(0);
        int semi = s.indexOf(';');
        try {
            return Long.parseLong((semi < 0 ? s : s.substring(0, semi)).trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size: " + s);
        }
    }
}
