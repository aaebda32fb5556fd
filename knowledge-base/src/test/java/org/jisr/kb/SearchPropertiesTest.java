package org.jisr.kb;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any Unicode string is searched without an exception, and the result is well-formed. */
class SearchPropertiesTest {

    private static KnowledgeBase kb;

    @BeforeContainer
    static void open() {
        kb = new KnowledgeBase(KbSettings.defaults().withCacheSize(0), KnowledgeBaseSearchTest.CLOCK);
        kb.upsertAll(KnowledgeBaseSearchTest.sample());
    }

    @AfterContainer
    static void close() {
        kb.close();
    }

    @Property(tries = 1000)
    void anyStringIsSearchedWithoutError(@ForAll String text) {
        check(kb.search(text, null));
    }

    @Property(tries = 300)
    void anyArabicLikeOrSyntaxHeavyTextIsSearched(@ForAll("messy") String text) {
        check(kb.search(text, Lang.AR));
        check(kb.search(text, Lang.EN));
    }

    @Provide
    Arbitrary<String> messy() {
        return Arbitraries.strings().withCharRange('\u0600', '\u06FF').withChars("\"()*~?:^[]{}\\/!+-&| AND OR NOT")
                .withCharRange('\uD800', '\uDFFF').ofMaxLength(300);
    }

    private static void check(SearchResult r) {
        assertThat(r.decision()).isNotNull();
        assertThat(r.hits()).allSatisfy(h -> assertThat(h.confidence()).isBetween(0.0, 1.0));
        if (r.decision() == Decision.ANSWER || r.decision() == Decision.SUGGEST) {
            assertThat(r.hits()).isNotEmpty();
        }
    }
}
