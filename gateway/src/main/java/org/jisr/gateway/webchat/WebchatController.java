package org.jisr.gateway.webchat;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jisr.bots.webchat.WebchatAdapter;
import org.jisr.gateway.store.Store;
import org.jisr.gateway.webhook.WebhookController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The web chat's endpoints: a session (signed visitor cookie), sending (through the same intake as every
 * webhook), and receiving replies as server-sent events read from the visitor's feed in the store — so a
 * reply sent by any node, including a later staff reply, reaches the open page.
 */
@RestController
public class WebchatController {

    static final Duration POLL = Duration.ofMillis(250);
    static final Duration STREAM_FOR = Duration.ofMinutes(5); // the browser reconnects with Last-Event-ID

    private final WebchatAdapter adapter;
    private final WebhookController webhooks;
    private final Store store;

    public WebchatController(WebchatAdapter adapter, WebhookController webhooks, Store store) {
        this.adapter = adapter;
        this.webhooks = webhooks;
        this.store = store;
    }

    /** Returns the visitor id, issuing a new signed cookie when there is none (or it is not valid). */
    @GetMapping("/webchat/session")
    public Map<String, String> session(HttpServletRequest req, HttpServletResponse res) {
        Optional<String> visitor = visitor(req);
        if (visitor.isPresent()) {
            return Map.of("visitor", visitor.get());
        }
        String token = adapter.newSessionToken();
        Cookie c = new Cookie(WebchatAdapter.COOKIE, token);
        c.setHttpOnly(true);
        c.setPath("/");
        c.setMaxAge((int) Duration.ofDays(30).toSeconds());
        c.setAttribute("SameSite", "Strict");
        c.setSecure(req.isSecure());
        res.addCookie(c);
        return Map.of("visitor", adapter.verify(token).orElseThrow());
    }

    @PostMapping("/webchat/send")
    public ResponseEntity<?> send(HttpServletRequest req) {
        return webhooks.handle(adapter, req);
    }

    @GetMapping(path = "/webchat/events", produces = "text/event-stream")
    public Object events(HttpServletRequest req, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "after", required = false) String after) {
        Optional<String> visitor = visitor(req);
        if (visitor.isEmpty()) {
            return ResponseEntity.status(403).body(Map.of("error", "no web chat session: call /webchat/session first", "status", 403));
        }
        String start = lastEventId != null ? lastEventId : after != null ? after : store.lastId(store.keys().webchatBox(visitor.get()));
        if (!start.matches("\\d+(-\\d+)?")) {
            return ResponseEntity.badRequest().body(Map.of("error", "after: not an event id", "status", 400));
        }
        SseEmitter emitter = new SseEmitter(STREAM_FOR.toMillis() + 5000);
        String key = store.keys().webchatBox(visitor.get());
        Thread.ofVirtual().name("webchat-sse").start(() -> stream(emitter, key, start));
        return emitter;
    }

    private void stream(SseEmitter emitter, String key, String from) {
        String position = from;
        long end = System.nanoTime() + STREAM_FOR.toNanos();
        long lastBeat = System.nanoTime();
        try {
            emitter.send(SseEmitter.event().comment("connected"));
            while (System.nanoTime() < end) {
                for (Store.FeedEntry e : store.readAfter(key, position, 50, Duration.ZERO)) {
                    emitter.send(SseEmitter.event().id(e.id()).name("message").data(e.fields().get("msg"), org.springframework.http.MediaType.APPLICATION_JSON));
                    position = e.id();
                }
                if (System.nanoTime() - lastBeat > Duration.ofSeconds(15).toNanos()) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    lastBeat = System.nanoTime();
                }
                Thread.sleep(POLL.toMillis());
            }
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            end(emitter, e); // the page went away
        } catch (InterruptedException e) {
            end(emitter, null);
        } catch (RuntimeException e) {
            end(emitter, e);
        }
    }

    /** Ends the stream; a page that went away may have completed the request already, which is no error of ours. */
    private static void end(SseEmitter emitter, Throwable error) {
        try {
            if (error == null) {
                emitter.complete();
            } else {
                emitter.completeWithError(error);
            }
        } catch (IllegalStateException alreadyCompleted) {
            // nothing left to end: an exception here would escape the stream's thread uncaught
        }
    }

    private Optional<String> visitor(HttpServletRequest req) {
        if (req.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie c : req.getCookies()) {
            if (WebchatAdapter.COOKIE.equals(c.getName())) {
                return adapter.verify(c.getValue());
            }
        }
        return Optional.empty();
    }
}
