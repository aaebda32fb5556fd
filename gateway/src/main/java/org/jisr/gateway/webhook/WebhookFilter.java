package org.jisr.gateway.webhook;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@code GET|POST /webhooks/{channel}} directly, ahead of Spring Security's filter chain and MVC's dispatch:
 * webhooks are authenticated by the providers' signatures (the security chain only permitted them), and at
 * thousands of calls a second the chain and the dispatch cost more CPU than verifying and enqueuing. Any other
 * path or method under /webhooks goes on to MVC as before.
 */
final class WebhookFilter implements Filter {

    static final String PREFIX = "/webhooks/";

    private final WebhookHandler handler;

    WebhookFilter(WebhookHandler handler) {
        this.handler = handler;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String channel = channelOf(request);
        String method = request.getMethod();
        if (channel == null || !("POST".equals(method) || "GET".equals(method))) {
            chain.doFilter(req, res);
            return;
        }
        write(handler.route(channel, request), (HttpServletResponse) res);
    }

    /** The channel of {@code /webhooks/{channel}} (one non-empty segment), else null. */
    static String channelOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PREFIX) || path.length() == PREFIX.length() || path.indexOf('/', PREFIX.length()) >= 0
                || path.indexOf(';') >= 0 || path.indexOf('%') >= 0) {
            return null;
        }
        return path.substring(PREFIX.length());
    }

    static void write(WebhookHandler.Answer a, HttpServletResponse res) throws IOException {
        res.setStatus(a.status());
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Cache-Control", "no-store");
        if (a.retryAfter() != null) {
            res.setHeader("Retry-After", a.retryAfter());
        }
        if (a.body() == null) {
            res.setContentLength(0);
            return;
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        res.setContentType(a.contentType() == null ? "text/plain" : a.contentType());
        res.setCharacterEncoding(StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}
