package org.jisr.gateway.escalation;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.Store;

/**
 * Verified journalists, registered by an ADMIN by channel identity: a phone number (channel {@value #PHONE},
 * which matches SMS, WhatsApp through Twilio and the WhatsApp Cloud API alike), or an identity on one channel
 * (a Telegram user id: channel "telegram"). Their cases are marked and prioritised, and answers to them carry
 * an attribution line. Look-ups read the whole registry (small) cached for {@link #CACHE_FOR}: a change made on this
 * node applies at once, one made on another node within that time.
 */
public final class Journalists {

    /** The pseudo-channel of a phone number, matched on every channel whose address is that number. */
    public static final String PHONE = "phone";

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_-]{1,32}");
    /** An address that is a phone number: optional "whatsapp:" scheme, optional +, 7–15 digits with separators. */
    private static final Pattern PHONE_LIKE = Pattern.compile("(?:[a-z]+:)?\\+?[0-9][0-9 ().-]{5,24}");

    /**
     * One registered journalist.
     *
     * @param channel  "phone" or a channel name
     * @param identity normalised: "+digits" for phones, else as given
     */
    public record Journalist(String channel, String identity, String name, String outlet, Instant registeredAt, String registeredBy) {

        public String key() {
            return channel + ":" + identity;
        }

        public Case.Journalist mark() {
            return new Case.Journalist(name, outlet);
        }
    }

    /** How long a node may answer look-ups from its copy of the registry (one round trip saved per answered message). */
    static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private final Store store;
    /** The whole registry (key "channel:identity" → JSON) under one cache key. */
    private final LoadingCache<String, Map<String, String>> registry;

    public Journalists(Store store) {
        this(store, CACHE_FOR);
    }

    Journalists(Store store, Duration cacheFor) {
        this.store = store;
        this.registry = Caffeine.newBuilder().expireAfterWrite(cacheFor)
                .build(k -> Map.copyOf(store.hashAll(store.keys().journalists())));
    }

    /** "+9715…" for anything that is a phone number, else null. */
    static String phone(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        if (!PHONE_LIKE.matcher(a).matches()) {
            return null;
        }
        String digits = a.replaceAll("[^0-9]", "");
        return digits.length() >= 7 && digits.length() <= 15 ? "+" + digits : null;
    }

    /** Checks and normalises a registration; throws {@link IllegalArgumentException} naming the field. */
    static String normalise(String channel, String identity) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("channel: \"phone\" or a channel name (lower-case letters, digits, '-', '_')");
        }
        if (identity == null || identity.isBlank() || identity.length() > 128) {
            throw new IllegalArgumentException("identity: required, at most 128 characters");
        }
        if (channel.equals(PHONE)) {
            String p = phone(identity);
            if (p == null) {
                throw new IllegalArgumentException("identity: not a phone number (7 to 15 digits, e.g. +971501234567)");
            }
            return p;
        }
        if (!identity.strip().matches("[\\p{L}\\p{N}+:@._-]+")) {
            throw new IllegalArgumentException("identity: letters, digits and + : @ . _ - only");
        }
        return identity.strip();
    }

    /** The journalist a person is, if registered (by the exact address on the channel, or by phone number). */
    public Optional<Journalist> find(String channel, String sender) {
        if (sender == null) {
            return Optional.empty();
        }
        Optional<Journalist> exact = get(channel + ":" + sender.strip());
        if (exact.isPresent()) {
            return exact;
        }
        String p = phone(sender);
        return p == null ? Optional.empty() : get(PHONE + ":" + p);
    }

    private Optional<Journalist> get(String key) {
        return Optional.ofNullable(registry.get("all").get(key)).map(j -> Json.read(j, Journalist.class));
    }

    public List<Journalist> all() {
        return store.hashAll(store.keys().journalists()).values().stream().map(j -> Json.read(j, Journalist.class))
                .sorted(Comparator.comparing(Journalist::outlet, String.CASE_INSENSITIVE_ORDER).thenComparing(Journalist::name))
                .toList();
    }

    /** Registers or updates; throws {@link IllegalArgumentException} naming the bad field. */
    public Journalist register(String channel, String identity, String name, String outlet, String by, Instant now) {
        String id = normalise(channel, identity);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name: required, at most 100 characters");
        }
        if (outlet == null || outlet.isBlank() || outlet.length() > 100) {
            throw new IllegalArgumentException("outlet: required, at most 100 characters");
        }
        Journalist j = new Journalist(channel, id, name.strip(), outlet.strip(), now, by);
        store.hashPut(store.keys().journalists(), j.key(), Json.write(j));
        registry.invalidateAll();
        return j;
    }

    /** False when no such journalist was registered. */
    public boolean remove(String channel, String identity) {
        String key = channel + ":" + normalise(channel, identity);
        boolean had = store.hashGet(store.keys().journalists(), key).isPresent();
        store.hashDelete(store.keys().journalists(), key);
        registry.invalidateAll();
        return had;
    }
}
