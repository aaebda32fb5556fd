package org.jisr.gateway.escalation;

import org.jisr.gateway.ActionException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jisr.gateway.Json;
import org.jisr.gateway.config.ConsoleSettings;
import org.jisr.gateway.escalation.Case.Priority;
import org.jisr.gateway.escalation.Case.Status;
import org.jisr.gateway.stats.Counters;
import org.jisr.gateway.store.Store;

/**
 * Cases in the store. The record is JSON changed only by compare-and-set (a Lua script on Redis), so every
 * state change — above all a claim — is atomic across nodes: of two staff claiming one case, exactly one wins.
 * Indexes: open cases (OPEN and CLAIMED) ordered by priority then age, answered and closed cases newest first,
 * the cases each staff member holds (for the claim cap), and each person's latest case.
 * <p>Index updates are not in the same step as the record, so they are ordered to never lose a case: a case
 * is added to the open index <em>before</em> it becomes open and removed only <em>after</em> it stopped being
 * open; readers check the record and drop stale index entries.
 */
public final class EscalationService {

    /** Open index score: priority rank, then creation time (fits a double exactly for centuries). */
    static final double RANK = 1e13;
    static final String OPEN_INDEX = "open";
    static final String ANSWERED_INDEX = "answered";
    static final String CLOSED_INDEX = "closed";

    private final Store store;
    private final Clock clock;
    private final ConsoleSettings settings;
    private final Journalists journalists;
    private final Counters counters;

    public EscalationService(Store store, Clock clock) {
        this(store, clock, ConsoleSettings.defaults(), new Journalists(store), null);
    }

