package org.jisr.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jisr.gateway.inbound.Intake;
import org.jisr.gateway.outbound.Outbox;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.Store;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead letters: list and requeue (ADMIN). */
@RestController
public class OpsApiController {

    static final List<String> QUEUES = List.of(Intake.QUEUE, Outbox.REPLY_QUEUE, Outbox.BULK_QUEUE);

    private final Store store;

    public OpsApiController(Store store) {
        this.store = store;
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
}
