package org.jisr.gateway.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.OutboundMessage;
import org.jisr.bots.SendResult;
import org.jisr.gateway.Json;
import org.jisr.gateway.config.Tuning;
import org.jisr.gateway.config.WorkerThreads;
import org.jisr.gateway.conversation.People;
import org.jisr.gateway.conversation.Person;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.ops.GatewayMetrics;
import org.jisr.gateway.ops.Mask;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.DurableQueue.QueueEntry;
import org.jisr.gateway.store.Store;
import org.jisr.gateway.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued messages: replies before bulk; pacing per channel (a token bucket in the store, so shared
 * by every node) and per recipient; exponential backoff with jitter on {@link SendResult.Retry}, honouring
 * its {@code retryAfter}; permanent failures mark the person; the last failed try becomes a dead letter.
 * Outside a channel's reply window only the configured template is sent and the reply is held until the
 * person writes again.
 */
public final class OutboundWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundWorker.class);
    static final Duration BASE_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** How often an entry waiting for an earlier message to the same person looks again, and for how long at most. */
    static final Duration ORDER_WAIT = Duration.ofMillis(200);
    static final Duration ORDER_PATIENCE = Duration.ofMinutes(30);
    /** How long a stopping node waits for its sends in flight. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Store store;
    private final Outbox outbox;
    private final ChannelRegistry channels;
    private final People people;
    private final EscalationService cases;
    private final WindowHold windowHold;
    private final Tuning tuning;
    private final GatewayMetrics metrics;
    private final String node;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public OutboundWorker(Store store, Outbox outbox, ChannelRegistry channels, People people, EscalationService cases,
            WindowHold windowHold, Tuning tuning, GatewayMetrics metrics, String node, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.channels = channels;
        this.people = people;
        this.cases = cases;
        this.windowHold = windowHold;
        this.tuning = tuning;
        this.metrics = metrics;
        this.node = node;
        this.clock = clock;
    }

    public synchronized void start() {
        running = true;
        for (int i = 0; i < tuning.outboundWorkers(); i++) {
            String consumer = node + "-out-" + i;
            threads.add(WorkerThreads.answering().name("jisr-" + consumer).start(() -> loop(consumer)));
        }
        threads.add(WorkerThreads.answering().name("jisr-out-scheduler-" + node).start(this::scheduler));
    }

    private void loop(String consumer) {
        while (running) {
            try {
                // paced: one entry at a time, so a worker waiting for a send token holds no others (an entry held past
                // JISR_CLAIM_IDLE_MS would be taken over and sent twice)
                int count = tuning.pacing() ? 1 : 8;
                DurableQueue q = outbox.replies();
                List<QueueEntry> batch = q.read(consumer, count, Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    q = outbox.bulk();
                    batch = q.read(consumer, count, Duration.ZERO);
                }
                long readAt = System.currentTimeMillis();
                for (QueueEntry e : batch) {
                    if (!running) {
                        return; // left pending: another worker claims it
                    }
                    if (System.currentTimeMillis() - readAt > tuning.claimIdle().toMillis() / 3) {
                        q.retryAt(e, clock.instant()); // slow sends: give the rest back before another worker takes them over
                        continue;
                    }
                    process(q, e);
                }
            } catch (StoreUnavailableException e) {
                pause("store unavailable: " + e.getMessage());
            } catch (RuntimeException e) {
                log.error("outbound worker error", e);
                pause(null);
            }
        }
    }

    /** Moves due retries back into the queues and takes over entries a dead node left pending. */
    private void scheduler() {
        long lastClaim = 0;
        while (running) {
            try {
                Instant now = clock.instant();
                outbox.replies().promoteDue(now, 500);
                outbox.bulk().promoteDue(now, 500);
                if (System.currentTimeMillis() - lastClaim > tuning.claimIdle().toMillis() / 2) {
                    lastClaim = System.currentTimeMillis();
                    for (DurableQueue q : List.of(outbox.replies(), outbox.bulk())) {
                        for (QueueEntry e : q.claimIdle(node + "-out-claim", tuning.claimIdle(), 50)) {
                            if (e.deliveries() > tuning.maxDeliveries()) {
                                q.deadLetter(e, "crashed a worker " + e.deliveries() + " times");
                                metrics.send("unknown", "dead");
                            } else {
                                process(q, e);
                            }
                        }
                    }
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (StoreUnavailableException e) {
                pause("store unavailable: " + e.getMessage());
            } catch (RuntimeException e) {
                log.error("outbound scheduler error", e);
                pause(null);
            }
        }
    }

    private void pause(String why) {
        if (why != null) {
            log.warn("outbound: {}", why);
        }
        try {
            Thread.sleep(1000);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    /** Handles one entry completely: acks, reschedules or dead-letters it. */
    void process(DurableQueue q, QueueEntry e) {
        OutboundJob job;
        try {
            job = Json.read(e.fields().get("job"), OutboundJob.class);
        } catch (RuntimeException bad) {
            q.deadLetter(e, "unreadable job: " + bad.getMessage());
            return;
        }
        if (!inTurn(q, e)) {
            return;
        }
        OutboundMessage msg = job.message();
        Optional<ChannelAdapter> found = channels.find(msg.channel());
        if (found.isEmpty()) {
            q.deadLetter(e, "channel '" + msg.channel() + "' is not enabled");
            metrics.send(msg.channel(), "dead");
            return;
        }
        ChannelAdapter adapter = found.get();
        Optional<Duration> window = msg.template() == null ? adapter.replyWindow(msg.recipient()) : Optional.empty(); // Twilio: WhatsApp addresses only
        People.Reach reach;
        boolean closed;
        if (window.isPresent()) { // the reach and the person's last message: one round trip
            store.readAhead(List.of(store.keys().personReach(job.personKey()), store.keys().person(job.personKey())));
            try {
                reach = people.reach(job.personKey());
                closed = reach == People.Reach.OK && windowClosed(job.personKey(), window.get());
            } finally {
                store.forgetReadAhead();
            }
        } else {
            reach = people.reach(job.personKey());
            closed = false;
        }
        if (reach != People.Reach.OK) {
            q.ack(e);
            metrics.send(msg.channel(), "suppressed");
            return;
        }
        if (closed) {
            windowHold.hold(job, adapter);
            q.ack(e);
            return;
        }
        if (!job.slotted() && adapter.perRecipientInterval().isPresent()) {
            Duration wait = store.reserveSlot("to:" + job.personKey(), adapter.perRecipientInterval().get());
            if (wait.toMillis() > 50) {
                q.retryAt(e.with("job", Json.write(job.withSlot())), clock.instant().plus(wait));
                return;
            }
        }
        if (tuning.pacing() && !pace(adapter)) {
            // no send token for a while: back to the queue shortly rather than held until another node takes it over
            q.retryAt(e, clock.instant().plus(Duration.ofMillis(250)));
            return;
        }
        long t0 = System.nanoTime();
        SendResult result;
        try {
            result = adapter.send(msg, job.id());
        } catch (RuntimeException ex) { // adapters should not throw; treat it as temporary
            result = new SendResult.Retry(null, "adapter threw " + ex);
        }
        metrics.latency("send", Duration.ofNanos(System.nanoTime() - t0));
        switch (result) {
            case SendResult.Sent sent -> {
                Store.Batch done = store.batch(); // the delivery records and the acknowledgement: one round trip
                track(job, e.fields().get("job"), sent.providerMessageIds(), adapter.reportsDeliveries(), done);
                done.ack(q, e);
                done.commit();
                metrics.send(msg.channel(), "sent");
                metrics.message(msg.channel(), "out");
            }
            case SendResult.Retry retry -> {
                if (job.attempt() + 1 >= tuning.sendAttempts()) {
                    q.deadLetter(e, "gave up after " + (job.attempt() + 1) + " tries: " + retry.reason());
                    metrics.send(msg.channel(), "dead");
                    noteOnCase(job, "FAILED", "retries exhausted");
                } else {
                    Duration delay = backoff(job.attempt(), retry.retryAfter());
                    q.retryAt(e.with("job", Json.write(job.nextAttempt())), clock.instant().plus(delay));
                    metrics.send(msg.channel(), "retry");
                    log.info("send to {} on {} will be retried in {} ms: {}", Mask.address(msg.recipient()), msg.channel(), delay.toMillis(), retry.reason());
                }
            }
            case SendResult.Failed failed when failed.windowClosed() && msg.template() == null -> {
                // the provider's clock says the window closed (e.g. the reply waited in retries): hold, send the template
                windowHold.hold(job, adapter);
                q.ack(e);
                log.info("send to {} on {} refused outside the reply window: held until the person writes", Mask.address(msg.recipient()), msg.channel());
            }
            case SendResult.Failed failed -> {
                switch (failed.recipientState()) {
                    case UNREACHABLE -> people.setReach(job.personKey(), People.Reach.UNREACHABLE);
                    case OPTED_OUT -> people.setReach(job.personKey(), People.Reach.OPTED_OUT);
                    case OK -> { }
                }
                noteOnCase(job, "FAILED", failed.reason());
                if (failed.recipientState() == SendResult.RecipientState.OK) {
                    q.deadLetter(e, "rejected by the provider: " + failed.reason()); // visible to staff
                } else {
                    q.ack(e);
                }
                metrics.send(msg.channel(), "failed");
                log.info("send to {} on {} failed permanently ({}): {}", Mask.address(msg.recipient()), msg.channel(), failed.recipientState(), failed.reason());
            }
        }
    }

    /**
     * One person's messages go out in the order they were enqueued: an entry whose predecessor is not done yet (being
     * sent by another worker, or waiting for a retry) goes back to the queue for a moment instead of overtaking it.
     * After {@link #ORDER_PATIENCE} of waiting it is sent anyway, so a lost predecessor never blocks a person.
     */
    private boolean inTurn(DurableQueue q, QueueEntry e) {
        long seq = e.seq();
        if (seq <= 1 || e.orderKey() == null || seq <= q.doneUpTo(e.orderKey()) + 1) {
            return true; // a first message needs no look-up
        }
        long since = Long.parseLong(e.fields().getOrDefault("waitingSince", Long.toString(clock.millis())));
        if (clock.millis() - since > ORDER_PATIENCE.toMillis()) {
            log.warn("outbound entry {} waited {} s for an earlier message to the same person: sending it anyway", e.id(),
                    ORDER_PATIENCE.toSeconds());
            return true;
        }
        long waited = clock.millis() - since; // look again soon, less often the longer the predecessor takes (a retry backing off)
        Duration again = Duration.ofMillis(Math.clamp(waited / 4, ORDER_WAIT.toMillis(), 2000));
        q.retryAt(e.with("waitingSince", Long.toString(since)), clock.instant().plus(again));
        metrics.event("outbound_waits_its_turn");
        return false;
    }

    /** Exponential backoff with jitter (half fixed, half random), never sooner than the provider asked. */
    static Duration backoff(int attempt, Duration retryAfter) {
        long exp = BASE_BACKOFF.toMillis() << Math.min(attempt, 20);
        long cap = Math.min(exp, MAX_BACKOFF.toMillis());
        long jittered = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
        long floor = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(jittered, floor));
    }

    private boolean windowClosed(String personKey, Duration window) {
        Optional<Person> p = people.get(personKey);
        Instant last = p.map(Person::lastInboundAt).orElse(null);
        return last == null || last.plus(window).isBefore(clock.instant());
    }

    /** Waits for a send token of the channel; false after a third of the claim-idle time without one. */
    private boolean pace(ChannelAdapter adapter) {
        double rate = adapter.sendRatePerSecond(); // *_SEND_RATE, read by Channels
        int burst = (int) Math.max(1, Math.ceil(rate));
        long sleepMs = Math.max(1, (long) (1000 / rate / 2));
        long deadline = System.currentTimeMillis() + Math.min(30_000, tuning.claimIdle().toMillis() / 3);
        while (!store.tryAcquire("send:" + adapter.channel(), rate, burst)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Remembers which job a provider message id belongs to, for later delivery reports. */
    private void track(OutboundJob job, String jobJson, List<String> providerIds, boolean reported, Store.Batch writes) {
        String sent = reported ? DeliveryTracker.Sent.json(job, jobJson) : null;
        for (String id : providerIds) {
            if (reported) { // kept to match the provider's later status updates against
                writes.put(store.keys().delivery(job.message().channel(), id), sent, DeliveryTracker.KEEP);
            }
            if (job.caseId() != null) {
                cases.recordDelivery(job.caseId(), new Case.Delivery(id, "SENT", null, clock.instant()));
            }
        }
    }

    private void noteOnCase(OutboundJob job, String state, String reason) {
        if (job.caseId() != null) {
            cases.recordDelivery(job.caseId(), new Case.Delivery(job.id(), state, reason, clock.instant()));
        }
    }

    /**
     * Stops taking work and lets each send in flight finish (up to {@link #STOP_GRACE}) before interrupting: a send
     * interrupted after the provider got it would be retried, and the person would get the message twice.
     */
    @Override
    public synchronized void close() {
        running = false;
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        try {
            for (Thread t : threads) {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            for (Thread t : threads) {
                t.interrupt();
            }
            for (Thread t : threads) {
                t.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.clear();
    }
}
