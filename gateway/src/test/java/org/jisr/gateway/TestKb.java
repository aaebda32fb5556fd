package org.jisr.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jisr.kb.KbSettings;
import org.jisr.kb.KnowledgeBase;

/** The test fixture knowledge base (src/test/resources/kb/test-articles.jsonl). */
public final class TestKb {

    public static final String FILE = "src/test/resources/kb/test-articles.jsonl";

    private TestKb() {
    }

    public static KnowledgeBase load(KbSettings settings) {
        KnowledgeBase kb = new KnowledgeBase(settings, java.time.Clock.systemUTC());
        try (InputStream in = TestKb.class.getResourceAsStream("/kb/test-articles.jsonl")) {
            kb.importJsonl(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kb;
    }
}
