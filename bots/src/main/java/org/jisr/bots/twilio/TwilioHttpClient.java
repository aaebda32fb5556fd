package org.jisr.bots.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient.Redirect;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

import com.twilio.Twilio;
import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio SDK's transport, on the JDK HTTP client. The SDK builds {@code https://api.twilio.com/...} URLs
 * itself; this client sends them to TWILIO_API_URL instead (same path and query), which is how a test server or
 * a proxy is reached. It makes one attempt per call: the outbound worker retries with backoff and jitter.
 */
final class TwilioHttpClient extends HttpClient {

    private final URI base;
    private final java.net.http.HttpClient http;
    /** The last response on this thread: ApiException carries no headers, and 429's Retry-After matters. */
    private final ThreadLocal<Response> lastResponse = new ThreadLocal<>();

    TwilioHttpClient(URI base) {
        this.base = base;
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(Redirect.NEVER)
                .build();
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        lastResponse.remove();
        HttpRequest.Builder builder = HttpRequest.newBuilder(target(request.constructURL()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("User-Agent", "jisr twilio-java/" + Twilio.VERSION);
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> h : request.getHeaderParams().entrySet()) {
            for (String value : h.getValue()) {
                builder.header(h.getKey(), value);
            }
        }
        if (request.getMethod() == HttpMethod.GET) {
            builder.GET();
        } else if (request.getContentType() == EnumConstants.ContentType.JSON) {
            builder.header("Content-Type", "application/json")
                    .method(request.getMethod().toString(), HttpRequest.BodyPublishers.ofString(request.getBody()));
        } else {
            builder.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .method(request.getMethod().toString(),
                            HttpRequest.BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = http.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            List<Header> headers = new ArrayList<>();
            response.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(new BasicHeader(name, v))));
            Response result = new Response(response.body(), response.statusCode(), headers.toArray(Header[]::new));
            lastResponse.set(result);
            return result;
        } catch (IOException e) {
            throw new ApiConnectionException("Twilio unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted while calling Twilio", e);
        }
    }

    /** A header of the last response this thread received, or null. */
    String lastResponseHeader(String name) {
        Response r = lastResponse.get();
        if (r == null || r.getHeaders() == null) {
            return null;
        }
        for (Header h : r.getHeaders()) {
            if (h.getName().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** {@code https://api.twilio.com/2010-04-01/...?q} → {@code TWILIO_API_URL/2010-04-01/...?q}. */
    URI target(URL sdkUrl) {
        try {
            URI sdk = sdkUrl.toURI();
            String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
            String path = prefix + sdk.getRawPath();
            String query = sdk.getRawQuery() == null ? "" : "?" + sdk.getRawQuery();
            String port = base.getPort() == -1 ? "" : ":" + base.getPort();
            return new URI(base.getScheme() + "://" + base.getHost() + port + path + query);
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("cannot rewrite Twilio URL: " + e.getMessage(), e);
        }
    }
}
