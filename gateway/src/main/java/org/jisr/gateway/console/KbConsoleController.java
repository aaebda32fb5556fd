package org.jisr.gateway.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jisr.gateway.ActionException;
import org.jisr.gateway.Json;
import org.jisr.gateway.kb.KbEditor;
import org.jisr.kb.Article;
import org.jisr.kb.Hit;
import org.jisr.kb.Lang;
import org.jisr.kb.io.ArticleJson;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The KB editor (EDITOR): search, edit every field, publish, retire, version history, and the drafts to approve. */
@Controller
class KbConsoleController {

    private final KbEditor editor;
    private final Clock clock;

    KbConsoleController(KbEditor editor, Clock clock) {
        this.editor = editor;
        this.clock = clock;
    }

    @GetMapping("/console/kb")
    String list(@RequestParam(name = "q", required = false) String q, Model model) {
        List<Article> all = editor.kb().all();
        List<Article> shown;
        if (q == null || q.isBlank()) {
            shown = all;
        } else {
            // the search's ranking first, then any id or text containing the words
            Set<Article> found = new LinkedHashSet<>();
            for (Hit h : editor.kb().search(q, null, 20).hits()) {
                found.add(h.article());
            }
            String needle = q.strip().toLowerCase(Locale.ROOT);
            for (Article a : all) {
                if (a.id().toLowerCase(Locale.ROOT).contains(needle) || ArticleJson.toLine(a).toLowerCase(Locale.ROOT).contains(needle)) {
                    found.add(a);
                }
            }
            shown = new ArrayList<>(found);
        }
        model.addAttribute("articles", shown.stream().limit(500).toList());
        model.addAttribute("total", all.size());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("pending", editor.pending().size());
        model.addAttribute("today", LocalDate.now(clock));
        return "console/kb";
    }

    /** The edit form's fields; questions one per line, tags comma-separated. */
    record ArticleForm(String id, String type, String verdict, String questionsAr, String questionsEn, String answerAr,
            String answerEn, String shortAr, String shortEn, String sourceName, String sourceUrl, String tags,
            String validFrom, String validUntil, String updated, boolean isNew) {

        static ArticleForm of(Article a) {
            return new ArticleForm(a.id(), a.type().code(), a.verdict() == null ? "" : a.verdict().code(),
                    String.join("\n", a.questions().getOrDefault(Lang.AR, List.of())),
                    String.join("\n", a.questions().getOrDefault(Lang.EN, List.of())),
                    a.answer().getOrDefault(Lang.AR, ""), a.answer().getOrDefault(Lang.EN, ""),
                    a.shortAnswer().getOrDefault(Lang.AR, ""), a.shortAnswer().getOrDefault(Lang.EN, ""),
                    a.source() == null ? "" : a.source().name(), a.source() == null || a.source().url() == null ? "" : a.source().url(),
                    String.join(", ", a.tags()), a.validFrom() == null ? "" : a.validFrom().toString(),
                    a.validUntil() == null ? "" : a.validUntil().toString(), a.updated() == null ? "" : a.updated().toString(), false);
        }

        /** As an article JSON object, so the import rules (ArticleJson) validate it and name bad fields. */
        ObjectNode json(String pathId) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("id", pathId != null ? pathId : id == null ? "" : id.strip());
            o.put("type", blank(type) ? "faq" : type);
            ObjectNode q = o.putObject("questions");
            lines(q, "ar", questionsAr);
            lines(q, "en", questionsEn);
            ObjectNode ans = o.putObject("answer");
            text(ans, "ar", answerAr);
            text(ans, "en", answerEn);
            if (!blank(shortAr) || !blank(shortEn)) {
                ObjectNode s = o.putObject("short");
                text(s, "ar", shortAr);
                text(s, "en", shortEn);
            }
            if (!blank(sourceName)) {
                ObjectNode s = o.putObject("source");
                s.put("name", sourceName.strip());
                if (!blank(sourceUrl)) {
                    s.put("url", sourceUrl.strip());
                }
            }
            ArrayNode t = o.putArray("tags");
            if (!blank(tags)) {
                Arrays.stream(tags.split(",")).map(String::strip).filter(x -> !x.isEmpty()).forEach(t::add);
            }
            date(o, "valid_from", validFrom);
            date(o, "valid_until", validUntil);
            date(o, "updated", updated);
            if (!blank(verdict)) {
                o.put("verdict", verdict);
            } else {
                o.putNull("verdict");
            }
            return o;
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        private static void lines(ObjectNode q, String lang, String text) {
            if (blank(text)) {
                return;
            }
            ArrayNode arr = q.putArray(lang);
            text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(arr::add);
        }

        private static void text(ObjectNode o, String lang, String text) {
            if (!blank(text)) {
                o.put(lang, text.strip());
            }
        }

        private static void date(ObjectNode o, String field, String v) {
            if (!blank(v)) {
                o.put(field, v.strip());
            }
        }
    }

