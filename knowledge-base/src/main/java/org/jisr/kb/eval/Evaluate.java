package org.jisr.kb.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jisr.kb.KbSettings;
import org.jisr.kb.KnowledgeBase;
import org.jisr.kb.io.ImportReport;

/**
 * The evaluation command: runs a labelled queries file against a KB file and prints the metrics of
 * {@code shared/eval/README.md}.
 *
 * <pre>
 * ./mvnw -q -pl knowledge-base exec:java -Dexec.args="--kb FILE --queries FILE [--json] [--wrong]
 *     [--answer-threshold 0.9] [--suggest-threshold 0.05] [--today YYYY-MM-DD]"
 * </pre>
 */
public final class Evaluate {

    private Evaluate() {
    }

    public static void main(String[] args) throws IOException {
        Path kbFile = null;
        Path queriesFile = null;
        boolean json = false;
        boolean showWrong = false;
        KbSettings settings = KbSettings.defaults();
        Clock clock = Clock.systemDefaultZone();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kb" -> kbFile = Path.of(args[++i]);
                case "--queries" -> queriesFile = Path.of(args[++i]);
                case "--json" -> json = true;
                case "--wrong" -> showWrong = true;
                case "--answer-threshold" -> settings = settings.withAnswerThreshold(Double.parseDouble(args[++i]));
                case "--suggest-threshold" -> settings = settings.withSuggestThreshold(Double.parseDouble(args[++i]));
                case "--today" -> clock = Clock.fixed(LocalDate.parse(args[++i]).atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (kbFile == null || queriesFile == null) {
            usage("--kb and --queries are required");
        }
        try (KnowledgeBase kb = load(kbFile, settings, clock)) {
            List<LabelledQuery> queries = LabelledQuery.read(queriesFile);
            Evaluation.Report report = Evaluation.run(kb, queries);
            System.out.print(json ? report.json() + "\n" : report.text());
            if (showWrong) {
                report.wrongAnswers().forEach(System.out::println);
            }
        }
    }

    /** A knowledge base holding exactly the articles of a JSONL file (import errors are reported on stderr). */
    public static KnowledgeBase load(Path kbFile, KbSettings settings) throws IOException {
        return load(kbFile, settings, Clock.systemDefaultZone());
    }

    /** The same, searching as of the clock's day (validity windows). */
    public static KnowledgeBase load(Path kbFile, KbSettings settings, Clock clock) throws IOException {
        KnowledgeBase kb = new KnowledgeBase(settings, clock);
        try (InputStream in = Files.newInputStream(kbFile)) {
            ImportReport r = kb.importJsonl(in);
            r.errors().forEach(e -> System.err.println(kbFile + ":" + e.line() + ": " + e.error()));
        }
        return kb;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: Evaluate --kb KB.jsonl --queries QUERIES.jsonl [--json] [--wrong] [--answer-threshold T]"
                + " [--suggest-threshold T] [--today YYYY-MM-DD]");
        System.exit(2);
    }
}
