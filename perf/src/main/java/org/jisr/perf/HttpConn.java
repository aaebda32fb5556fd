package org.jisr.perf;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection to the gateway. Hand-written on purpose: the load generator shares two cores
 * with the gateway, Redis and the fake providers, and a request here costs one write and one read, far less CPU
 * than a general client. It reads what Tomcat answers: Content-Length or chunked bodies, and "Connection: close".
 */
final class HttpConn implements AutoCloseable {

    /** What the gateway answered. */
    record Response(int status, String retryAfter) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean closed;

    HttpConn(String host, int port, int timeoutMs) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMs);
        socket.connect(new InetSocketAddress(host, port), timeoutMs);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    boolean isOpen() {
        return !closed;
    }

    /** Sends one complete request (head and body) and reads the whole response. */
    Response exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String statusLine = line();
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("no HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        String retryAfter = null;
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closed = true;
            } else if (name.equalsIgnoreCase("Retry-After")) {
                retryAfter = value;
            }
        }
        if (chunked) {
            for (long n = Long.parseLong(line().split(";")[0].trim(), 16); n > 0; n = Long.parseLong(line().split(";")[0].trim(), 16)) {
                skip(n);
                line();
            }
            for (String t = line(); t != null && !t.isEmpty(); t = line()) {
                // trailers
            }
        } else if (length > 0) {
            skip(length);
        } else if (length < 0 && status != 204 && status != 304) {
            closed = true; // body until close: not reused
        }
        return new Response(status, retryAfter);
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in a body");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        if (sb.isEmpty()) {
            throw new IOException("connection closed by the server");
        }
        return sb.toString();
    }

    /** The request bytes: head then body. */
    static byte[] request(String method, String path, String hostPort, String[] headers, byte[] body) {
        StringBuilder h = new StringBuilder(256);
        h.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(hostPort).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        h.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
