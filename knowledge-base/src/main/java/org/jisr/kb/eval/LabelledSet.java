package org.jisr.kb.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.jisr.kb.Article;
import org.jisr.kb.io.Jsonl;

/**
 * A knowledge base with its labelled queries, evaluated as of one day (validity windows).
 *
 * @param name     for reports (the queries file's name)
 * @param articles the knowledge base
 * @param queries  the labelled queries
 * @param today    the day searches run on
 */
public record LabelledSet(String name, List<Article> articles, List<LabelledQuery> queries, LocalDate today) {

    public static LabelledSet read(Path kb, Path queries, LocalDate today) throws IOException {
        List<Article> articles;
        try (InputStream in = Files.newInputStream(kb)) {
            articles = Jsonl.read(in).articles();
        }
        return new LabelledSet(queries.getFileName().toString(), articles, LabelledQuery.read(queries), today);
    }

    /** The same set with only some of its queries. */
    public LabelledSet with(List<LabelledQuery> subset) {
        return new LabelledSet(name, articles, subset, today);
    }
}