    private String form(Model model, ArticleForm form, String id) {
        model.addAttribute("form", form);
        model.addAttribute("versions", id == null ? List.of() : editor.versions(id));
        model.addAttribute("drafts", id == null ? List.of() : editor.pending().stream().filter(d -> d.articleId().equals(id)).toList());
        return "console/article";
    }

    @GetMapping("/console/kb/new")
    String create(Model model) {
        String today = LocalDate.now(clock).toString();
        return form(model, new ArticleForm("", "faq", "", "", "", "", "", "", "", "", "", "", today, "", today, true), null);
    }

    @GetMapping("/console/kb/articles/{id}")
    String edit(@PathVariable String id, Model model) {
        Article a = editor.kb().get(id).orElseThrow(() -> new ActionException(404, "no article '" + id + "'"));
        return form(model, ArticleForm.of(a), id);
    }

    /** Publishes the form (a new article or a change): validated by the import rules, versioned, on every node. */
    @PostMapping("/console/kb/articles")
    String save(ArticleForm form, Authentication auth, Model model, RedirectAttributes flash) {
        String id = form.id() == null ? "" : form.id().strip();
        ArticleJson.Parsed p = ArticleJson.parse(form.json(id));
        String problem = null;
        if (!p.ok()) {
            problem = String.join("; ", p.errors().stream().map(e -> e.field() + ": " + e.message()).toList());
        } else if (form.isNew() && editor.kb().get(id).isPresent()) {
            problem = "id: an article '" + id + "' already exists";
        }
        if (problem != null) {
            model.addAttribute("problem", problem);
            return form(model, form, form.isNew() ? null : id);
        }
        editor.publish(p.article(), auth.getName(), form.isNew() ? "created in the console" : "edited in the console");
        flash.addFlashAttribute("notice", "published");
        return "redirect:/console/kb/articles/" + id;
    }

    @PostMapping("/console/kb/articles/{id}/retire")
    String retire(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
        if (!editor.retire(id, auth.getName(), "retired in the console")) {
            throw new ActionException(404, "no article '" + id + "'");
        }
        flash.addFlashAttribute("notice", "retired");
        return "redirect:/console/kb";
    }

    @GetMapping("/console/kb/drafts")
    String drafts(Model model) {
        model.addAttribute("drafts", editor.pending());
        return "console/drafts";
    }

    @PostMapping("/console/kb/drafts/{id}/approve")
    String approve(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
        try {
            Article a = editor.approve(id, auth.getName());
            flash.addFlashAttribute("notice", "approved");
            flash.addFlashAttribute("articleId", a.id());
        } catch (ActionException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/kb/drafts";
    }

    @PostMapping("/console/kb/drafts/{id}/reject")
    String reject(@PathVariable String id, @RequestParam(name = "note", required = false) String note, Authentication auth,
            RedirectAttributes flash) {
        try {
            editor.reject(id, auth.getName(), note);
            flash.addFlashAttribute("notice", "rejected");
        } catch (ActionException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/kb/drafts";
    }
}
