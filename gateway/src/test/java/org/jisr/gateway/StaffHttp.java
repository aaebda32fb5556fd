package org.jisr.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Real HTTP calls to a test gateway: API calls with Basic credentials, webhooks of the test channel. */
public final class StaffHttp {

    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public StaffHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** method, path, credentials ("user:password" or null), JSON body or null. */
    public HttpResponse<String> call(String method, String path, String credentials, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (credentials != null) {
            int i = credentials.indexOf(':');
            b.header("Authorization", basic(credentials.substring(0, i), credentials.substring(i + 1)));
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message from a person through the test channel's webhook. */
    public HttpResponse<String> webhook(String id, String from, String text) {
        String body = Json.write(java.util.Map.of("id", id, "from", from, "text", text));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/test")).header("X-Test-Signature", "ok")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
