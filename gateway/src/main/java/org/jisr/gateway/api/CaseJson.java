package org.jisr.gateway.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.ops.Mask;

/** The API's view of a case (snake_case fields; the person's address masked). */
public final class CaseJson {

    private CaseJson() {
    }

    static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    public static Map<String, Object> of(Case c, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("channel", c.channel());
        m.put("person", Mask.address(c.sender()));
        m.put("lang", c.lang());
        m.put("question", c.question());
        m.put("status", lower(c.status()));
        m.put("priority", lower(c.priority()));
        m.put("journalist", c.journalist() == null ? null : Map.of("name", c.journalist().name(), "outlet", c.journalist().outlet()));
        m.put("created_at", time(c.createdAt()));
        m.put("due_at", time(c.dueAt()));
        m.put("overdue", c.open() && c.dueAt() != null && c.dueAt().isBefore(now));
        m.put("claimed_by", c.claimedBy());
        m.put("claimed_at", time(c.claimedAt()));
        m.put("answered_by", c.answeredBy());
        m.put("answered_at", time(c.answeredAt()));
        m.put("first_reply_at", time(c.firstReplyAt()));
        m.put("closed_by", c.closedBy());
        m.put("closed_at", time(c.closedAt()));
        m.put("reopened_at", time(c.reopenedAt()));
        m.put("near_misses", c.nearMisses().stream().map(n -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("article_id", n.articleId());
            x.put("question", n.question());
            x.put("confidence", n.confidence());
            return x;
        }).toList());
        m.put("messages", c.messages().stream().map(x -> {
            Map<String, Object> y = new LinkedHashMap<>();
            y.put("at", time(x.at()));
            y.put("from", x.from());
            y.put("by", x.by());
            y.put("text", x.text());
            return y;
        }).toList());
        m.put("deliveries", c.deliveries().stream().map(d -> {
            Map<String, Object> y = new LinkedHashMap<>();
            y.put("provider_message_id", d.providerMessageId());
            y.put("state", d.state());
            y.put("error", d.errorCode());
            y.put("at", time(d.at()));
            return y;
        }).toList());
        return m;
    }
}
