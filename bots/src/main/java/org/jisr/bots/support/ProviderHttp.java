package org.jisr.bots.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Calls to a provider's REST API on Apache HttpClient 5 (classic, pooled keep-alive connections). The call runs on
 * the caller's thread: the JDK client hands every exchange between its own threads, which cost more CPU per send
 * than building the request. One attempt per call, no redirects: the outbound worker retries with backoff.
 */
public final class ProviderHttp {

    /** Up to this many calls to one provider at once (the outbound workers of a node are fewer). */
    static final int CONNECTIONS = 64;

    /** A provider's answer: status, headers (first value by name, any case) and body as text. */
    public record Reply(int status, Header[] headers, String body) {

        public String header(String name) {
            for (Header h : headers) {
                if (h.getName().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }

    private final CloseableHttpClient client;

    public ProviderHttp(Duration connectTimeout, Duration responseTimeout) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(CONNECTIONS)
                .setMaxConnPerRoute(CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        // a keep-alive connection the provider closed while idle is found before it is used
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    public Reply get(URI uri, Map<String, String> headers) throws IOException {
        return call(ClassicRequestBuilder.get(uri), headers, null, null);
    }

    /** Sends {@code body} (UTF-8) with the method and content type given, e.g. POST and application/json. */
    public Reply send(String method, URI uri, Map<String, String> headers, String contentType, String body) throws IOException {
        return call(ClassicRequestBuilder.create(method).setUri(uri), headers, contentType, body);
    }

    private Reply call(ClassicRequestBuilder request, Map<String, String> headers, String contentType, String body)
            throws IOException {
        headers.forEach(request::addHeader);
        if (body != null) {
            request.setEntity(new StringEntity(body, ContentType.parse(contentType).withCharset(StandardCharsets.UTF_8)));
        }
        return client.execute(request.build(), response -> new Reply(response.getCode(), response.getHeaders(),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
    }
}
