package org.jisr.gateway.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jisr.gateway.Json;
import org.jisr.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The append-only audit log: one stream in the store that nothing in the gateway edits or deletes (there is
 * no such operation). Entries name the staff member, the action, its target and a short detail — never a
 * password, and addresses only masked.
 */
public final class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("org.jisr.audit");
    /** Approximate cap of the stream (Redis trims whole macro nodes); far above years of staff actions. */
    static final int MAX = 5_000_000;

    /** What happened. */
    public enum Action {
        LOGIN, LOGIN_FAILED, LOCKED_OUT, LOGOUT,
        CLAIM, RELEASE, REASSIGN, REPLY, CLOSE, PRIORITY,
        DRAFT, APPROVE, REJECT, PUBLISH, RETIRE,
        ACCOUNT_CREATE, ACCOUNT_UPDATE, ACCOUNT_DISABLE,
        JOURNALIST_ADD, JOURNALIST_REMOVE, AUDIT_EXPORT;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One entry; {@code id} is the stream id (time-ordered). */
    @JsonPropertyOrder({"id", "at", "actor", "action", "target", "detail"})
    public record Entry(String id, Instant at, String actor, String action, String target, String detail) {
    }

    private final Store store;
    private final Clock clock;

    public AuditLog(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void record(String actor, Action action, String target, String detail) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("at", clock.instant().toString());
        f.put("actor", actor == null ? "" : actor);
        f.put("action", action.code());
        f.put("target", target == null ? "" : target);
        f.put("detail", detail == null ? "" : detail.length() > 500 ? detail.substring(0, 500) + "…" : detail);
        store.append(store.keys().audit(), f, MAX, null);
        log.info("audit {} {} {}", f.get("actor"), f.get("action"), f.get("target"));
    }

    static Entry entry(Store.FeedEntry e) {
        Map<String, String> f = e.fields();
        return new Entry(e.id(), Instant.parse(f.get("at")), f.get("actor"), f.get("action"), f.get("target"), f.get("detail"));
    }

    /** Newest first. */
    public List<Entry> newest(int n) {
        return store.newest(store.keys().audit(), n).stream().map(AuditLog::entry).toList();
    }

    /** Every entry, oldest first, page by page. */
    public void forEach(java.util.function.Consumer<Entry> each) {
        String after = "0";
        while (true) {
            List<Store.FeedEntry> page = store.readAfter(store.keys().audit(), after, 1000, Duration.ZERO);
            if (page.isEmpty()) {
                return;
            }
            for (Store.FeedEntry e : page) {
                each.accept(entry(e));
                after = e.id();
            }
        }
    }

    /** JSON Lines, one entry per line, oldest first. */
    public void exportJsonl(OutputStream out) {
        forEach(e -> {
            try {
                out.write(Json.write(e).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(Entry.class).withHeader();

    /** A cell a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe. */
    static String cell(String v) {
        return v != null && !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }

    /** CSV with a header line (Jackson's CSV module does the quoting), oldest first. */
    public void exportCsv(OutputStream out) {
        try (SequenceWriter w = CSV.writer(SCHEMA).writeValues(out)) {
            forEach(e -> w.write(new Entry(e.id(), e.at(), cell(e.actor()), e.action(), cell(e.target()), cell(e.detail()))));
        }
    }
}
