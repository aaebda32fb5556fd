package org.jisr.bots.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hc.core5.http.Header;
import org.jisr.bots.support.ProviderHttp;

import com.twilio.Twilio;
import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio SDK's transport, on {@link ProviderHttp} (the caller's thread, pooled connections). The SDK builds
 * {@code https://api.twilio.com/...} URLs itself; this client sends them to TWILIO_API_URL instead (same path and
 * query), which is how a test server or a proxy is reached. It makes one attempt per call: the outbound worker
 * retries with backoff and jitter.
 */
final class TwilioHttpClient extends HttpClient {

    private static final String USER_AGENT = "jisr twilio-java/" + Twilio.VERSION;

    private final URI base;
    private final ProviderHttp http = new ProviderHttp(Duration.ofSeconds(10), Duration.ofSeconds(30));
    /** The last response on this thread: ApiException carries no headers, and 429's Retry-After matters. */
    private final ThreadLocal<Response> lastResponse = new ThreadLocal<>();

    TwilioHttpClient(URI base) {
        this.base = base;
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        lastResponse.remove();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("User-Agent", USER_AGENT);
        if (request.requiresAuthentication()) {
            headers.put("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> h : request.getHeaderParams().entrySet()) {
            headers.put(h.getKey(), String.join(",", h.getValue()));
        }
        try {
            URI uri = target(request.constructURL());
            ProviderHttp.Reply reply;
            if (request.getMethod() == HttpMethod.GET) {
                reply = http.get(uri, headers);
            } else if (request.getContentType() == EnumConstants.ContentType.JSON) {
                reply = http.send(request.getMethod().toString(), uri, headers, "application/json", request.getBody());
            } else {
                reply = http.send(request.getMethod().toString(), uri, headers, "application/x-www-form-urlencoded",
                        request.encodeFormBody());
            }
            Response result = new Response(reply.body(), reply.status(), reply.headers());
            lastResponse.set(result);
            return result;
        } catch (IOException e) {
            throw new ApiConnectionException("Twilio unreachable: " + e, e);
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
