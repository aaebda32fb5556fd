package org.jisr.kb.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jisr.kb.Decision;
import org.jisr.kb.Hit;
import org.jisr.kb.KnowledgeBase;
import org.jisr.kb.Lang;
import org.jisr.kb.SearchResult;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scores a labelled query set exactly as {@code shared/eval/README.md} defines it.
 *
 * <p>In-KB query: <b>correct</b> = ANSWER with the expected article first; <b>wrong</b> = ANSWER with another
 * article first; <b>suggested</b> = SUGGEST with the expected article among the first three; <b>missed</b> =
 * otherwise. Out-of-KB query: <b>wrong</b> = ANSWER; otherwise <b>abstained</b>.
 * Per language: correct-answer rate = correct / in-KB; resolved rate = (correct + suggested) / in-KB;
 * wrong share = wrong answers / all answers given (in-KB and out-of-KB). Queries of kind
 * {@code contradiction} are scored the same way but kept out of the language rates and reported apart.
 */
public final class Evaluation {

    /** What happened to one query. */
    public enum Outcome { CORRECT, WRONG, SUGGESTED, MISSED, ABSTAINED }

    /** Counts of outcomes for a group of queries. */
    public static final class Tally {
        private final int[] n = new int[Outcome.values().length];
        private int answers;

        void add(Outcome o, boolean answered) {
            n[o.ordinal()]++;
            if (answered) {
                answers++;
            }
        }

        public int get(Outcome o) {
            return n[o.ordinal()];
        }

        public int answers() {
            return answers;
        }

        public int inKb() {
            return get(Outcome.CORRECT) + get(Outcome.SUGGESTED) + get(Outcome.MISSED) + wrongInKb;
        }

        private int wrongInKb;

        public int total() {
            int t = 0;
            for (int v : n) {
                t += v;
            }
            return t;
        }

        public double correctRate() {
            return ratio(get(Outcome.CORRECT), inKb());
        }

        public double resolvedRate() {
            return ratio(get(Outcome.CORRECT) + get(Outcome.SUGGESTED), inKb());
        }

        public double wrongShare() {
            return ratio(get(Outcome.WRONG), answers);
        }
    }

