package org.jisr.gateway.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;

/**
 * Console sessions in the shared store (Spring Session's repository port), so a staff member stays signed in
 * whichever node answers and across restarts. Each session is one key with the inactivity timeout as TTL;
 * attribute values are Java-serialized (Spring Security's context, the CSRF token) and read back through a
 * class filter that admits only JDK and Spring classes.
 */
public final class StoreSessions implements SessionRepository<MapSession> {

    private static final Logger log = LoggerFactory.getLogger(StoreSessions.class);
    static final ObjectInputFilter CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=30;maxrefs=10000;maxbytes=1000000;java.base/*;org.springframework.security.**;org.springframework.session.**;org.jisr.**;!*");

    /** What is stored for one session. */
    record Stored(Instant created, Instant lastAccessed, long maxInactiveSeconds, Map<String, String> attributes) {
    }

    private final Store store;
    private final Duration timeout;

    public StoreSessions(Store store, Duration timeout) {
        this.store = store;
        this.timeout = timeout;
    }

    @Override
    public MapSession createSession() {
        MapSession s = new MapSession();
        s.setMaxInactiveInterval(timeout);
        return s;
    }

    @Override
    public void save(MapSession s) {
        if (!s.getId().equals(s.getOriginalId())) { // the id changed at login (session fixation protection)
            store.delete(store.keys().session(s.getOriginalId()));
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        for (String name : s.getAttributeNames()) {
            Object v = s.getAttribute(name);
            if (v instanceof Serializable ser) {
                attrs.put(name, encode(ser));
            }
        }
        Stored st = new Stored(s.getCreationTime(), s.getLastAccessedTime(), s.getMaxInactiveInterval().toSeconds(), attrs);
        store.put(store.keys().session(s.getId()), Json.write(st), s.getMaxInactiveInterval());
    }

    @Override
    public MapSession findById(String id) {
        if (id == null || id.length() > 100) {
            return null;
        }
        return store.get(store.keys().session(id)).map(json -> {
            Stored st = Json.read(json, Stored.class);
            MapSession s = new MapSession(id);
            s.setCreationTime(st.created());
            s.setLastAccessedTime(st.lastAccessed());
            s.setMaxInactiveInterval(Duration.ofSeconds(st.maxInactiveSeconds()));
            for (var e : st.attributes().entrySet()) {
                try {
                    s.setAttribute(e.getKey(), decode(e.getValue()));
                } catch (IOException | ClassNotFoundException | RuntimeException ex) {
                    log.warn("session attribute {} could not be read back; dropped: {}", e.getKey(), ex.toString());
                }
            }
            return s.isExpired() ? null : s;
        }).orElse(null);
    }

    @Override
    public void deleteById(String id) {
        store.delete(store.keys().session(id));
    }

    static String encode(Serializable v) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(v);
        } catch (IOException e) {
            throw new IllegalStateException("session attribute not serializable: " + e, e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static Object decode(String s) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(s)))) {
            in.setObjectInputFilter(CLASSES);
            return in.readObject();
        }
    }
}
