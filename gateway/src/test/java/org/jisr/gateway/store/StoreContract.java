package org.jisr.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jisr.gateway.store.DurableQueue.QueueEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one contract both store adapters pass; subclasses only say how to make a fresh store. */
abstract class StoreContract {

    Store store;
    Keys k;

    abstract Store newStore();

    void cleanUp(Store s) {
    }

    @BeforeEach
    void open() {
        store = newStore();
        k = store.keys();
    }

    @AfterEach
    void close() {
        cleanUp(store);
        store.close();
    }

    @Test
    void documentsWithTtlExpire() throws Exception {
        store.put(k.person("a"), "1", Duration.ofMillis(200));
        store.put(k.person("b"), "2", null);
        assertThat(store.get(k.person("a"))).contains("1");
        Thread.sleep(350);
        assertThat(store.get(k.person("a"))).isEmpty();
        assertThat(store.get(k.person("b"))).contains("2");
        assertThat(store.delete(k.person("b"))).isTrue();
        assertThat(store.delete(k.person("b"))).isFalse();
    }

    @Test
    void putIfAbsentAndCompareAndSet() {
        String key = k.caseRecord("c1");
        assertThat(store.putIfAbsent(key, "v1", null)).isTrue();
        assertThat(store.putIfAbsent(key, "v2", null)).isFalse();
        assertThat(store.compareAndSet(key, "stale", "v3", null)).isFalse();
        assertThat(store.compareAndSet(key, "v1", "v3", null)).isTrue();
        assertThat(store.get(key)).contains("v3");
        assertThat(store.compareAndSet(k.caseRecord("new"), null, "x", Duration.ofMinutes(1))).isTrue();
        assertThat(store.compareAndSet(k.caseRecord("new"), null, "y", null)).isFalse();
    }

    @Test
    void hashesAndIndexes() {
        store.hashPut(k.staff(), "amal", "{}");
        store.hashPut(k.staff(), "omar", "{\"x\":1}");
        assertThat(store.hashAll(k.staff())).containsOnlyKeys("amal", "omar");
        assertThat(store.hashGet(k.staff(), "omar")).contains("{\"x\":1}");
        assertThat(store.hashGet(k.staff(), "none")).isEmpty();

        store.indexAdd(k.caseIndex("open"), "late", 30);
        store.indexAdd(k.caseIndex("open"), "early", 10);
        store.indexAdd(k.caseIndex("open"), "middle", 20);
        assertThat(store.indexRange(k.caseIndex("open"), 0, 10)).containsExactly("early", "middle", "late");
        store.indexRemove(k.caseIndex("open"), "middle");
        assertThat(store.indexRange(k.caseIndex("open"), 1, 10)).containsExactly("late");
        assertThat(store.indexSize(k.caseIndex("open"))).isEqualTo(2);
    }