    /** The whole report. */
    public record Report(Map<Lang, Tally> languages, Map<String, Tally> groups, Map<String, Boolean> groupInKb,
            Tally contradiction, List<String> wrongAnswers) {

        public Tally language(Lang lang) {
            return languages.getOrDefault(lang, new Tally());
        }

        /** The metrics as text, one line per language, then per source and kind. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<Lang, Tally> e : languages.entrySet()) {
                Tally t = e.getValue();
                sb.append(String.format(Locale.ROOT,
                        "%s: correct-answer rate %s (%d/%d), resolved rate %s (%d/%d), wrong share %s (%d/%d answers)%n",
                        e.getKey().code(), pct(t.correctRate()), t.get(Outcome.CORRECT), t.inKb(), pct(t.resolvedRate()),
                        t.get(Outcome.CORRECT) + t.get(Outcome.SUGGESTED), t.inKb(), pct(t.wrongShare()),
                        t.get(Outcome.WRONG), t.answers()));
            }
            for (Map.Entry<String, Tally> e : groups.entrySet()) {
                Tally t = e.getValue();
                String[] sk = e.getKey().split("\t");
                if (groupInKb.get(e.getKey())) {
                    sb.append(String.format(Locale.ROOT,
                            "  %s / %s%s (in-KB, %d): correct %d, wrong %d, suggested %d, missed %d%n", sk[0], sk[1],
                            sk[1].equals(LabelledQuery.CONTRADICTION) ? " [scored separately]" : "", t.total(),
                            t.get(Outcome.CORRECT), t.get(Outcome.WRONG), t.get(Outcome.SUGGESTED), t.get(Outcome.MISSED)));
                } else {
                    sb.append(String.format(Locale.ROOT, "  %s / %s (out-of-KB, %d): wrong %d, abstained %d%n",
                            sk[0], sk[1], t.total(), t.get(Outcome.WRONG), t.get(Outcome.ABSTAINED)));
                }
            }
            if (contradiction.total() > 0) {
                Tally t = contradiction;
                sb.append(String.format(Locale.ROOT,
                        "contradiction (scored separately): correct-answer rate %s (%d/%d), resolved rate %s, wrong share %s (%d/%d answers)%n",
                        pct(t.correctRate()), t.get(Outcome.CORRECT), t.inKb(), pct(t.resolvedRate()),
                        pct(t.wrongShare()), t.get(Outcome.WRONG), t.answers()));
            }
            return sb.toString();
        }

        public String json() {
            JsonMapper mapper = JsonMapper.builder().build();
            ObjectNode root = mapper.createObjectNode();
            ObjectNode langs = root.putObject("languages");
            languages.forEach((lang, t) -> fill(langs.putObject(lang.code()), t, true));
            var arr = root.putArray("groups");
            groups.forEach((k, t) -> {
                String[] sk = k.split("\t");
                ObjectNode g = arr.addObject();
                g.put("source", sk[0]);
                g.put("kind", sk[1]);
                g.put("in_kb", groupInKb.get(k));
                g.put("scored_separately", sk[1].equals(LabelledQuery.CONTRADICTION));
                fill(g, t, groupInKb.get(k));
            });
            if (contradiction.total() > 0) {
                fill(root.putObject("contradiction"), contradiction, true);
            }
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        }

        private static void fill(ObjectNode o, Tally t, boolean rates) {
            o.put("queries", t.total());
            o.put("in_kb", t.inKb());
            o.put("correct", t.get(Outcome.CORRECT));
            o.put("wrong", t.get(Outcome.WRONG));
            o.put("suggested", t.get(Outcome.SUGGESTED));
            o.put("missed", t.get(Outcome.MISSED));
            o.put("abstained", t.get(Outcome.ABSTAINED));
            o.put("answers", t.answers());
            if (rates) {
                o.put("correct_answer_rate", t.correctRate());
                o.put("resolved_rate", t.resolvedRate());
                o.put("wrong_share", t.wrongShare());
            }
        }
    }

    private Evaluation() {
    }

    public static Outcome score(LabelledQuery q, SearchResult r) {
        List<Hit> hits = r.hits();
        if (!q.inKb()) {
            return r.decision() == Decision.ANSWER ? Outcome.WRONG : Outcome.ABSTAINED;
        }
        if (r.decision() == Decision.ANSWER && !hits.isEmpty()) {
            return hits.getFirst().id().equals(q.expectedId()) ? Outcome.CORRECT : Outcome.WRONG;
        }
        if (r.decision() == Decision.SUGGEST) {
            for (int i = 0; i < Math.min(3, hits.size()); i++) {
                if (hits.get(i).id().equals(q.expectedId())) {
                    return Outcome.SUGGESTED;
                }
            }
        }
        return Outcome.MISSED;
    }

    public static Report run(KnowledgeBase kb, List<LabelledQuery> queries) {
        Map<Lang, Tally> langs = new EnumMap<>(Lang.class);
        Map<String, Tally> groups = new TreeMap<>();
        Map<String, Boolean> groupInKb = new TreeMap<>();
        Tally contradiction = new Tally();
        List<String> wrong = new ArrayList<>();
        for (LabelledQuery q : queries) {
            SearchResult r = kb.search(q.query(), q.lang());
            Outcome o = score(q, r);
            boolean answered = r.decision() == Decision.ANSWER;
            String key = q.source() + "\t" + q.kind();
            Tally g = groups.computeIfAbsent(key, k -> new Tally());
            groupInKb.merge(key, q.inKb(), Boolean::logicalOr);
            Tally target = q.kind().equals(LabelledQuery.CONTRADICTION) ? contradiction
                    : langs.computeIfAbsent(q.lang(), l -> new Tally());
            for (Tally t : List.of(g, target)) {
                t.add(o, answered);
                if (o == Outcome.WRONG && q.inKb()) {
                    t.wrongInKb++;
                }
            }
            if (o == Outcome.WRONG) {
                wrong.add(q.qid() + "\t" + q.source() + "/" + q.kind() + "\t" + q.query() + "\t→ "
                        + r.best().id() + " " + r.best().matchedQuestion() + String.format(Locale.ROOT, " (%.2f)", r.best().confidence()));
            }
        }
        return new Report(langs, groups, groupInKb, contradiction, wrong);
    }

    static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
