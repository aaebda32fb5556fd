package org.jisr.gateway.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import org.jisr.gateway.ActionException;
import org.jisr.gateway.TestKb;
import org.jisr.gateway.audit.AuditLog;
import org.jisr.gateway.store.MemoryStore;
import org.jisr.gateway.store.Store;
import org.jisr.kb.Article;
import org.jisr.kb.Decision;
import org.jisr.kb.KbSettings;
import org.jisr.kb.Lang;
import org.jisr.kb.Source;
import org.junit.jupiter.api.Test;

/** The knowledge loop and versioning on the in-memory store with the test knowledge base. */
class KbEditorTest {

    final Store store = new MemoryStore();
    final KbService kb = new KbService(TestKb.load(KbSettings.defaults()), store);
    final AuditLog audit = new AuditLog(store, Clock.systemUTC());
    final KbEditor editor = new KbEditor(kb, store, audit, Clock.systemUTC());

    @Test
    void aLiaisonsPhrasingWaitsForAnEditorThenAnswers() {
        String q = "Who runs the government messaging office?";
        assertThat(kb.search(q, Lang.EN).decision()).isNotEqualTo(Decision.ANSWER);
        Object r = editor.addPhrasing("gcc-001", Lang.EN, q, "c-1", "lina", false);
        assertThat(r).isInstanceOf(KbEditor.Draft.class);
        KbEditor.Draft d = (KbEditor.Draft) r;
        assertThat(editor.pending()).extracting(KbEditor.Draft::id).containsExactly(d.id());
        assertThat(kb.get("gcc-001").orElseThrow().questions().get(Lang.EN)).doesNotContain(q);

        Article published = editor.approve(d.id(), "eddie");
        assertThat(published.questions().get(Lang.EN)).contains(q);
        assertThat(kb.search(q, Lang.EN).decision()).isEqualTo(Decision.ANSWER);
        assertThat(kb.search(q, Lang.EN).best().id()).isEqualTo("gcc-001");
        assertThat(editor.pending()).isEmpty();
        assertThatThrownBy(() -> editor.approve(d.id(), "eddie")).isInstanceOf(ActionException.class).hasMessageContaining("already approved by eddie");
        assertThat(editor.versions("gcc-001")).extracting(KbEditor.Version::action).containsExactly("approve", "draft");
        assertThat(editor.versions("gcc-001")).extracting(KbEditor.Version::n).containsExactly(2L, 1L);
        assertThat(audit.newest(10)).extracting(AuditLog.Entry::action).contains("draft", "approve");
    }

    @Test
    void anEditorsPhrasingIsPublishedAtOnceAndADuplicateIsRefused() {
        Object r = editor.addPhrasing("gcc-001", Lang.EN, "What does the GCC do exactly?", "c-2", "eddie", true);
        assertThat(r).isInstanceOf(Article.class);
        assertThatThrownBy(() -> editor.addPhrasing("gcc-001", Lang.EN, "  what does the GCC   do exactly? ", "c-2", "eddie", true))
                .hasMessageContaining("already has this question");
        assertThat(editor.versions("gcc-001")).singleElement().satisfies(v -> {
            assertThat(v.action()).isEqualTo("publish");
            assertThat(v.note()).isEqualTo("new phrasing from case c-2");
            assertThat(v.parsed().orElseThrow().questions().get(Lang.EN)).contains("What does the GCC do exactly?");
        });
    }

    @Test
    void aReplyBecomesADraftArticleThatAnEditorPublishesOrRejects() {
        LocalDate today = LocalDate.now();
        Article a = KbEditor.fromReply("staff-1", Lang.AR, "متى يفتح متحف اللؤلؤ؟", "يفتح المتحف يومياً من التاسعة صباحاً.",
                new Source("مركز التواصل الحكومي", null), today);
        KbEditor.Draft d = editor.propose(KbEditor.Kind.NEW_ARTICLE, a, null, null, "c-3", "lina", null);
        assertThat(kb.get("staff-1")).isEmpty();
        assertThatThrownBy(() -> editor.propose(KbEditor.Kind.NEW_ARTICLE,
                KbEditor.fromReply("gcc-001", Lang.EN, "q", "a", null, today), null, null, null, "lina", null))
                .hasMessageContaining("already exists");
        editor.approve(d.id(), "eddie");
        assertThat(kb.search("متى يفتح متحف اللؤلؤ؟", Lang.AR).best().id()).isEqualTo("staff-1");

        KbEditor.Draft other = editor.propose(KbEditor.Kind.NEW_ARTICLE,
                KbEditor.fromReply("staff-2", Lang.EN, "Is the pearl museum free?", "Yes.", null, today), null, null, null, "lina", null);
        editor.reject(other.id(), "eddie", "not official yet");
        assertThat(kb.get("staff-2")).isEmpty();
        assertThat(editor.versions("staff-2")).extracting(KbEditor.Version::action).containsExactly("reject", "draft");

        assertThat(editor.retire("staff-1", "eddie", null)).isTrue();
        assertThat(editor.retire("staff-1", "eddie", null)).isFalse();
        assertThat(editor.versions("staff-1")).extracting(KbEditor.Version::action).containsExactly("retire", "approve", "draft");
        assertThat(kb.get("staff-1")).isEmpty();
    }

    @Test
    void anInvalidArticleIsRefusedWithTheFieldNamed() {
        Article bad = KbEditor.fromReply("bad id!", Lang.EN, "q", "a", null, LocalDate.now());
        assertThatThrownBy(() -> editor.publish(bad, "eddie", null)).isInstanceOf(ActionException.class).hasMessageStartingWith("id:");
        assertThat(editor.versions("bad id!")).isEmpty();
    }
}
