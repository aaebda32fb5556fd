package org.jisr.gateway.console;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.stats.Counters;
import org.jisr.gateway.stats.QuestionGroups;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The dashboard page and its data (drawn by the bundled Chart.js): traffic, decisions, reply times, unanswered. */
@Controller
class DashboardController {

    private final Counters counters;
    private final EscalationService cases;
    private final Clock clock;

    DashboardController(Counters counters, EscalationService cases, Clock clock) {
        this.counters = counters;
        this.cases = cases;
        this.clock = clock;
    }

    static int hours(String period) {
        return "7d".equals(period) ? 168 : 24;
    }

    @GetMapping("/console/dashboard")
    String page(@RequestParam(name = "period", defaultValue = "24h") String period, Model model) {
        List<Case> open = cases.listOpen(1000);
        long overdue = open.stream().filter(c -> c.dueAt() != null && c.dueAt().isBefore(clock.instant())).count();
        List<Counters.Hour> hs = counters.lastHours(hours(period));
        long replies = hs.stream().mapToLong(h -> h.get("reply:n")).sum();
        long ms = hs.stream().mapToLong(h -> h.get("reply:ms")).sum();
        long in = hs.stream().mapToLong(h -> h.fields().entrySet().stream().filter(e -> e.getKey().startsWith("msg:in:")).mapToLong(Map.Entry::getValue).sum()).sum();
        model.addAttribute("period", "7d".equals(period) ? "7d" : "24h");
        model.addAttribute("openCount", open.size());
        model.addAttribute("overdue", overdue);
        model.addAttribute("journalistsWaiting", open.stream().filter(c -> c.journalist() != null).count());
        model.addAttribute("messagesIn", in);
        model.addAttribute("avgReplyMinutes", replies == 0 ? "–" : Long.toString(Duration.ofMillis(ms / replies).toMinutes()));
        return "console/dashboard";
    }

    @GetMapping(path = "/console/dashboard/data", produces = "application/json")
    @ResponseBody
    Map<String, Object> data(@RequestParam(name = "period", defaultValue = "24h") String period) {
        List<Counters.Hour> hs = counters.lastHours(hours(period));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hours", hs.stream().map(h -> h.start().toEpochMilli()).toList());
        TreeSet<String> channels = new TreeSet<>();
        hs.forEach(h -> h.fields().keySet().stream().filter(k -> k.startsWith("msg:in:")).forEach(k -> channels.add(k.substring(7))));
        Map<String, List<Long>> perChannel = new LinkedHashMap<>();
        for (String ch : channels) {
            perChannel.put(ch, hs.stream().map(h -> h.get("msg:in:" + ch)).toList());
        }
        out.put("messages", perChannel);
        Map<String, Long> decisions = new LinkedHashMap<>();
        for (String d : List.of("answer", "suggest", "escalate")) {
            decisions.put(d, hs.stream().mapToLong(h -> h.get("dec:" + d)).sum());
        }
        out.put("decisions", decisions);
        List<Long> buckets = new ArrayList<>();
        for (int b = 0; b <= Counters.REPLY_BUCKETS.size(); b++) {
            int bucket = b;
            buckets.add(hs.stream().mapToLong(h -> h.get("reply:b:" + bucket)).sum());
        }
        out.put("replyBuckets", buckets);
        out.put("replyAvgMinutes", hs.stream().map(h -> h.get("reply:n") == 0 ? null
                : Math.round(h.get("reply:ms") / (double) h.get("reply:n") / 60000.0 * 10) / 10.0).toList());
        List<String> questions = counters.unansweredSince(clock.instant().minus(Duration.ofHours(hours(period))))
                .stream().map(Counters.Unanswered::text).toList();
        out.put("unanswered", QuestionGroups.group(questions, 12));
        return out;
    }
}
