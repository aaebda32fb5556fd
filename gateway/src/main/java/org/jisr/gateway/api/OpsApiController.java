package org.jisr.gateway.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.inbound.Intake;
import org.jisr.gateway.ops.Mask;
import org.jisr.gateway.outbound.Outbox;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.Store;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead letters (list, requeue) and a first, read-only list of open escalation cases. */
@RestController
public class OpsApiController {

    static final List<String> QUEUES = List.of(Intake.QUEUE, Outbox.REPLY_QUEUE, Outbox.BULK_QUEUE);

    private final Store store;
    private final EscalationService cases;

    public OpsApiController(Store store, EscalationService cases) {
        this.store = store;
        this.cases = cases;
    }

    @GetMapping("/api/v1/dead-letters")
    public List<DurableQueue.DeadLetter> deadLetters(@RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ApiException(400, "limit: must be between 1 and 1000");
        }
        List<DurableQueue.DeadLetter> out = new ArrayList<>();
        for (String q : QUEUES) {
            out.addAll(store.queue(q).deadLetters(limit));
        }
        return out;
    }

    @PostMapping("/api/v1/dead-letters/{queue}/{id}/requeue")
    public Map<String, Object> requeue(@PathVariable String queue, @PathVariable String id) {
        if (!QUEUES.contains(queue)) {
            throw new ApiException(404, "queue: no queue '" + queue + "' (" + String.join(", ", QUEUES) + ")");
        }
        if (!store.queue(queue).requeue(id)) {
            throw new ApiException(404, "no dead letter '" + id + "' in queue '" + queue + "'");
        }
        return Map.of("requeued", id, "queue", queue);
    }

    /** Open cases, oldest first (the escalation work adds priority, claim and reply). */
    @GetMapping("/api/v1/escalations")
    public List<Map<String, Object>> escalations(@RequestParam(name = "status", defaultValue = "open") String status) {
        if (!status.equals("open")) {
            throw new ApiException(400, "status: only \"open\" is supported so far");
        }
        return cases.listOpen(500).stream().map(OpsApiController::view).toList();
    }

    static Map<String, Object> view(Case c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("channel", c.channel());
        m.put("person", Mask.address(c.sender()));
        m.put("lang", c.lang());
        m.put("question", c.question());
        m.put("near_misses", c.nearMisses());
        m.put("created_at", c.createdAt().toString());
        m.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("messages", c.messages());
        m.put("deliveries", c.deliveries());
        return m;
    }

    @GetMapping("/api/v1/escalations/{id}")
    public ResponseEntity<Map<String, Object>> escalation(@PathVariable String id) {
        return cases.get(id).map(c -> ResponseEntity.ok(view(c))).orElseThrow(() -> new ApiException(404, "no case '" + id + "'"));
    }
}
