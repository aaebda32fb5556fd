package org.jisr.bots.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A provider's API on 127.0.0.1 and an ephemeral port: every request is recorded, and answered from a script —
 * rules of method + path pattern (optionally + a body pattern, tried first), each with replies used in order (the
 * last one repeats). A request no rule matches gets 404 with a JSON body naming it.
 *
 * <pre>{@code
 * try (FakeProvider telegram = FakeProvider.start()) {
 *     telegram.on("POST", "/sendMessage$").reply(Reply.json(429, RATE_LIMITED)).reply(Reply.json(200, SENT));
 *     ... adapter with TELEGRAM_API_URL = telegram.baseUrl() ...
 *     assertThat(telegram.requests("/sendMessage$")).hasSize(2);
 * }
 * }</pre>
 */
public final class FakeProvider implements AutoCloseable {

    /** One scripted answer. */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(headers);
            h.put(name, value);
            return new Reply(status, h, body, delay);
        }

        /** Answers only after {@code wait} (a long poll with nothing new). */
        public Reply after(Duration wait) {
            return new Reply(status, headers, body, wait);
        }
    }

    /** One request as the provider received it. */
    public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
            byte[] body) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.getFirst();
        }

        /** The body as form parameters (application/x-www-form-urlencoded). */
        public Map<String, String> form() {
            return Forms.parse(bodyText());
        }
    }

    /** The replies of one rule. */
    public static final class Script {
        private final String method;
        private final Pattern path;
        private final Deque<Reply> replies = new ArrayDeque<>();
        private volatile Pattern body;

        private Script(String method, Pattern path) {
            this.method = method;
            this.path = path;
        }

        /**
         * Narrows the rule to requests whose body (as sent, or URL-decoded for forms) contains a match of
         * {@code regex} — e.g. one recipient. Such rules are tried before rules without a body condition, so a
         * test can script one person's replies on a provider shared by many cases.
         */
        public Script whenBody(String regex) {
            this.body = Pattern.compile(regex);
            return this;
        }

        public Script reply(Reply reply) {
            synchronized (replies) {
                replies.add(reply);
            }
            return this;
        }

        public Script reply(int status, String jsonBody) {
            return reply(Reply.json(status, jsonBody));
        }

        boolean matches(String m, String p, String bodyText) {
            if (!method.equalsIgnoreCase(m) || !path.matcher(p).find()) {
                return false;
            }
            Pattern b = body;
            return b == null || b.matcher(bodyText).find() || b.matcher(decoded(bodyText)).find();
        }

        boolean hasBodyCondition() {
            return body != null;
        }

        private static String decoded(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) { // not a form: the raw text was already tried
                return text;
            }
        }

        Reply next() {
            synchronized (replies) {
                return replies.size() > 1 ? replies.poll() : replies.peek();
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Script> scripts = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    private FakeProvider(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static FakeProvider start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-provider");
                t.setDaemon(true);
                return t;
            });
            FakeProvider fake = new FakeProvider(server, executor);
            server.createContext("/", fake::serve);
            server.setExecutor(executor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start fake provider", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without trailing slash. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** A rule for requests with this method whose path contains a match of {@code pathRegex} (any case: Bot API method names are). */
    public Script on(String method, String pathRegex) {
        Script script = new Script(method, Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE));
        scripts.add(script);
        return script;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(String pathRegex) {
        Pattern p = Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE);
        return requests.stream().filter(r -> p.matcher(r.path()).find()).toList();
    }

    /** Waits until at least {@code count} requests matched {@code pathRegex}; returns them. */
    public List<RecordedRequest> awaitRequests(String pathRegex, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<RecordedRequest> found = requests(pathRegex);
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " requests to " + pathRegex + " within " + timeout
                        + ", got " + found.size() + "; all: " + requests.stream().map(RecordedRequest::path).toList());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            requests.add(new RecordedRequest(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    headers, body));
            String text = new String(body, StandardCharsets.UTF_8);
            Reply reply = scripts.stream().filter(s -> s.matches(exchange.getRequestMethod(), path, text))
                    .sorted(Comparator.comparing(s -> !s.hasBodyCondition())) // stable: narrower rules first
                    .map(Script::next).filter(r -> r != null).findFirst()
                    .orElse(Reply.json(404, "{\"error\":\"no script for " + exchange.getRequestMethod() + " "
                            + path.replaceAll("[\"\\\\]", "") + "\"}"));
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** All recorded paths, for failure messages. */
    public List<String> paths() {
        List<String> out = new ArrayList<>();
        requests.forEach(r -> out.add(r.method() + " " + r.path()));
        return out;
    }
}
