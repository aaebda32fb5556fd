package org.jisr.kb.sample;

import java.io.InputStream;

/**
 * The project's own sample knowledge base (the fictional Government Communication Center), bundled in the jar
 * and imported by the gateway when {@code KB_IMPORT} is unset. Sample data only: every URL is under
 * {@code gcc.example.gov}.
 */
public final class SampleKb {

    /** Class-path location of the sample articles (JSON Lines, the article format of DESIGN.md). */
    public static final String RESOURCE = "/org/jisr/kb/sample/articles.jsonl";

    private SampleKb() {
    }

    /** A fresh stream of the sample articles; the caller closes it. */
    public static InputStream openArticles() {
        InputStream in = SampleKb.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            // only possible with a broken build: the resource is part of this module
            throw new IllegalStateException("sample knowledge base missing from the class path: " + RESOURCE);
        }
        return in;
    }
}
