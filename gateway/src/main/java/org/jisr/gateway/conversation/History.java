package org.jisr.gateway.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.Store;

/** Conversation history per person for staff context, capped by count and kept for a limited time. */
public final class History {

    /** One line of a conversation; {@code from} is "person", "bot" or "staff". */
    public record Turn(Instant at, String from, String text) {
    }

    private final Store store;
    private final int max;
    private final Duration ttl;

    public History(Store store, int max, Duration ttl) {
        this.store = store;
        this.max = max;
        this.ttl = ttl;
    }

    public void add(String personKey, Turn turn) {
        store.pushCapped(store.keys().history(personKey), Json.write(turn), max, ttl);
    }

    /** Adds lines oldest first (the newest ends up first), in one write; none: no write. */
    public void addAll(String personKey, List<Turn> turns) {
        if (!turns.isEmpty()) {
            store.pushCappedAll(store.keys().history(personKey), turns.stream().map(Json::write).toList(), max, ttl);
        }
    }

    /** Adds with the batch's other writes. */
    public void addAll(String personKey, List<Turn> turns, Store.Batch batch) {
        if (!turns.isEmpty()) {
            batch.pushCappedAll(store.keys().history(personKey), turns.stream().map(Json::write).toList(), max, ttl);
        }
    }

    /** Newest first. */
    public List<Turn> recent(String personKey, int n) {
        return store.latest(store.keys().history(personKey), n).stream().map(s -> Json.read(s, Turn.class)).toList();
    }
}