    @Test
    void cappedListKeepsNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            store.pushCapped(k.history("p"), "m" + i, 3, Duration.ofMinutes(1));
        }
        assertThat(store.latest(k.history("p"), 10)).containsExactly("m5", "m4", "m3");
        assertThat(store.latest(k.history("p"), 2)).containsExactly("m5", "m4");
    }

    @Test
    void cappedListTakesSeveralInOrderInOneStep() throws Exception {
        store.pushCapped(k.history("q"), "m1", 4, null);
        store.pushCappedAll(k.history("q"), List.of(), 4, Duration.ofMillis(300));
        assertThat(store.latest(k.history("q"), 10)).as("nothing pushed").containsExactly("m1");
        store.pushCappedAll(k.history("q"), List.of("m2", "m3"), 4, Duration.ofMillis(300));
        assertThat(store.latest(k.history("q"), 10)).as("the last pushed is the newest").containsExactly("m3", "m2", "m1");
        store.pushCappedAll(k.history("q"), List.of("m4", "m5", "m6"), 4, Duration.ofMillis(300));
        assertThat(store.latest(k.history("q"), 10)).as("capped, oldest dropped").containsExactly("m6", "m5", "m4", "m3");
        Thread.sleep(450);
        assertThat(store.latest(k.history("q"), 10)).as("the TTL applies to the whole list").isEmpty();
    }

    @Test
    void tokenBucketAllowsBurstThenRefuses() throws Exception {
        int allowed = 0;
        for (int i = 0; i < 5; i++) {
            if (store.tryAcquire("person:x", 2.0, 3)) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(3);
        Thread.sleep(600); // 2/s refill: at least one token back
        assertThat(store.tryAcquire("person:x", 2.0, 3)).isTrue();
    }

    @Test
    void slotsAreSpacedApart() {
        Duration first = store.reserveSlot("chat:1", Duration.ofMillis(1000));
        Duration second = store.reserveSlot("chat:1", Duration.ofMillis(1000));
        Duration other = store.reserveSlot("chat:2", Duration.ofMillis(1000));
        assertThat(first).isZero();
        assertThat(second).isBetween(Duration.ofMillis(900), Duration.ofMillis(1000));
        assertThat(other).isZero();
    }

    @Test
    void feedsAreReadInOrderAfterAPosition() {
        String key = k.webchatBox("v1");
        assertThat(store.lastId(key)).isEqualTo("0");
        String a = store.append(key, Map.of("text", "one"), 100, Duration.ofMinutes(1));
        String b = store.append(key, Map.of("text", "two"), 100, Duration.ofMinutes(1));
        assertThat(store.readAfter(key, "0", 10, Duration.ZERO)).extracting(f -> f.fields().get("text")).containsExactly("one", "two");
        assertThat(store.readAfter(key, a, 10, Duration.ZERO)).extracting(Store.FeedEntry::id).containsExactly(b);
        assertThat(store.readAfter(key, b, 10, Duration.ofMillis(100))).isEmpty();
        assertThat(store.lastId(key)).isEqualTo(b);
    }

    @Test
    void aRefIsAppendedOnceWhileItsEntryIsInTheFeed() {
        String key = k.webchatBox("v2");
        String refs = k.webchatSent("v2");
        String first = store.appendOnce(key, refs, "job-1", Map.of("text", "one"), 3, Duration.ofMinutes(1));
        assertThat(store.appendOnce(key, refs, "job-1", Map.of("text", "one again"), 3, Duration.ofMinutes(1)))
                .as("handled again: the first entry's id, nothing appended").isEqualTo(first);
        String other = store.appendOnce(key, refs, "job-2", Map.of("text", "two"), 3, Duration.ofMinutes(1));
        assertThat(other).isNotEqualTo(first);
        assertThat(store.readAfter(key, "0", 10, Duration.ZERO)).extracting(f -> f.fields().get("text")).containsExactly("one", "two");
        for (int i = 3; i <= 20; i++) { // far past the feed's length: the refs stay bounded and the feed keeps its latest
            store.appendOnce(key, refs, "job-" + i, Map.of("text", "n" + i), 3, Duration.ofMinutes(1));
        }
        assertThat(store.appendOnce(key, refs, "job-20", Map.of("text", "n20 again"), 3, Duration.ofMinutes(1)))
                .isEqualTo(store.lastId(key));
        assertThat(store.newest(key, 1)).extracting(f -> f.fields().get("text")).containsExactly("n20");
    }

    @Test
    void blockedFeedReaderWakesOnAppend() throws Exception {
        String key = k.kbChanges();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException ignored) {
                return;
            }
            store.append(key, Map.of("op", "x"), 10, null);
        });
        List<Store.FeedEntry> got = store.readAfter(key, "0", 10, Duration.ofSeconds(1));
        t.join();
        assertThat(got).hasSize(1);
    }

    @Test
    void dedupeAndEnqueueIsOneStep() {
        DurableQueue q = store.queue("in");
        assertThat(q.addIfNew("tg:1", Duration.ofHours(24), Map.of("m", "hello"))).isTrue();
        assertThat(q.addIfNew("tg:1", Duration.ofHours(24), Map.of("m", "hello again"))).isFalse();
        assertThat(q.addIfNew("tg:2", Duration.ofHours(24), Map.of("m", "other"))).isTrue();
        assertThat(q.depth()).isEqualTo(2);
    }

    @Test
    void entryStaysPendingUntilAckedAndIsClaimedFromADeadConsumer() throws Exception {
        DurableQueue q = store.queue("in");
        q.add(Map.of("m", "one"));
        List<QueueEntry> first = q.read("node-a", 10, Duration.ZERO);
        assertThat(first).hasSize(1);
        assertThat(q.read("node-b", 10, Duration.ZERO)).as("delivered once to the group").isEmpty();
        assertThat(q.claimIdle("node-b", Duration.ofMillis(200), 10)).as("not idle long enough").isEmpty();
        Thread.sleep(300);
        List<QueueEntry> claimed = q.claimIdle("node-b", Duration.ofMillis(200), 10);
        assertThat(claimed).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(first.getFirst().id());
            assertThat(e.fields()).containsEntry("m", "one");
            assertThat(e.deliveries()).isEqualTo(2);
        });
        q.ack(claimed.getFirst().id());
        assertThat(q.depth()).isZero();
        Thread.sleep(300);
        assertThat(q.claimIdle("node-c", Duration.ofMillis(200), 10)).isEmpty();
    }

    @Test
    void releaseAndAckFreesOnlyTheOwnersLockAndRemovesTheEntry() {
        DurableQueue q = store.queue("in");
        q.add(Map.of("m", "one"));
        q.add(Map.of("m", "two"));
        List<QueueEntry> read = q.read("node-a", 10, Duration.ZERO);
        assertThat(store.putIfAbsent(k.personLock("p"), "node-a:1", Duration.ofSeconds(15))).isTrue();
        q.releaseAndAck(k.personLock("p"), "node-a:1", read.getFirst().id());
        assertThat(store.get(k.personLock("p"))).as("released").isEmpty();
        assertThat(q.depth()).isEqualTo(1);
        assertThat(store.putIfAbsent(k.personLock("p"), "node-b:2", Duration.ofSeconds(15))).isTrue();
        q.releaseAndAck(k.personLock("p"), "node-a:1", read.get(1).id());
        assertThat(store.get(k.personLock("p"))).as("another owner's lock stays").contains("node-b:2");
        assertThat(q.depth()).as("acknowledged all the same").isZero();
    }

    @Test
    void blockedReaderWakesOnAdd() throws Exception {
        DurableQueue q = store.queue("out");
        q.read("w", 1, Duration.ZERO); // creates the group
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException ignored) {
                return;
            }
            q.add(Map.of("m", "late"));
        });
        assertThat(q.read("w", 1, Duration.ofSeconds(1))).hasSize(1);
    }

    @Test
    void valuesReadAheadAreTheStoredOnesAndAWriteForgetsThem() {
        String a = store.keys().person("test:ahead-a");
        String b = store.keys().person("test:ahead-b");
        store.put(a, "one", Duration.ofMinutes(1));
        store.readAhead(List.of(a, b));
        store.put(a, "two", Duration.ofMinutes(1)); // written after the read: the read value is stale
        assertThat(store.get(a)).contains("two");
        assertThat(store.get(b)).isEmpty();
        store.put(b, "later", Duration.ofMinutes(1));
        assertThat(store.get(b)).as("read ahead once only").contains("later");
        store.forgetReadAhead();
        assertThat(store.get(a)).contains("two");
    }

    @Test
    void aLockTakenReadsAheadAndALockHeldReadsNothing() {
        String lock = k.personLock("test:lock");
        String rec = k.person("test:lock");
        store.put(rec, "record", Duration.ofMinutes(1));
        assertThat(store.lockThenReadAhead(store.batch(), plan(lock, "worker-1", List.of(rec), List.of()))).isTrue();
        assertThat(store.get(lock)).contains("worker-1");
        assertThat(store.get(rec)).contains("record");
        store.forgetReadAhead();
        assertThat(store.lockThenReadAhead(store.batch(), plan(lock, "worker-2", List.of(rec), List.of()))).as("held").isFalse();
        store.put(rec, "changed", Duration.ofMinutes(1)); // what a later get reads is the store's, not a failed lock's read
        assertThat(store.get(rec)).contains("changed");
        assertThat(store.get(lock)).contains("worker-1");
    }

    @Test
    void takingALockFirstSendsTheWritesBeforeIt() {
        DurableQueue q = store.queue("in");
        q.add(Map.of("m", "handled"));
        QueueEntry handled = q.read("w", 1, Duration.ZERO).getFirst();
        String lock = k.personLock("test:handover");
        assertThat(store.putIfAbsent(lock, "worker-1", Duration.ofSeconds(15))).isTrue();
        Store.Batch before = store.batch();
        before.releaseAndAck(q, lock, "worker-1", handled);
        assertThat(q.depth()).as("not before it is sent").isEqualTo(1);

        // the same person's next message: the release goes first, so the lock is free to take
        assertThat(store.lockThenReadAhead(before, plan(lock, "worker-2", List.of(), List.of()))).isTrue();

        assertThat(store.get(lock)).contains("worker-2");
        assertThat(q.depth()).as("acknowledged").isZero();
        assertThat(q.claimIdle("other", Duration.ZERO, 10)).as("nothing left pending").isEmpty();
    }

    @Test
    void aRateChargedWithTheLockAnswersTheNextTryAcquireOnce() {
        Store.Charge once = new Store.Charge("person:test:charged", 0.001, 1); // one token, refilled in 1,000 s
        String lock = k.personLock("test:charged");
        assertThat(store.lockThenReadAhead(store.batch(), plan(lock, "worker-1", List.of(), List.of(once)))).isTrue();
        assertThat(store.tryAcquire(once)).as("the token charged with the lock").isTrue();
        assertThat(store.tryAcquire(once)).as("charged again: the bucket is empty").isFalse();
        store.forgetReadAhead();

        Store.Charge other = new Store.Charge("person:test:waiting", 0.001, 1);
        String held = k.personLock("test:waiting");
        store.putIfAbsent(held, "worker-0", Duration.ofSeconds(15));
        Store.LockThenRead wait = plan(held, "worker-1", List.of(), List.of(other));
        assertThat(store.lockThenReadAhead(store.batch(), wait)).as("held").isFalse();
        assertThat(store.lockThenReadAhead(store.batch(), wait.withoutCharges())).as("a retry, charging nothing").isFalse();
        store.delete(held);
        assertThat(store.lockThenReadAhead(store.batch(), wait.withoutCharges())).isTrue();
        assertThat(store.tryAcquire(other)).as("one token, charged on the first try only").isTrue();
        store.forgetReadAhead();
    }

    private static Store.LockThenRead plan(String lock, String owner, List<String> reads, List<Store.Charge> charges) {
        return new Store.LockThenRead(lock, owner, Duration.ofSeconds(15), reads, charges);
    }

    @Test
    void aBatchWritesNothingUntilCommittedThenAllInOrder() {
        DurableQueue q = store.queue("out");
        String rec = k.person("test:batch");
        String hist = k.history("test:batch");
        Store.Batch b = store.batch();
        b.put(rec, "v1", Duration.ofMinutes(1));
        b.addIfNewInOrder(q, "job-1", Duration.ofHours(24), "test:batch", Map.of("m", "first"));
        b.pushCappedAll(hist, List.of("asked", "answered"), 10, Duration.ofMinutes(1));
        b.pushCappedAll(hist, List.of("thanked", "welcomed", "closed"), 4, Duration.ofMinutes(1)); // capped: the oldest goes
        b.addIfNewInOrder(q, "job-2", Duration.ofHours(24), "test:batch", Map.of("m", "second"));
        b.put(rec, "v2", Duration.ofMinutes(1));
        assertThat(store.get(rec)).as("not before the commit").isEmpty();
        assertThat(q.read("w", 10, Duration.ZERO)).isEmpty();

        b.commit();

        assertThat(store.get(rec)).as("the later put wins").contains("v2");
        assertThat(store.latest(hist, 10)).containsExactly("closed", "welcomed", "thanked", "answered");
        assertThat(q.read("w", 10, Duration.ZERO)).extracting(e -> e.fields().get("m"), QueueEntry::seq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", 1L), org.assertj.core.groups.Tuple.tuple("second", 2L));
        b.addIfNewInOrder(q, "job-1", Duration.ofHours(24), "test:batch", Map.of("m", "first, again"));
        b.commit();
        b.commit(); // nothing gathered: nothing sent
        assertThat(q.read("w", 10, Duration.ZERO)).as("a job id enqueued once").isEmpty();
    }

    @Test
    void aBatchAcknowledgesAfterItsWrites() {
        DurableQueue q = store.queue("out");
        q.addIfNewInOrder("job-1", Duration.ofHours(24), "test:acked", Map.of("m", "first"));
        QueueEntry e = q.read("w", 1, Duration.ZERO).getFirst();
        String delivery = k.delivery("test", "msg-1");
        Store.Batch b = store.batch();
        b.put(delivery, "sent", Duration.ofMinutes(1));
        b.ack(q, e);
        assertThat(q.doneUpTo("test:acked")).as("not before the commit").isZero();

        b.commit();

        assertThat(store.get(delivery)).contains("sent");
        assertThat(q.doneUpTo("test:acked")).isEqualTo(1);
        assertThat(q.claimIdle("other", Duration.ZERO, 10)).as("nothing left pending").isEmpty();
    }

    @Test
    void aBatchNotCommittedWritesNothing() {
        String rec = k.person("test:dropped");
        Store.Batch b = store.batch();
        b.put(rec, "v1", Duration.ofMinutes(1));
        b.addIfNewInOrder(store.queue("out"), "job-x", Duration.ofHours(24), "test:dropped", Map.of("m", "x"));
        // the turn failed before its end: the batch is dropped
        assertThat(store.get(rec)).isEmpty();
        assertThat(store.queue("out").addIfNewInOrder("job-x", Duration.ofHours(24), "test:dropped", Map.of("m", "x")))
                .as("its job id was never marked seen").isTrue();
    }

    @Test
    void entriesAreNumberedPerOrderKeyAndDoneMarksRise() {
        DurableQueue q = store.queue("out");
        assertThat(q.addIfNewInOrder("j1", Duration.ofHours(24), "telegram:42", Map.of("m", "first"))).isTrue();
        assertThat(q.addIfNewInOrder("j1", Duration.ofHours(24), "telegram:42", Map.of("m", "first"))).as("dedupe").isFalse();
        assertThat(q.addIfNewInOrder("j2", Duration.ofHours(24), "telegram:42", Map.of("m", "second"))).isTrue();
        assertThat(q.addIfNewInOrder("k1", Duration.ofHours(24), "sms:+9665", Map.of("m", "other person"))).isTrue();
        List<QueueEntry> read = q.read("w", 10, Duration.ZERO);
        assertThat(read).extracting(QueueEntry::orderKey, QueueEntry::seq).containsExactly(
                org.assertj.core.groups.Tuple.tuple("telegram:42", 1L), org.assertj.core.groups.Tuple.tuple("telegram:42", 2L),
                org.assertj.core.groups.Tuple.tuple("sms:+9665", 1L));
        assertThat(q.doneUpTo("telegram:42")).isZero();
        q.ack(read.get(1)); // the second done first: the mark is the highest number done
        assertThat(q.doneUpTo("telegram:42")).isEqualTo(2);
        q.ack(read.get(0));
        assertThat(q.doneUpTo("telegram:42")).isEqualTo(2);
        q.deadLetter(read.get(2), "rejected");
        assertThat(q.doneUpTo("sms:+9665")).as("a dead letter is done too").isEqualTo(1);
        // a retried entry keeps its number
        q.addIfNewInOrder("j3", Duration.ofHours(24), "telegram:42", Map.of("m", "third"));
        QueueEntry third = q.read("w", 1, Duration.ZERO).getFirst();
        q.retryAt(third.with("m", "third, again"), Instant.now().minusSeconds(1));
        q.promoteDue(Instant.now(), 10);
        assertThat(q.read("w", 1, Duration.ZERO)).singleElement().satisfies(r -> {
            assertThat(r.seq()).isEqualTo(3);
            assertThat(r.fields()).containsEntry("m", "third, again");
        });
    }

    @Test
    void retryLaterAndPromoteWhenDue() {
        DurableQueue q = store.queue("out");
        q.add(Map.of("m", "x", "attempt", "1"));
        QueueEntry e = q.read("w", 1, Duration.ZERO).getFirst();
        q.retryAt(new QueueEntry(e.id(), Map.of("m", "x", "attempt", "2"), e.deliveries()), Instant.now().plusSeconds(60));
        assertThat(q.depth()).isZero();
        assertThat(q.delayedCount()).isEqualTo(1);
        assertThat(q.promoteDue(Instant.now(), 10)).isZero();
        assertThat(q.promoteDue(Instant.now().plusSeconds(61), 10)).isEqualTo(1);
        assertThat(q.read("w", 1, Duration.ZERO)).singleElement()
                .satisfies(r -> assertThat(r.fields()).containsEntry("attempt", "2").containsEntry("m", "x"));
    }

    @Test
    void deadLettersAreListedAndRequeued() {
        DurableQueue q = store.queue("in");
        q.add(Map.of("m", "poison", "lang", "ar"));
        QueueEntry e = q.read("w", 1, Duration.ZERO).getFirst();
        q.deadLetter(e, "failed 5 times: boom");
        assertThat(q.depth()).isZero();
        List<DurableQueue.DeadLetter> dead = q.deadLetters(10);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo("failed 5 times: boom");
            assertThat(d.queue()).isEqualTo("in");
            assertThat(d.fields()).containsEntry("m", "poison").containsEntry("lang", "ar");
        });
        assertThat(q.requeue("0-1")).isFalse();
        assertThat(q.requeue("not-an-id")).isFalse();
        assertThat(q.requeue(dead.getFirst().id())).isTrue();
        assertThat(q.deadCount()).isZero();
        assertThat(q.read("w", 1, Duration.ZERO)).singleElement()
                .satisfies(r -> assertThat(r.fields()).containsEntry("m", "poison"));
    }

    @Test
    void workThatAlreadyLeftTheQueueCanBeDeadLetteredAndRequeued() {
        DurableQueue q = store.queue("out");
        q.addDeadLetter(Map.of("job", "{\"id\":\"x\"}"), "the provider reported it failed (30003)");
        assertThat(q.depth()).isZero();
        List<DurableQueue.DeadLetter> dead = q.deadLetters(10);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo("the provider reported it failed (30003)");
            assertThat(d.queue()).isEqualTo("out");
            assertThat(d.fields()).containsEntry("job", "{\"id\":\"x\"}");
        });
        assertThat(q.requeue(dead.getFirst().id())).isTrue();
        assertThat(q.read("w", 1, Duration.ZERO)).singleElement()
                .satisfies(r -> assertThat(r.fields()).containsEntry("job", "{\"id\":\"x\"}"));
    }

    @Test
    void articlesSeedRespectsRetirementAndEveryChangeIsAnEvent() {
        String start = store.lastId(k.kbChanges());
        assertThat(store.articleSeed("a1", "{\"v\":1}")).isNotNull();
        assertThat(store.articleSeed("a1", "{\"v\":2}")).as("seed never overwrites").isNull();
        assertThat(store.articlePut("a1", "{\"v\":3}")).isNotNull();
        assertThat(store.articleRetire("a1")).isNotNull();
        assertThat(store.articleRetire("a1")).isNull();
        assertThat(store.articleSeed("a1", "{\"v\":4}")).as("a retired article is not resurrected by a seed").isNull();
        assertThat(store.articleAll()).isEmpty();
        assertThat(store.articlePut("a1", "{\"v\":5}")).as("an explicit put brings it back").isNotNull();
        assertThat(store.articleAll()).containsEntry("a1", "{\"v\":5}");
        assertThat(store.readAfter(k.kbChanges(), start, 100, Duration.ZERO))
                .extracting(f -> f.fields().get("op") + ":" + f.fields().get("id"))
                .containsExactly("upsert:a1", "upsert:a1", "retire:a1", "upsert:a1");
    }

    @Test
    void hashIncrementCountsAndExpires() throws Exception {
        String key = k.statsHour("2026010112");
        assertThat(store.hashIncrement(key, "in:test", 1, Duration.ofMillis(300))).isEqualTo(1);
        assertThat(store.hashIncrement(key, "in:test", 4, Duration.ofMillis(300))).isEqualTo(5);
        assertThat(store.hashIncrement(key, "dec:answer", -2, Duration.ofMillis(300))).isEqualTo(-2);
        assertThat(store.hashAll(key)).containsEntry("in:test", "5").containsEntry("dec:answer", "-2");
        store.hashDelete(key, "dec:answer");
        assertThat(store.hashAll(key)).containsOnlyKeys("in:test");
        Thread.sleep(450);
        assertThat(store.hashAll(key)).as("the TTL applies to the whole hash").isEmpty();
    }

    @Test
    void hashIncrementAllAddsEveryFieldAndExpires() throws Exception {
        String key = k.statsHour("2026010113");
        store.hashIncrement(key, "msg:in:test", 2, null);
        store.hashIncrementAll(key, Map.of(), Duration.ofMillis(300));
        assertThat(store.hashAll(key)).as("nothing to add: untouched").containsExactly(Map.entry("msg:in:test", "2"));
        Map<String, Long> deltas = new java.util.LinkedHashMap<>();
        deltas.put("msg:in:test", 3L);
        deltas.put("dec:answer", 1L);
        deltas.put("reply:ms", -5L);
        store.hashIncrementAll(key, deltas, Duration.ofMillis(300));
        store.hashIncrementAll(key, Map.of("dec:answer", 4L), Duration.ofMillis(300));
        assertThat(store.hashAll(key)).containsOnly(Map.entry("msg:in:test", "5"), Map.entry("dec:answer", "5"),
                Map.entry("reply:ms", "-5"));
        Thread.sleep(450);
        assertThat(store.hashAll(key)).as("the TTL applies to the whole hash").isEmpty();
    }

    @Test
    void indexAddIfBelowHoldsTheCap() {
        String key = k.claimedBy("amal");
        assertThat(store.indexAddIfBelow(key, "c1", 1, 2)).isTrue();
        assertThat(store.indexAddIfBelow(key, "c2", 2, 2)).isTrue();
        assertThat(store.indexAddIfBelow(key, "c3", 3, 2)).as("full").isFalse();
        assertThat(store.indexAddIfBelow(key, "c1", 9, 2)).as("already there counts as added").isTrue();
        assertThat(store.indexRange(key, 0, 10)).containsExactly("c1", "c2");
        store.indexRemove(key, "c1");
        assertThat(store.indexAddIfBelow(key, "c3", 3, 2)).isTrue();
        assertThat(store.indexRange(key, 0, 10)).containsExactly("c2", "c3");
    }

    @Test
    void newestEntriesComeNewestFirst() {
        assertThat(store.newest(k.audit(), 5)).isEmpty();
        for (int i = 1; i <= 4; i++) {
            store.append(k.audit(), Map.of("n", Integer.toString(i)), 1000, null);
        }
        assertThat(store.newest(k.audit(), 3)).extracting(e -> e.fields().get("n")).containsExactly("4", "3", "2");
        assertThat(store.newest(k.audit(), 10)).hasSize(4);
    }
}
