package org.jisr.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jisr.bots.InboundMessage;
import org.jisr.gateway.Json;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.config.Tuning;
import org.jisr.gateway.conversation.History;
import org.jisr.gateway.conversation.Person;
import org.jisr.gateway.store.DurableQueue;
import org.jisr.gateway.store.MemoryStore;
import org.jisr.gateway.store.Store;
import org.jisr.kb.KbSettings;
import org.junit.jupiter.api.Test;

/**
 * The person record is written once per answered message, yet a reply is only enqueued once the record holds this
 * message's time (the outbound side reads it for the reply window); the turn's history is one write, in order.
 */
class PersonSavesTest {

    final MemoryStore memory = new MemoryStore();
    /** Every person-record write, and the stored lastInboundAt each time a reply was enqueued. */
    final List<String> saves = new CopyOnWriteArrayList<>();
    final List<Instant> lastInboundAtEnqueue = new CopyOnWriteArrayList<>();
    final List<String> historyWrites = new CopyOnWriteArrayList<>();

    Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    final Store store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, (p, m, args) -> {
        if (m.isDefault()) { // e.g. batch(): its writes come back through this proxy, and are seen
            return InvocationHandler.invokeDefault(p, m, args);
        }
        if (m.getName().equals("put") && ((String) args[0]).startsWith(memory.keys().person("")) && !((String) args[0]).contains(":lock")) {
            saves.add((String) args[1]);
        }
        if (m.getName().startsWith("pushCapped")) {
            historyWrites.add(m.getName());
        }
        Object r = call(memory, m, args);
        if (r instanceof DurableQueue q) {
            return Proxy.newProxyInstance(DurableQueue.class.getClassLoader(), new Class<?>[] {DurableQueue.class}, (qp, qm, qargs) -> {
                if (qm.getName().equals("addIfNewInOrder")) {
                    String personKey = (String) qargs[2];
                    lastInboundAtEnqueue.add(memory.get(memory.keys().person(personKey))
                            .map(s -> Json.read(s, Person.class).lastInboundAt()).orElse(null));
                }
                return call(q, qm, qargs);
            });
        }
        return r;
    });

    final PipelineHarness h = new PipelineHarness(TestKb.load(KbSettings.defaults()), Tuning.defaults(), store);

    @Test
    void anAnsweredMessageSavesThePersonOnceAndBeforeItsReplyIsEnqueued() {
        InboundMessage first = h.message("amal", InboundMessage.Kind.TEXT, "What is the Government Communication Center?", null);
        assertThat(h.send(first)).hasSize(1);
        assertThat(saves).as("one save").hasSize(1);
        Person saved = Json.read(saves.getFirst(), Person.class);
        assertThat(saved.choices()).as("the save before the enqueue already holds the answer's choices").hasSize(2);
        assertThat(lastInboundAtEnqueue).singleElement().isEqualTo(saved.lastInboundAt()).isNotNull();
        assertThat(historyWrites).as("one history write").containsExactly("pushCappedAll");
        assertThat(h.history.recent("test:amal", 10)).extracting(History.Turn::from).containsExactly("bot", "person");

        saves.clear();
        lastInboundAtEnqueue.clear();
        InboundMessage second = h.message("amal", InboundMessage.Kind.TEXT, "What is the Government Communication Center?", null);
        h.send(second);
        assertThat(saves).hasSize(1);
        Instant secondAt = Json.read(saves.getFirst(), Person.class).lastInboundAt();
        assertThat(secondAt).isAfterOrEqualTo(saved.lastInboundAt());
        assertThat(lastInboundAtEnqueue).containsExactly(secondAt);
    }

    @Test
    void aTurnWithoutAReplyStillSavesTheMessageTime() {
        h.send(h.message("badr", InboundMessage.Kind.TEXT, "STOP", null));
        saves.clear();
        assertThat(h.send(h.message("badr", InboundMessage.Kind.TEXT, "hello?", null))).as("stopped: silence").isEmpty();
        assertThat(saves).singleElement().satisfies(s -> assertThat(Json.read(s, Person.class).stopped()).isTrue());
        assertThat(h.history.recent("test:badr", 10)).extracting(History.Turn::text).first().isEqualTo("hello?");
    }
}
