package org.jisr.bots.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.WebhookRequest;
import org.jisr.bots.WebhookResult;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Adapters mounted at {@code /webhooks/{channel}} on 127.0.0.1, the way the gateway mounts them: the
 * {@link WebhookRequest} carries the PUBLIC URL ({@code publicBaseUrl} + path + query), as behind a TLS proxy,
 * and the {@link WebhookResult} becomes the HTTP answer (Accepted/Ignored 200 with the adapter's
 * {@link ChannelAdapter#okReply()} body, Rejected its status, Challenge 200 text/plain). Every result is kept for assertions. Tests post to it as the provider would.
 */
public final class WebhookServer implements AutoCloseable {

    /** What the caller got back, and what the adapter made of it. */
    public record Answer(int status, String body, WebhookResult result) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String publicBaseUrl;
    private final Map<String, ChannelAdapter> adapters = new ConcurrentHashMap<>();
    private final List<WebhookResult> results = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    private WebhookServer(HttpServer server, ExecutorService executor, String publicBaseUrl) {
        this.server = server;
        this.executor = executor;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** @param publicBaseUrl what providers are told to call, e.g. {@code https://jisr.example.gov} */
    public static WebhookServer start(String publicBaseUrl, ChannelAdapter... adapters) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "webhook-server");
                t.setDaemon(true);
                return t;
            });
            WebhookServer ws = new WebhookServer(server, executor, publicBaseUrl.replaceAll("/+$", ""));
            for (ChannelAdapter a : adapters) {
                ws.adapters.put(a.channel(), a);
            }
            server.createContext("/webhooks/", ws::serve);
            server.setExecutor(executor);
            server.start();
            return ws;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start webhook server", e);
        }
    }

    /** Where the server really listens, e.g. {@code http://127.0.0.1:41234}. */
    public URI localUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** The public URL providers sign for {@code pathAndQuery}. */
    public String publicUrl(String pathAndQuery) {
        return publicBaseUrl + pathAndQuery;
    }

    public List<WebhookResult> results() {
        return List.copyOf(results);
    }

    /** POSTs {@code body} to {@code /webhooks/<channel>} with {@code headers} (name, value, name, value…). */
    public Answer post(String channel, byte[] body, String... headers) {
        return call("POST", "/webhooks/" + channel, body, headers);
    }

    public Answer get(String pathAndQuery, String... headers) {
        return call("GET", pathAndQuery, null, headers);
    }

    public Answer call(String method, String pathAndQuery, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(localUrl().resolve(pathAndQuery)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        int before = results.size();
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            WebhookResult result = results.size() > before ? results.get(results.size() - 1) : null;
            return new Answer(r.statusCode(), r.body(), result);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String path = exchange.getRequestURI().getRawPath();
            ChannelAdapter adapter = adapters.get(path.substring("/webhooks/".length()));
            if (adapter == null) {
                respond(exchange, 404, "no channel at " + path);
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
            WebhookRequest request = new WebhookRequest(exchange.getRequestMethod(),
                    publicBaseUrl + path + (query == null ? "" : "?" + query), headers, queryParams(query),
                    in.readAllBytes());
            WebhookResult result = adapter.handle(request);
            results.add(result);
            switch (result) {
                case WebhookResult.Accepted a -> ok(exchange, adapter);
                case WebhookResult.Ignored i -> ok(exchange, adapter);
                case WebhookResult.Rejected r -> respond(exchange, r.status(), r.message());
                case WebhookResult.Challenge c -> respond(exchange, 200, c.body());
            }
        }
    }

    private static Map<String, List<String>> queryParams(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /** 200 with the body the provider expects (Twilio: empty TwiML), as the gateway answers. */
    private static void ok(HttpExchange exchange, ChannelAdapter adapter) throws IOException {
        var reply = adapter.okReply();
        respond(exchange, 200, reply.map(r -> r.body()).orElse(""),
                reply.map(r -> r.contentType()).orElse("text/plain; charset=utf-8"));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, body, "text/plain; charset=utf-8");
    }

    private static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
