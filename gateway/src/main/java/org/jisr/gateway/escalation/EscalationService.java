package org.jisr.gateway.escalation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.Store;

/**
 * Cases in the store: the record as JSON (changed by compare-and-set, so nodes never overwrite each other),
 * the open case of each person, and an index per status ordered by creation time.
 */
public final class EscalationService {

    private final Store store;
    private final Clock clock;

    public EscalationService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Opens a case, idempotently: the id derives from the inbound message, so handling the same message
     * twice (after a worker died) opens one case.
     */
    public Case open(String id, String channel, String sender, String personKey, String lang, String question,
            List<Case.NearMiss> nearMisses) {
        Case c = new Case(id, channel, sender, personKey, lang, question, nearMisses, clock.instant(), Case.Status.OPEN,
                List.of(new Case.Message(clock.instant(), "person", question)), List.of());
        if (store.putIfAbsent(store.keys().caseRecord(id), Json.write(c), null)) {
            store.indexAdd(store.keys().caseIndex("open"), id, c.createdAt().toEpochMilli());
            store.put(store.keys().openCaseOf(personKey), id, null);
            return c;
        }
        return get(id).orElseThrow();
    }

    public Optional<Case> get(String id) {
        return store.get(store.keys().caseRecord(id)).map(s -> Json.read(s, Case.class));
    }

    /** The person's open case, if any. */
    public Optional<Case> openCaseOf(String personKey) {
        return store.get(store.keys().openCaseOf(personKey)).flatMap(this::get).filter(Case::open);
    }

    /** Adds what the person wrote while the case is open. */
    public Case join(String caseId, String from, String text) {
        return update(caseId, c -> c.withMessage(new Case.Message(clock.instant(), from, text)));
    }

    public Case recordDelivery(String caseId, Case.Delivery d) {
        return update(caseId, c -> c.withDelivery(d));
    }

    /** Open cases, oldest first. */
    public List<Case> listOpen(int limit) {
        return store.indexRange(store.keys().caseIndex("open"), 0, limit).stream()
                .map(this::get).flatMap(Optional::stream).toList();
    }

    public long openCount() {
        return store.indexSize(store.keys().caseIndex("open"));
    }

    /** Read-modify-write with compare-and-set, retried on conflict. */
    public Case update(String caseId, UnaryOperator<Case> change) {
        String key = store.keys().caseRecord(caseId);
        for (int i = 0; i < 50; i++) {
            String cur = store.get(key).orElseThrow(() -> new IllegalArgumentException("no case " + caseId));
            Case next = change.apply(Json.read(cur, Case.class));
            if (store.compareAndSet(key, cur, Json.write(next), null)) {
                return next;
            }
        }
        throw new IllegalStateException("case " + caseId + " changed too often to update");
    }
}
