package org.jisr.gateway.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jisr.bots.DeliveryStatus;
import org.jisr.bots.InboundMessage;
import org.jisr.gateway.Json;
import org.jisr.gateway.config.Tuning;
import org.jisr.gateway.config.WorkerThreads;
import org.jisr.gateway.conversation.People;
import org.jisr.gateway.ops.GatewayMetrics;
import org.jisr.gateway.ops.Mask;
import org.jisr.gateway.outbound.ChannelRegistry;
import org.jisr.gateway.outbound.DeliveryTracker;
import org.jisr.gateway.pipeline.Pipeline;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.DurableQueue.QueueEntry;
import org.jisr.gateway.store.Store;
import org.jisr.gateway.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes inbound entries off the durable queue and runs the pipeline; an entry is acknowledged only after
 * it was fully handled. A failed entry stays pending and is retried when claimed; after
 * {@link Tuning#maxDeliveries()} tries it becomes a dead letter.
 */
public final class InboundWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboundWorker.class);

    private final DurableQueue queue;
    private final Pipeline pipeline;
    private final DeliveryTracker deliveries;
    private final ChannelRegistry channels;
    private final People people;
    private final Tuning tuning;
    private final GatewayMetrics metrics;
    private final String node;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public InboundWorker(Intake intake, Pipeline pipeline, DeliveryTracker deliveries, ChannelRegistry channels, People people,
            Tuning tuning, GatewayMetrics metrics, String node) {
        this.queue = intake.queue();
        this.pipeline = pipeline;
        this.deliveries = deliveries;
        this.channels = channels;
        this.people = people;
        this.tuning = tuning;
        this.metrics = metrics;
        this.node = node;
    }

    public synchronized void start() {
        running = true;
        for (int i = 0; i < tuning.workers(); i++) {
            String consumer = node + "-in-" + i;
            threads.add(WorkerThreads.answering().name("jisr-" + consumer).start(() -> loop(consumer, i0(consumer))));
        }
    }

    private static boolean i0(String consumer) {
        return consumer.endsWith("-in-0"); // the first thread also takes over entries of dead workers
    }

    private void loop(String consumer, boolean claims) {
        // releases and acknowledgements of handled entries, sent in the round trip that takes the next entry's lock
        Store.Batch handled = people.batch();
        long lastClaim = 0;
        while (running) {
            try {
                if (claims && System.currentTimeMillis() - lastClaim > tuning.claimIdle().toMillis() / 2) {
                    lastClaim = System.currentTimeMillis();
                    for (QueueEntry e : queue.claimIdle(consumer, tuning.claimIdle(), 50)) {
                        if (e.deliveries() > tuning.maxDeliveries()) {
                            queue.deadLetter(e, "failed " + (e.deliveries() - 1) + " times");
                            metrics.event("inbound_dead_letter");
                            log.error("inbound entry {} moved to the dead letters after {} tries", e.id(), e.deliveries() - 1);
                        } else {
                            process(e, handled);
                        }
                    }
                }
                for (QueueEntry e : queue.read(consumer, 16, Duration.ofMillis(500))) {
                    if (!running) {
                        break; // the rest stays pending: claimed by a live worker
                    }
                    process(e, handled);
                }
                handled.commit(); // before the next read, which may wait: a lock is not held while nothing happens
            } catch (StoreUnavailableException e) {
                log.warn("inbound: store unavailable: {}", e.getMessage());
                sleep(1000);
            } catch (RuntimeException e) {
                log.error("inbound worker error", e);
                sleep(1000);
            }
        }
    }

    /**
     * Handles one entry; on failure it stays pending for a later try. Once handled, its lock release and
     * acknowledgement go into {@code handled}, sent with the next entry's lock or when the loop commits it.
     */
    void process(QueueEntry e, Store.Batch handled) {
        long t0 = System.nanoTime();
        try {
            if ("status".equals(e.fields().get("kind"))) {
                deliveries.apply(Json.read(e.fields().get("body"), DeliveryStatus.class));
                handled.ack(queue, e);
            } else {
                InboundMessage m = Json.read(e.fields().get("body"), InboundMessage.class);
                String personKey = m.channel() + ":" + m.sender();
                String owner = node + ":" + e.id();
                boolean locked = lockThenReadAhead(personKey, owner, m, handled);
                boolean done = false;
                try {
                    pipeline.handle(m);
                    done = true;
                } finally {
                    pipeline.forgetReadAhead();
                    if (locked && !done) {
                        people.unlock(personKey, owner);
                    }
                }
                if (locked) {
                    people.unlockAndAck(personKey, owner, queue, e, handled);
                } else {
                    handled.ack(queue, e);
                }
                if (m.kind() == InboundMessage.Kind.CHOICE) {
                    handled.commit(); // a button press may be answered by a provider call: not while holding the lock
                }
                channels.find(m.channel()).ifPresent(a -> a.acknowledge(m));
                String at = e.fields().get("at");
                if (at != null) {
                    metrics.latency("inbound_queue_to_handled", Duration.ofMillis(Math.max(0, System.currentTimeMillis() - Long.parseLong(at))));
                }
            }
            metrics.latency("pipeline", Duration.ofNanos(System.nanoTime() - t0));
        } catch (StoreUnavailableException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            metrics.event("inbound_failure");
            log.warn("inbound entry {} failed (try {}), will be retried: {}", e.id(), e.deliveries(), ex.toString());
        }
    }

    /**
     * One person's messages are handled one at a time across nodes; waits briefly for another worker. The round trip
     * that takes the lock also sends {@code handled}, charges the person's rate (on the first try only) and reads what
     * the pipeline is about to read of the person.
     */
    private boolean lockThenReadAhead(String personKey, String owner, InboundMessage m, Store.Batch handled) {
        Store.LockThenRead plan = people.lockPlan(personKey, owner, pipeline.readAheadKeys(m), pipeline.charges(m));
        for (int i = 0; i < 200; i++) {
            if (people.tryLockThenReadAhead(handled, plan)) {
                return true;
            }
            plan = plan.withoutCharges();
            sleep(25);
        }
        log.warn("person {} stayed locked; handling anyway", Mask.person(personKey));
        pipeline.readAhead(m);
        return false;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }
}
