package org.jisr.gateway.store;

/**
 * Every Redis key name, in one place. All keys share one prefix. Keys that one script touches together share
 * a hash tag in braces (a queue's stream, dead letters, delayed set and dedupe marks: {@code jisr:{in}:…}), so
 * the same scripts run on Redis Cluster.
 */
public final class Keys {

    private final String prefix;

    public Keys(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    // --- durable queues: everything of one queue under the queue's hash tag
    public String stream(String queue) {
        return prefix + "{" + queue + "}:stream";
    }

    public String dead(String queue) {
        return prefix + "{" + queue + "}:dead";
    }

    public String delayed(String queue) {
        return prefix + "{" + queue + "}:delayed";
    }

    /** Dedupe mark of one message; same tag as the queue so the check and the enqueue are one script. */
    public String seen(String queue, String dedupeId) {
        return prefix + "{" + queue + "}:seen:" + dedupeId;
    }

    /** The last number given to an order key's entries (same tag as the queue: numbered in the enqueue script). */
    public String orderSeq(String queue, String orderKey) {
        return prefix + "{" + queue + "}:seq:" + orderKey;
    }

    /** The highest number of an order key done (acknowledged or dead-lettered). */
    public String orderDone(String queue, String orderKey) {
        return prefix + "{" + queue + "}:done:" + orderKey;
    }

    // --- people and conversations
    public String person(String personKey) {
        return prefix + "person:" + personKey;
    }

    /** Whether replies reach the person (set by the outbound side). */
    public String personReach(String personKey) {
        return person(personKey) + ":reach";
    }

    /** Replies held while the person's reply window is closed. */
    public String personHeld(String personKey) {
        return person(personKey) + ":held";
    }

    /** One worker at a time handles a person's messages. */
    public String personLock(String personKey) {
        return person(personKey) + ":lock";
    }

    public String history(String personKey) {
        return prefix + "history:" + personKey;
    }

    public String rate(String bucket) {
        return prefix + "rate:" + bucket;
    }

    public String slot(String name) {
        return prefix + "slot:" + name;
    }

    // --- cases: record, per-person open case, status index
    public String caseRecord(String id) {
        return prefix + "case:" + id;
    }

    public String openCaseOf(String personKey) {
        return prefix + "case-open:" + personKey;
    }

    public String caseIndex(String status) {
        return prefix + "cases:" + status;
    }

    /** The cases one staff member holds (the per-person claim cap counts these). */
    public String claimedBy(String staff) {
        return prefix + "cases:claimed-by:" + staff;
    }

    /** Verified journalists by channel identity. */
    public String journalists() {
        return prefix + "journalists";
    }

    public String delivery(String channel, String providerMessageId) {
        return prefix + "delivery:" + channel + ":" + providerMessageId;
    }

    /** Marks an outbound job whose provider-reported failure was already acted on (a split message fails per part). */
    public String sendFailure(String jobId) {
        return prefix + "send-failure:" + jobId;
    }

    // --- staff
    public String staff() {
        return prefix + "staff";
    }

    // --- staff logins: failures counted in a window per account and client address, lock-out, console sessions (TTL)
    public String loginFailures(String username) {
        return prefix + "login-failures:" + username;
    }

    public String loginFailures(String username, String address) {
        return prefix + "login-failures:" + username + "@" + address;
    }

    public String loginLock(String username) {
        return prefix + "login-lock:" + username;
    }

    public String loginLock(String username, String address) {
        return prefix + "login-lock:" + username + "@" + address;
    }

    public String session(String id) {
        return prefix + "session:" + id;
    }

    /** The append-only audit log (a stream). */
    public String audit() {
        return prefix + "audit";
    }

    // --- dashboard counters: one hash per UTC hour (TTL), escalated questions (capped list, TTL)
    public String statsHour(String yyyyMMddHH) {
        return prefix + "stats:" + yyyyMMddHH;
    }

    public String unanswered() {
        return prefix + "stats:unanswered";
    }

    // --- knowledge base editing: drafts by id, drafts per status, each article's version history and count
    public String draft(String id) {
        return prefix + "kb-draft:" + id;
    }

    public String draftIndex(String status) {
        return prefix + "kb-drafts:" + status;
    }

    public String articleVersions(String id) {
        return prefix + "kb-versions:" + id;
    }

    public String articleVersionCounts() {
        return prefix + "kb-version-counts";
    }

    // --- knowledge base: articles, retired ids and the change stream share the {kb} tag
    public String articles() {
        return prefix + "{kb}:articles";
    }

    public String retired() {
        return prefix + "{kb}:retired";
    }

    public String kbChanges() {
        return prefix + "{kb}:changes";
    }

    // --- web chat
    /** A visitor's replies; the braces put {@link #webchatSent} in its slot (both are written in one script). */
    public String webchatBox(String visitor) {
        return prefix + "webchat:{" + visitor + "}";
    }

    /** The id of each reply in a visitor's feed by the gateway's key for it, so a reply handled twice shows once. */
    public String webchatSent(String visitor) {
        return webchatBox(visitor) + ":sent";
    }

    public String secret(String name) {
        return prefix + "secret:" + name;
    }
}
