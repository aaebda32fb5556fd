package org.jisr.gateway.webhook;

import jakarta.servlet.http.HttpServletRequest;
import org.jisr.bots.ChannelAdapter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook endpoint as an MVC mapping, for what {@link WebhookFilter} does not serve itself (the filter answers
 * {@code GET|POST /webhooks/{channel}} before MVC), and the web chat's send endpoint. Same {@link WebhookHandler}.
 */
@RestController
public class WebhookController {

    /** Largest webhook body accepted. */
    public static final int MAX_BODY = WebhookHandler.MAX_BODY;

    private final WebhookHandler handler;

    public WebhookController(WebhookHandler handler) {
        this.handler = handler;
    }

    @RequestMapping(path = "/webhooks/{channel}", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<?> webhook(@PathVariable String channel, HttpServletRequest request) {
        return entity(handler.route(channel, request));
    }

    /** Shared with the web chat's own endpoint. */
    public ResponseEntity<?> handle(ChannelAdapter adapter, HttpServletRequest request) {
        return entity(handler.handle(adapter, request));
    }

    static ResponseEntity<?> entity(WebhookHandler.Answer a) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(a.status());
        if (a.retryAfter() != null) {
            b.header("Retry-After", a.retryAfter());
        }
        if (a.body() == null) {
            return b.build();
        }
        return b.contentType(MediaType.parseMediaType(a.contentType())).body(a.body());
    }
}
