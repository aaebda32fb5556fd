package org.jisr.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection to the gateway, blocking, and the request bytes every sender posts. The load
 * generator itself sends without blocking ({@link SenderLoop}); this client, with the same {@link ResponseParser},
 * is for tests and one-off calls.
 */
final class HttpConn implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ResponseParser parser = new ResponseParser();
    private final byte[] buffer = new byte[16 * 1024];
    private boolean closed;

    HttpConn(String host, int port, int timeoutMs) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMs);
        socket.connect(new InetSocketAddress(host, port), timeoutMs);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    boolean isOpen() {
        return !closed;
    }

    /** Sends one complete request (head and body) and reads the whole response. */
    ResponseParser.Response exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        parser.reset();
        while (true) {
            int n = in.read(buffer);
            ResponseParser.Response r = n < 0 ? parser.closed() : parser.feed(ByteBuffer.wrap(buffer, 0, n));
            if (r != null) {
                closed |= r.close();
                return r;
            }
        }
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
