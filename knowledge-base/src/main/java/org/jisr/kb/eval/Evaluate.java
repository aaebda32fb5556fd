package org.jisr.kb.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 *     [--answer-threshold 0.9] [--suggest-threshold 0.05]"
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
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kb" -> kbFile = Path.of(args[++i]);
                case "--queries" -> queriesFile = Path.of(args[++i]);
                case "--json" -> json = true;
                case "--wrong" -> showWrong = true;
                case "--answer-threshold" -> settings = settings.withAnswerThreshold(Double.parseDouble(args[++i]));
                case "--suggest-threshold" -> settings = settings.withSuggestThreshold(Double.parseDouble(args[++i]));
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (kbFile == null || queriesFile == null) {
            usage("--kb and --queries are required");
        }
        try (KnowledgeBase kb = load(kbFile, settings)) {
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
        KnowledgeBase kb = new KnowledgeBase(settings, Clock.systemDefaultZone());
        try (InputStream in = Files.newInputStream(kbFile)) {
            ImportReport r = kb.importJsonl(in);
            r.errors().forEach(e -> System.err.println(kbFile + ":" + e.line() + ": " + e.error()));
        }
        return kb;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: Evaluate --kb KB.jsonl --queries QUERIES.jsonl [--json] [--wrong] [--answer-threshold T] [--suggest-threshold T]");
        System.exit(2);
    }
}