    public EscalationService(Store store, Clock clock, ConsoleSettings settings, Journalists journalists, Counters counters) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.journalists = journalists;
        this.counters = counters;
    }

    public ConsoleSettings settings() {
        return settings;
    }

    public Journalists journalists() {
        return journalists;
    }

    /** A short, URL-safe case id derived from the inbound message key (deterministic, so opening is idempotent). */
    static String idFor(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford's base32: no i, l, o, u
            StringBuilder sb = new StringBuilder("c-");
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (h[i] & 0xff);
            }
            for (int i = 0; i < 12; i++) {
                sb.append(alphabet.charAt((int) (bits >>> (64 - 5 * (i + 1)) & 31)));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static double openScore(Priority p, Instant createdAt) {
        return p.ordinal() * RANK + createdAt.toEpochMilli();
    }

    /**
     * Opens a case, idempotently: the id derives from the inbound message ({@code key}), so handling the same
     * message twice (after a worker died) opens one case. A verified journalist's case starts at HIGH with the
     * journalist SLA.
     */
    public Case open(String key, String channel, String sender, String personKey, String lang, String question,
            List<Case.NearMiss> nearMisses) {
        String id = idFor(key);
        Optional<Case> existing = get(id);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        Optional<Journalists.Journalist> j = journalists.find(channel, sender);
        Priority p = j.isPresent() ? Priority.HIGH : Priority.NORMAL;
        Case c = new Case(id, channel, sender, personKey, lang, question, nearMisses, now, Status.OPEN,
                List.of(new Case.Message(now, "person", question)), List.of(), p, j.map(Journalists.Journalist::mark).orElse(null),
                now.plus(settings.slaFor(p, j.isPresent())), null, null, null, null, null, null, null, null, 0);
        store.indexAdd(store.keys().caseIndex(OPEN_INDEX), id, openScore(p, now)); // first: never an open case outside the index
        if (store.putIfAbsent(store.keys().caseRecord(id), Json.write(c), null)) {
            store.put(store.keys().openCaseOf(personKey), id, null);
            if (counters != null) {
                counters.unanswered(channel, lang, question);
            }
            return c;
        }
        return get(id).orElseThrow();
    }

    public Optional<Case> get(String id) {
        if (id == null || !id.matches("[A-Za-z0-9:._-]{1,200}")) {
            return Optional.empty();
        }
        return store.get(store.keys().caseRecord(id)).map(s -> Json.read(s, Case.class));
    }

    /** The person's open case, if any. */
    public Optional<Case> openCaseOf(String personKey) {
        return latestOf(personKey).filter(Case::open);
    }

    /** The person's latest case, whatever its status. */
    public Optional<Case> latestOf(String personKey) {
        return store.get(store.keys().openCaseOf(personKey)).flatMap(this::get);
    }

    /**
     * The case the person's new message belongs to: the open one, or an answered one still within the reopen
     * window (which {@link #join} reopens).
     */
    public Optional<Case> caseToJoin(String personKey) {
        return latestOf(personKey).filter(c -> c.open() || reopenable(c, clock.instant()));
    }

    boolean reopenable(Case c, Instant now) {
        return c.status() == Status.ANSWERED && c.answeredAt() != null && !settings.reopenWindow().isZero()
                && c.answeredAt().plus(settings.reopenWindow()).isAfter(now);
    }

    /** Adds what the person wrote; an answered case within the reopen window goes back to OPEN. */
    public Case join(String caseId, String from, String text) {
        Instant now = clock.instant();
        Case cur = get(caseId).orElseThrow(() -> new ActionException(404, "no case '" + caseId + "'"));
        if ("person".equals(from) && reopenable(cur, now)) {
            store.indexAdd(store.keys().caseIndex(OPEN_INDEX), caseId, openScore(cur.priority(), cur.createdAt()));
        }
        Case next = update(caseId, c -> {
            Case.Edit e = c.edit();
            e.messages.add(new Case.Message(now, from, text));
            if ("person".equals(from) && reopenable(c, now)) {
                e.status = Status.OPEN;
                e.claimedBy = null;
                e.claimedAt = null;
                e.reopenedAt = now;
                e.reopenCount = c.reopenCount() + 1;
                e.dueAt = now.plus(settings.slaFor(c.priority(), c.journalist() != null));
            }
            return e.done();
        });
        if (next.status() == Status.OPEN && cur.status() == Status.ANSWERED) {
            store.indexRemove(store.keys().caseIndex(ANSWERED_INDEX), caseId);
        }
        return next;
    }

    public Case recordDelivery(String caseId, Case.Delivery d) {
        return update(caseId, c -> c.withDelivery(d));
    }

    /** Open cases (OPEN and CLAIMED), most urgent first, oldest first within a priority. */
    public List<Case> listOpen(int limit) {
        return list(Filter.OPEN, limit);
    }

    public long openCount() {
        return store.indexSize(store.keys().caseIndex(OPEN_INDEX));
    }

    /** Which cases to list. */
    public enum Filter {
        /** OPEN and CLAIMED: waiting for a staff answer. */
        OPEN(OPEN_INDEX, Case::open),
        UNCLAIMED(OPEN_INDEX, c -> c.status() == Status.OPEN),
        CLAIMED(OPEN_INDEX, c -> c.status() == Status.CLAIMED),
        ANSWERED(ANSWERED_INDEX, c -> c.status() == Status.ANSWERED),
        CLOSED(CLOSED_INDEX, c -> c.status() == Status.CLOSED);

        final String index;
        final Predicate<Case> keep;

        Filter(String index, Predicate<Case> keep) {
            this.index = index;
            this.keep = keep;
        }

        public static Optional<Filter> of(String s) {
            for (Filter f : values()) {
                if (f.name().equalsIgnoreCase(s)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** Cases of one filter in index order (open: priority then age; answered/closed: newest first). */
    public List<Case> list(Filter f, int limit) {
        String index = store.keys().caseIndex(f.index);
        List<Case> out = new ArrayList<>();
        int offset = 0;
        while (out.size() < limit) {
            List<String> ids = store.indexRange(index, offset, Math.max(50, limit));
            if (ids.isEmpty()) {
                break;
            }
            offset += ids.size();
            for (String id : ids) {
                Optional<Case> c = get(id);
                if (c.isEmpty() || !inIndex(c.get(), f.index)) {
                    store.indexRemove(index, id); // stale: the record moved on
                    offset--;
                } else if (f.keep.test(c.get()) && out.size() < limit) {
                    out.add(c.get());
                }
            }
        }
        return out;
    }

    private static boolean inIndex(Case c, String index) {
        return switch (index) {
            case OPEN_INDEX -> c.open();
            case ANSWERED_INDEX -> c.status() == Status.ANSWERED;
            default -> c.status() == Status.CLOSED;
        };
    }

    // --- staff actions (CaseDesk adds the audit, the outbound reply and the checks of roles)

    /**
     * Claims an OPEN case for {@code staff}. Atomic across nodes: the record changes by compare-and-set from
     * OPEN, so of two staff claiming at once exactly one wins; the other gets a 409. The per-person cap is
     * held by an index of the cases each person holds, added to atomically only while below the cap.
     */
    public Case claim(String caseId, String staff) {
        Case cur = get(caseId).orElseThrow(() -> new ActionException(404, "no case '" + caseId + "'"));
        if (cur.status() == Status.CLAIMED && staff.equals(cur.claimedBy())) {
            return cur;
        }
        requireClaimable(cur, staff);
        take(caseId, staff);
        try {
            Instant now = clock.instant();
            return update(caseId, c -> {
                requireClaimable(c, staff);
                Case.Edit e = c.edit();
                e.status = Status.CLAIMED;
                e.claimedBy = staff;
                e.claimedAt = now;
                return e.done();
            });
        } catch (RuntimeException e) {
            store.indexRemove(store.keys().claimedBy(staff), caseId);
            throw e;
        }
    }

    private static void requireClaimable(Case c, String staff) {
        switch (c.status()) {
            case OPEN -> { }
            case CLAIMED -> throw new ActionException(409, staff.equals(c.claimedBy())
                    ? "you already hold this case" : "already claimed by " + c.claimedBy());
            case ANSWERED -> throw new ActionException(409, "already answered");
            case CLOSED -> throw new ActionException(409, "closed");
        }
    }

    /** Reserves a place under the staff member's cap (dropping entries of cases they no longer hold). */
    private void take(String caseId, String staff) {
        String held = store.keys().claimedBy(staff);
        if (store.indexAddIfBelow(held, caseId, clock.millis(), settings.claimCap())) {
            return;
        }
        for (String id : store.indexRange(held, 0, settings.claimCap() + 50)) {
            Optional<Case> c = get(id);
            // an OPEN case may be a claim in flight: keep it; anything else not held by staff is stale
            if (c.isEmpty() || c.get().status() != Status.OPEN && !(c.get().status() == Status.CLAIMED && staff.equals(c.get().claimedBy()))) {
                store.indexRemove(held, id);
            }
        }
        if (!store.indexAddIfBelow(held, caseId, clock.millis(), settings.claimCap())) {
            throw new ActionException(409, "you already hold " + settings.claimCap() + " cases (the limit): answer or release one first");
        }
    }

    /** Cases held by a staff member. */
    public List<Case> heldBy(String staff) {
        return store.indexRange(store.keys().claimedBy(staff), 0, settings.claimCap() + 50).stream().map(this::get)
                .flatMap(Optional::stream).filter(c -> c.status() == Status.CLAIMED && staff.equals(c.claimedBy())).toList();
    }

    /** Back to OPEN. Only the holder may release, unless {@code force} (an EDITOR or ADMIN). */
    public Case release(String caseId, String staff, boolean force) {
        String[] holder = new String[1];
        Case next = update(caseId, c -> {
            if (c.status() != Status.CLAIMED) {
                throw new ActionException(409, "not claimed");
            }
            if (!force && !staff.equals(c.claimedBy())) {
                throw new ActionException(403, "held by " + c.claimedBy() + ": only they or an editor may release it");
            }
            holder[0] = c.claimedBy();
            Case.Edit e = c.edit();
            e.status = Status.OPEN;
            e.claimedBy = null;
            e.claimedAt = null;
            return e.done();
        });
        store.indexRemove(store.keys().claimedBy(holder[0]), caseId);
        return next;
    }

    /** Gives an OPEN or CLAIMED case to {@code to} (an EDITOR or ADMIN action); {@code to}'s cap applies. */
    public Case reassign(String caseId, String to) {
        Case cur = get(caseId).orElseThrow(() -> new ActionException(404, "no case '" + caseId + "'"));
        if (!cur.open()) {
            throw new ActionException(409, "only an open case can be reassigned");
        }
        if (to.equals(cur.claimedBy())) {
            return cur;
        }
        take(caseId, to);
        String[] previous = new String[1];
        Case next;
        try {
            Instant now = clock.instant();
            next = update(caseId, c -> {
                if (!c.open()) {
                    throw new ActionException(409, "only an open case can be reassigned");
                }
                previous[0] = c.claimedBy();
                Case.Edit e = c.edit();
                e.status = Status.CLAIMED;
                e.claimedBy = to;
                e.claimedAt = now;
                return e.done();
            });
        } catch (RuntimeException e) {
            store.indexRemove(store.keys().claimedBy(to), caseId);
            throw e;
        }
        if (previous[0] != null) {
            store.indexRemove(store.keys().claimedBy(previous[0]), caseId);
        }
        return next;
    }

    /**
     * Records a staff reply (already on the outbound queue as {@code replyId}): the case becomes ANSWERED.
     * The caller checked {@link #requireReplyable} before sending.
     */
    public Case answered(String caseId, String staff, String text, String replyId) {
        Instant now = clock.instant();
        boolean[] first = new boolean[1];
        String[] holder = new String[1];
        Case next = update(caseId, c -> { // no checks here: the reply is already on its way (CaseDesk checked first)
            holder[0] = c.claimedBy();
            first[0] = c.firstReplyAt() == null;
            Case.Edit e = c.edit();
            e.messages.add(new Case.Message(now, "staff", text, staff, replyId));
            e.status = c.status() == Status.CLOSED ? Status.CLOSED : Status.ANSWERED;
            e.claimedBy = null;
            e.claimedAt = null;
            e.answeredBy = staff;
            e.answeredAt = now;
            if (first[0]) {
                e.firstReplyAt = now;
            }
            return e.done();
        });
        if (next.status() == Status.ANSWERED) {
            store.indexAdd(store.keys().caseIndex(ANSWERED_INDEX), caseId, -now.toEpochMilli());
        }
        store.indexRemove(store.keys().caseIndex(OPEN_INDEX), caseId);
        if (holder[0] != null) {
            store.indexRemove(store.keys().claimedBy(holder[0]), caseId);
        }
        if (first[0] && counters != null) {
            counters.staffReply(Duration.between(next.createdAt(), now));
        }
        return next;
    }

    /** Throws unless {@code staff} may reply to the case now: the holder, or anyone as a follow-up on an answered case. */
    public static void requireReplyable(Case c, String staff) {
        switch (c.status()) {
            case OPEN -> throw new ActionException(409, "not claimed: claim it first");
            case ANSWERED -> { }
            case CLAIMED -> {
                if (!staff.equals(c.claimedBy())) {
                    throw new ActionException(409, "held by " + c.claimedBy() + ": claim it first");
                }
            }
            case CLOSED -> throw new ActionException(409, "closed: the person's next message opens a new case");
        }
    }

    /** Closes a case. The holder, anyone on an unclaimed or answered case, or {@code force} (editor). */
    public Case close(String caseId, String staff, boolean force) {
        Instant now = clock.instant();
        String[] holder = new String[1];
        Case next = update(caseId, c -> {
            if (c.status() == Status.CLOSED) {
                throw new ActionException(409, "already closed");
            }
            if (c.status() == Status.CLAIMED && !force && !staff.equals(c.claimedBy())) {
                throw new ActionException(403, "held by " + c.claimedBy() + ": only they or an editor may close it");
            }
            holder[0] = c.claimedBy();
            Case.Edit e = c.edit();
            e.status = Status.CLOSED;
            e.claimedBy = null;
            e.claimedAt = null;
            e.closedBy = staff;
            e.closedAt = now;
            return e.done();
        });
        store.indexAdd(store.keys().caseIndex(CLOSED_INDEX), caseId, -now.toEpochMilli());
        store.indexRemove(store.keys().caseIndex(OPEN_INDEX), caseId);
        store.indexRemove(store.keys().caseIndex(ANSWERED_INDEX), caseId);
        if (holder[0] != null) {
            store.indexRemove(store.keys().claimedBy(holder[0]), caseId);
        }
        return next;
    }

    /** Changes the priority; the SLA due time follows. */
    public Case prioritise(String caseId, Priority p) {
        Case cur = get(caseId).orElseThrow(() -> new ActionException(404, "no case '" + caseId + "'"));
        if (cur.open()) {
            store.indexAdd(store.keys().caseIndex(OPEN_INDEX), caseId, openScore(p, cur.createdAt()));
        }
        return update(caseId, c -> {
            Case.Edit e = c.edit();
            e.priority = p;
            Instant start = c.reopenedAt() != null ? c.reopenedAt() : c.createdAt();
            e.dueAt = start.plus(settings.slaFor(p, c.journalist() != null));
            return e.done();
        });
    }

    /** Read-modify-write with compare-and-set, retried on conflict. */
    public Case update(String caseId, UnaryOperator<Case> change) {
        String key = store.keys().caseRecord(caseId);
        for (int i = 0; i < 50; i++) {
            String cur = store.get(key).orElseThrow(() -> new ActionException(404, "no case '" + caseId + "'"));
            Case next = change.apply(Json.read(cur, Case.class));
            // a closed case is personal data kept only for the retention time; readers drop the index entry
            Duration ttl = next.status() == Status.CLOSED ? settings.closedRetention() : null;
            if (store.compareAndSet(key, cur, Json.write(next), ttl)) {
                return next;
            }
        }
        throw new IllegalStateException("case " + caseId + " changed too often to update");
    }
}
