package org.jisr.gateway.config;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jisr.bots.ChannelAdapter;
import org.jisr.bots.Channels;
import org.jisr.bots.webchat.WebchatAdapter;
import org.jisr.gateway.Json;
import org.jisr.gateway.conversation.History;
import org.jisr.gateway.conversation.People;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.escalation.Journalists;
import org.jisr.gateway.stats.Counters;
import org.jisr.gateway.inbound.InboundWorker;
import org.jisr.gateway.inbound.Intake;
import org.jisr.gateway.kb.KbService;
import org.jisr.gateway.ops.GatewayMetrics;
import org.jisr.gateway.outbound.ChannelRegistry;
import org.jisr.gateway.outbound.DeliveryTracker;
import org.jisr.gateway.outbound.OutboundWorker;
import org.jisr.gateway.outbound.Outbox;
import org.jisr.gateway.outbound.WindowHold;
import org.jisr.gateway.pipeline.Pipeline;
import org.jisr.gateway.store.Keys;
import org.jisr.gateway.store.MemoryStore;
import org.jisr.gateway.store.RedisStore;
import org.jisr.gateway.store.Store;
import org.jisr.kb.KnowledgeBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the gateway from {@link Settings}: store, knowledge base, pipeline, queues and workers. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfig {

    private static final Logger log = LoggerFactory.getLogger(GatewayConfig.class);
    /** A visitor's feed keeps the latest replies for a week: enough for a page reopened or reconnected. */
    private static final int WEBCHAT_FEED_LENGTH = 200;
    private static final Duration WEBCHAT_FEED_TTL = Duration.ofDays(7);

    /** Used when the launcher did not register validated settings (tests): read from Spring's environment. */
    @Bean
    @ConditionalOnMissingBean
    Settings settings(Environment env) {
        return Settings.from(env::getProperty);
    }

    /**
     * Used when the launcher did not register validated channels (tests): read from Spring's environment, which
     * includes the process environment, so a test sets TELEGRAM_API_URL and the like as properties.
     */
    @Bean
    @ConditionalOnMissingBean
    Channels channels(Settings settings, Environment env) {
        return Channels.fromEnvironment(env::getProperty, settings.publicBaseUrl());
    }

    /** Replaceable so a test can let time pass (reply windows). */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** This node's name in consumer groups: host plus a random suffix (two JVMs on one host differ). */
    @Bean
    NodeName nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return new NodeName(host.replaceAll("[^A-Za-z0-9.-]", "") + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** This node's consumer name. */
    public record NodeName(String value) {
    }

    @Bean(destroyMethod = "close")
    Store store(Settings s) {
        if (s.inMemory()) {
            log.warn("REDIS_URL is not set: using the in-memory store. Nothing survives a restart and only one node can run.");
            return new MemoryStore(new Keys(s.keyPrefix()), Clock.systemUTC());
        }
        log.info("store: Redis at {}, key prefix '{}'", s.redisUrl().replaceAll("//[^@/]*@", "//***@"), s.keyPrefix());
        RedisStore redis = new RedisStore(s.redisUrl(), new Keys(s.keyPrefix()), 16 + 2 * (s.tuning().workers() + s.tuning().outboundWorkers()) + 32);
        try {
            redis.evictionPolicy().flatMap(GatewayConfig::evictionWarning).ifPresent(log::error);
        } catch (RuntimeException notYet) { // Redis not up yet: the workers wait for it; the check is advice only
            log.debug("eviction policy not read: {}", notYet.toString());
        }
        return redis;
    }

    /** What to tell the operator of a Redis that may evict keys: a queued message or a dedupe mark must never go. */
    static Optional<String> evictionWarning(String policy) {
        return "noeviction".equals(policy) ? Optional.empty() : Optional.of("Redis maxmemory-policy is '" + policy
                + "': when full it evicts keys, and an evicted queue entry or dedupe mark is a lost question or a reply sent twice."
                + " Set maxmemory-policy noeviction (a full Redis then refuses writes, webhooks answer 503 and providers retry).");
    }

    @Bean(destroyMethod = "close")
    KnowledgeBase knowledgeBase() {
        return new KnowledgeBase();
    }

    @Bean(destroyMethod = "close")
    KbService kbService(KnowledgeBase kb, Store store, Settings s) {
        KbService service = new KbService(kb, store);
        service.start(s.kbImport(), s.kbImportSample());
        return service;
    }

    @Bean
    GatewayMetrics gatewayMetrics(MeterRegistry registry, Counters counters) {
        return new GatewayMetrics(registry, counters);
    }

    @Bean
    People people(Store store) {
        return new People(store);
    }

    @Bean
    History history(Store store, Settings s) {
        return new History(store, s.tuning().historyMax(), s.tuning().historyTtl());
    }

    @Bean
    EscalationService escalationService(Store store, Clock clock, ConsoleSettings consoleSettings, Journalists journalists,
            Counters counters) {
        return new EscalationService(store, clock, consoleSettings, journalists, counters);
    }

    @Bean
    Outbox outbox(Store store, Settings s) {
        return new Outbox(store, s.tuning().dedupeTtl());
    }

    @Bean
    Intake intake(Store store, Settings s, Clock clock) {
        return new Intake(store, s.tuning().dedupeTtl(), clock);
    }

    @Bean
    WindowHold windowHold(People people, Outbox outbox, EscalationService cases, GatewayMetrics metrics, Clock clock) {
        return new WindowHold(people, outbox, cases, metrics, clock);
    }

    @Bean
    DeliveryTracker deliveryTracker(Store store, EscalationService cases, People people, ChannelRegistry channels,
            WindowHold windowHold, Outbox outbox, GatewayMetrics metrics) {
        return new DeliveryTracker(store, cases, people, channels, windowHold, outbox, metrics);
    }

    @Bean
    Pipeline pipeline(KbService kb, People people, History history, EscalationService cases, Outbox outbox, Store store,
            Settings s, GatewayMetrics metrics, Clock clock) {
        return new Pipeline(kb, people, history, cases, outbox, store, s.tuning(), metrics, clock);
    }

    /**
     * The web chat's replies go to a per-visitor feed in the store, which the page reads (any node). A reply the
     * outbound worker names is appended once: handled again after a crash, it is not shown twice.
     */
    @Bean
    WebchatAdapter webchatAdapter(Store store, Settings s) {
        String secret = webchatSecret(store);
        WebchatAdapter.Outbox box = (visitor, m, key) -> {
            String feed = store.keys().webchatBox(visitor);
            return key == null ? store.append(feed, Map.of("msg", Json.write(m)), WEBCHAT_FEED_LENGTH, WEBCHAT_FEED_TTL)
                    : store.appendOnce(feed, store.keys().webchatSent(visitor), key, Map.of("msg", Json.write(m), "ref", key),
                            WEBCHAT_FEED_LENGTH, WEBCHAT_FEED_TTL); // ref: which message it answers (the page reads msg only)
        };
        return new WebchatAdapter(secret.getBytes(StandardCharsets.UTF_8), box, s.webchatSendRate());
    }

    /** One secret shared by all nodes (created once in the store), so any node accepts any visitor's cookie. */
    static String webchatSecret(Store store) {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        String key = store.keys().secret("webchat");
        store.putIfAbsent(key, HexFormat.of().formatHex(b), null);
        return store.get(key).orElseThrow();
    }

    /** Every adapter: the provider channels from the environment, the web chat, and any other adapter bean. */
    @Bean
    ChannelRegistry channelRegistry(Channels channels, ObjectProvider<ChannelAdapter> beans) {
        List<ChannelAdapter> all = new ArrayList<>(channels.adapters());
        beans.orderedStream().forEach(all::add);
        return new ChannelRegistry(all);
    }

    @Bean(destroyMethod = "close")
    InboundWorker inboundWorker(Intake intake, Pipeline pipeline, DeliveryTracker deliveries, ChannelRegistry channels,
            People people, Settings s, GatewayMetrics metrics, NodeName node) {
        return new InboundWorker(intake, pipeline, deliveries, channels, people, s.tuning(), metrics, node.value());
    }

    @Bean(destroyMethod = "close")
    OutboundWorker outboundWorker(Store store, Outbox outbox, ChannelRegistry channels, People people,
            EscalationService cases, WindowHold windowHold, Settings s, GatewayMetrics metrics, NodeName node, Clock clock) {
        return new OutboundWorker(store, outbox, channels, people, cases, windowHold, s.tuning(), metrics, node.value(), clock);
    }

}
