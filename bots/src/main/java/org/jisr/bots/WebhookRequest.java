package org.jisr.bots;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A provider's HTTP call, as received, without servlet types.
 *
 * @param method  "GET" or "POST"
 * @param url     the full public URL the provider called (PUBLIC_BASE_URL + path + query), used by signatures
 * @param headers header name (any case) → values
 * @param query   query parameters
 * @param body    the raw body bytes, exactly as received (signatures are computed over them)
 */
public record WebhookRequest(String method, String url, Map<String, List<String>> headers,
        Map<String, List<String>> query, byte[] body) {

    public WebhookRequest {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        }
        headers = java.util.Collections.unmodifiableMap(h);
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isPost() {
        return "POST".equals(method.toUpperCase(Locale.ROOT));
    }
}
