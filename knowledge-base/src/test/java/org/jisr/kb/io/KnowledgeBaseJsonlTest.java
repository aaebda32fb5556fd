package org.jisr.kb.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jisr.kb.Article;
import org.jisr.kb.KnowledgeBase;
import org.jisr.kb.Lang;
import org.jisr.kb.sample.SampleKb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link KnowledgeBase#importJsonl} / {@link KnowledgeBase#exportJsonl}: idempotent by id, lossless round trip. */
class KnowledgeBaseJsonlTest {

    private final KnowledgeBase kb = new KnowledgeBase();
    private final KnowledgeBase other = new KnowledgeBase();

    @AfterEach
    void close() {
        kb.close();
        other.close();
    }

    @Test
    void importingTheSameFileTwiceGivesTheSameArticles() throws IOException {
        ImportReport first = importSample(kb);
        List<Article> once = kb.all();

        ImportReport second = importSample(kb);

        assertThat(first.errors()).isEmpty();
        assertThat(second.errors()).isEmpty();
        assertThat(second.imported()).isEqualTo(first.imported());
        assertThat(kb.size()).isEqualTo(once.size());
        assertThat(kb.all()).isEqualTo(once);
    }

    @Test
    void aChangedArticleReplacesTheOldOne() throws IOException {
        importSample(kb);
        int size = kb.size();
        Article before = kb.get("gcc-007").orElseThrow();
        Article neighbour = kb.get("gcc-008").orElseThrow();
        String changed = JsonlImportTest.JSON.writeValueAsString(ArticleJson.toJson(before)
                .put("updated", "2026-11-25"))
                .replace("8:00 pm", "9:00 pm");

        ImportReport r = kb.importJsonl(new ByteArrayInputStream(changed.getBytes(UTF_8)));

        assertThat(r.errors()).isEmpty();
        assertThat(r.imported()).isEqualTo(1);
        assertThat(kb.size()).isEqualTo(size);
        Article after = kb.get("gcc-007").orElseThrow();
        assertThat(after.answer().get(Lang.EN)).contains("9:00 pm").doesNotContain("8:00 pm");
        assertThat(after.updated()).hasToString("2026-11-25");
        assertThat(after.answer().get(Lang.AR)).isEqualTo(before.answer().get(Lang.AR));
        assertThat(kb.get("gcc-008")).contains(neighbour);
    }

    @Test
    void exportThenImportGivesEqualArticlesForTheWholeSample() throws IOException {
        importSample(kb);
        byte[] exported = export(kb);

        ImportReport r = other.importJsonl(new ByteArrayInputStream(exported));

        assertThat(r.errors()).isEmpty();
        assertThat(r.imported()).isEqualTo(kb.size());
        assertThat(other.all()).isEqualTo(kb.all());
        // and the export is stable: the same articles give the same bytes
        assertThat(export(other)).isEqualTo(exported);
    }

    @Test
    void badLinesAreReportedAndGoodOnesStoredThroughTheFacade() throws IOException {
        byte[] input = JsonlImportTest.concat(
                JsonlImportTest.good("x-1"), "\n",
                "[1, 2]\n",
                JsonlImportTest.with("verdict", "\"true\""), "\n",
                JsonlImportTest.good("x-4"), "\n");

        ImportReport r = kb.importJsonl(new ByteArrayInputStream(input));

        assertThat(r.imported()).isEqualTo(2);
        assertThat(r.errors()).extracting(ImportError::line, ImportError::field)
                .containsExactly(tuple(2, "line"), tuple(3, "verdict"));
        assertThat(kb.all()).extracting(Article::id).containsExactly("x-1", "x-4");
    }

    @Test
    void aFailedLineNeverTouchesTheStoredArticleWithTheSameId() throws IOException {
        importSample(kb);
        Article before = kb.get("gcc-001").orElseThrow();
        String broken = JsonlImportTest.JSON.writeValueAsString(ArticleJson.toJson(before).put("valid_from", "soon"));

        ImportReport r = kb.importJsonl(new ByteArrayInputStream(broken.getBytes(UTF_8)));

        assertThat(r.imported()).isZero();
        assertThat(r.errors()).extracting(ImportError::line, ImportError::field).containsExactly(tuple(1, "valid_from"));
        assertThat(kb.get("gcc-001")).contains(before);
    }

    private static ImportReport importSample(KnowledgeBase target) throws IOException {
        try (InputStream in = SampleKb.openArticles()) {
            return target.importJsonl(in);
        }
    }

    private static byte[] export(KnowledgeBase source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        source.exportJsonl(out);
        return out.toByteArray();
    }
}
