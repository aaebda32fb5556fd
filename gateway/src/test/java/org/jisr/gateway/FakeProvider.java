package org.jisr.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A local HTTP server standing in for a provider's send API: records every message and answers with the
 * next scripted status (200 by default; 429 with Retry-After; 403 for a blocked recipient).
 */
public final class FakeProvider implements AutoCloseable {

    public final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private final HttpServer server;
    private final AtomicInteger ids = new AtomicInteger();

    public FakeProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/send", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            int status;
            synchronized (script) {
                status = script.isEmpty() ? 200 : script.poll();
            }
            String reply;
            if (status == 200) {
                received.add(Json.MAPPER.readTree(body));
                reply = "{\"id\":\"p" + ids.incrementAndGet() + "\"}";
            } else {
                if (status == 429) {
                    ex.getResponseHeaders().add("Retry-After", "1");
                }
                reply = "{\"error\":\"scripted " + status + "\"}";
            }
            byte[] r = reply.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, r.length);
            ex.getResponseBody().write(r);
            ex.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/send";
    }

    /** The next responses, in order (then 200 again). */
    public void thenAnswer(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
    }

    public List<String> textsTo(String recipient) {
        return received.stream().filter(n -> n.get("to").asString().equals(recipient)).map(n -> n.get("text").asString()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
