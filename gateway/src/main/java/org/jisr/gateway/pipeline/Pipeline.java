package org.jisr.gateway.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jisr.bots.InboundMessage;
import org.jisr.bots.OutboundMessage;
import org.jisr.bots.OutboundMessage.Choice;
import org.jisr.gateway.config.Tuning;
import org.jisr.gateway.conversation.History;
import org.jisr.gateway.conversation.People;
import org.jisr.gateway.conversation.Person;
import org.jisr.gateway.escalation.Attribution;
import org.jisr.gateway.escalation.Case;
import org.jisr.gateway.escalation.EscalationService;
import org.jisr.gateway.kb.KbService;
import org.jisr.gateway.ops.GatewayMetrics;
import org.jisr.gateway.outbound.OutboundJob;
import org.jisr.gateway.outbound.Outbox;
import org.jisr.gateway.store.Store;
import org.jisr.kb.Article;
import org.jisr.kb.Decision;
import org.jisr.kb.Hit;
import org.jisr.kb.Lang;
import org.jisr.kb.SearchResult;

/**
 * The conversation pipeline, channel-agnostic: rate limit → language → commands → open case → picked
 * choice → knowledge base → answer / suggest / escalate. Every effect is keyed by the inbound message, so
 * handling the same message twice (after a worker died before acknowledging it) sends each reply once and
 * opens one case.
 */
public final class Pipeline {

    /** Choice ids carried by buttons (and picked by number). */
    static final String PICK = "pick:";
    static final String YES = "fb:y:";
    static final String NO = "fb:n:";
    static final String HUMAN = "human";
    static final String LANG = "lang:";

    private final KbService kb;
    private final People people;
    private final History history;
    private final EscalationService cases;
    private final Outbox outbox;
    private final Store store;
    private final Tuning tuning;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public Pipeline(KbService kb, People people, History history, EscalationService cases, Outbox outbox, Store store,
            Tuning tuning, GatewayMetrics metrics, Clock clock) {
        this.kb = kb;
        this.people = people;
        this.history = history;
        this.cases = cases;
        this.outbox = outbox;
        this.store = store;
        this.tuning = tuning;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The replies of one inbound message, with ids derived from it. The person record is saved lazily (when it changed
     * since the last save: before the first reply is enqueued, and once at the end), and the turn's history lines are
     * written together at the end. These writes go in one batch, sent when the turn ends (one round trip): a turn that
     * fails half-way sends none of them, and is handled again from the start.
     */
    private final class Turn {
        final InboundMessage in;
        final String key;
        Person person;
        /** What this turn last saved; null: nothing yet. */
        Person saved;
        Lang lang;
        int n;
        /** This turn's history lines, oldest first: the person's, then the bot's. */
        final List<History.Turn> lines = new ArrayList<>();
        /** The person record, replies and history, in the order they were made. */
        final Store.Batch writes = store.batch();

        Turn(InboundMessage in, Person person) {
            this.in = in;
            this.key = in.channel() + ":" + in.providerMessageId();
            this.person = person;
        }

        void say(String text, List<Choice> choices, String shortText, String caseId) {
            OutboundMessage m = new OutboundMessage(in.channel(), in.sender(), text, shortText, choices, null, lang.code());
            beforeEnqueue();
            outbox.enqueue(new OutboundJob(key + ":" + (n++), person.key(), m, OutboundJob.Priority.REPLY, 0, caseId, false), writes);
            lines.add(new History.Turn(clock.instant(), "bot", text));
        }

        void say(Phrase p) {
            say(p.in(lang), List.of(), null, null);
        }

        /**
         * A reply may be sent as soon as it is enqueued, and its reply window (WhatsApp: 24 h) counts from this message:
         * the record with this message's time is written ahead of it (once a turn; later changes wait for the end).
         */
        void beforeEnqueue() {
            if (saved == null) {
                saveIfChanged();
            }
        }

        void saveIfChanged() {
            if (!person.equals(saved)) {
                people.save(person, writes);
                saved = person;
            }
        }

        /** The end of a handled turn: history in one write, the person once more if changed, all sent. */
        void finish() {
            history.addAll(person.key(), lines, writes);
            saveIfChanged();
            writes.commit();
        }
    }

    /**
     * Reads what {@link #handle} is about to read of this person — record, reachability, held replies, open case — in
     * one round trip instead of four. Call it once the person's lock is held; {@link #forgetReadAhead} after.
     */
    public void readAhead(InboundMessage in) {
        store.readAhead(readAheadKeys(in));
    }

    /** The keys {@link #readAhead} reads, for a worker that reads them as it takes the person's lock. */
    public List<String> readAheadKeys(InboundMessage in) {
        String person = Person.keyOf(in.channel(), in.sender());
        return List.of(store.keys().person(person), store.keys().personReach(person), store.keys().personHeld(person),
                store.keys().openCaseOf(person));
    }

    /** The rate buckets {@link #handle} charges for this message, for a worker that charges them as it takes the lock. */
    public List<Store.Charge> charges(InboundMessage in) {
        return List.of(personRate(Person.keyOf(in.channel(), in.sender())));
    }

    private Store.Charge personRate(String personKey) {
        return new Store.Charge("person:" + personKey, tuning.personRate() / 60.0, tuning.personBurst());
    }

    public void forgetReadAhead() {
        store.forgetReadAhead();
    }

    public void handle(InboundMessage in) {
        Turn t = new Turn(in, people.getOrCreate(in.channel(), in.sender()).withLastInbound(clock.instant()));
        turn(t);
        t.finish();
    }

    private void turn(Turn t) {
        InboundMessage in = t.in;
        metrics.message(in.channel(), "in");
        t.lines.add(new History.Turn(clock.instant(), "person", describe(in)));
        People.Reach reach = people.reach(t.person.key());
        if (reach == People.Reach.UNREACHABLE) { // they wrote to us: reachable again (e.g. unblocked the bot)
            people.setReach(t.person.key(), People.Reach.OK);
        }

        if (!store.tryAcquire(personRate(t.person.key()))) {
            t.lang = langOf(in, t.person);
            if (!t.person.limitNoticeSent() && !t.person.stopped()) {
                t.say(Phrase.RATE_LIMITED);
                t.person = t.person.withLimitNotice(true);
            }
            metrics.event("rate_limited");
            return;
        }
        t.person = t.person.withLimitNotice(false);
        t.lang = langOf(in, t.person);
        if (writes(in)) {
            t.person = t.person.withLastLang(Lang.detect(in.text()).code());
        }

        Optional<Command> cmd = in.kind() == InboundMessage.Kind.TEXT ? Command.parse(in.text()) : Optional.empty();
        boolean optedOut = t.person.stopped() || reach == People.Reach.OPTED_OUT;
        if (optedOut && cmd.isEmpty() && in.kind() == InboundMessage.Kind.TEXT && Command.optsBackIn(in.text())) {
            cmd = Optional.of(Command.START); // "yes", "unstop" after STOP: what SMS carriers accept to come back
        }
        if (t.person.stopped() && cmd.orElse(null) != Command.START && cmd.orElse(null) != Command.HELP) {
            return; // the person said stop: silence until start (help is still answered)
        }
        Command c = cmd.orElse(null);
        if (c != Command.STOP && (!t.person.stopped() || c == Command.START)) {
            releaseHeld(t); // they wrote: the window is open again, held replies go first
        }
        Optional<Case> toJoin;
        if (cmd.isPresent()) {
            command(t, cmd.get());
        } else if (in.kind() == InboundMessage.Kind.UNSUPPORTED) {
            t.say(Phrase.TEXT_ONLY);
        } else if ((toJoin = cases.caseToJoin(t.person.key())).isPresent()) { // open, or answered moments ago: reopens
            joinCase(t, toJoin.get());
        } else if (in.kind() == InboundMessage.Kind.CHOICE) {
            choice(t, in.text());
        } else {
            text(t, in.text());
        }
    }

    private static String describe(InboundMessage in) {
        return switch (in.kind()) {
            case TEXT -> in.text();
            case CHOICE -> "[choice] " + in.text();
            case UNSUPPORTED -> "[unsupported message]";
        };
    }

    /**
     * The saved choice, else the script of the text, else (buttons, numbers, media) the language of the
     * person's last written message, else the provider's hint, else Arabic.
     */
    private static Lang langOf(InboundMessage in, Person person) {
        if (person.lang() != null) {
            return Lang.fromCode(person.lang()).orElse(Lang.AR);
        }
        if (writes(in)) {
            return Lang.detect(in.text());
        }
        return Lang.fromCode(person.lastLang()).or(() -> Lang.fromCode(in.languageHint())).orElse(Lang.AR);
    }

    private static boolean writes(InboundMessage in) {
        return in.kind() == InboundMessage.Kind.TEXT && in.text().codePoints().anyMatch(Character::isLetter);
    }

    private void releaseHeld(Turn t) {
        List<String> held = people.takeHeld(t.person.key());
        if (held.isEmpty()) {
            return;
        }
        t.beforeEnqueue(); // first: an outbound worker must see the reopened window, or it holds the reply again
        for (String job : held) {
            OutboundJob j = org.jisr.gateway.Json.read(job, OutboundJob.class);
            outbox.enqueue(new OutboundJob(j.id() + ":released", j.personKey(), j.message(), j.priority(), 0, j.caseId(), false), t.writes);
        }
        t.writes.commit(); // now, not at the end: they were taken off the held list, and must not be lost if the turn fails
    }

    private void command(Turn t, Command c) {
        switch (c) {
            case START -> {
                t.person = t.person.withStopped(false);
                people.setReach(t.person.key(), People.Reach.OK);
                t.say(Phrase.WELCOME);
            }
            case HELP -> t.say(Phrase.HELP);
            case LANGUAGE -> t.say(Phrase.LANGUAGE_PROMPT.in(t.lang), List.of(new Choice(LANG + "ar", "العربية"), new Choice(LANG + "en", "English")), null, null);
            case ARABIC -> setLang(t, Lang.AR);
            case ENGLISH -> setLang(t, Lang.EN);
            case HUMAN -> human(t);
            case STOP -> {
                t.say(Phrase.STOPPED); // the confirmation is the last message they get
                t.person = t.person.withStopped(true);
            }
        }
        metrics.event("command_" + c.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void setLang(Turn t, Lang lang) {
        t.person = t.person.withLang(lang.code());
        t.lang = lang;
        t.say(Phrase.LANGUAGE_SET);
    }

    private void choice(Turn t, String id) {
        if (id.startsWith(LANG)) {
            setLang(t, Lang.fromCode(id.substring(LANG.length())).orElse(t.lang));
        } else if (id.equals(HUMAN)) {
            human(t);
        } else if (id.startsWith(YES)) {
            t.person = t.person.withChoices(List.of(), null);
            metrics.event("feedback_yes");
            t.say(Phrase.THANKS);
        } else if (id.startsWith(NO)) {
            metrics.event("feedback_no");
            t.person = t.person.withChoices(List.of(HUMAN), clock.instant().plus(tuning.choiceTtl()));
            t.say(Phrase.OFFER_HUMAN.in(t.lang), List.of(new Choice(HUMAN, Phrase.ASK_STAFF.in(t.lang))), null, null);
        } else if (id.startsWith(PICK)) {
            Optional<Article> a = kb.get(id.substring(PICK.length()));
            if (a.isPresent() && a.get().validOn(LocalDate.now(clock))) {
                answer(t, a.get(), a.get().answer().containsKey(t.lang) ? t.lang : t.lang.other(), !a.get().answer().containsKey(t.lang));
            } else {
                t.say(Phrase.CHOICE_EXPIRED);
            }
        } else {
            text(t, id); // an unknown button: treat its text as a question
        }
    }

    private void text(Turn t, String text) {
        int number = Command.number(text);
        if (number > 0 && !t.person.choices().isEmpty()) { // a lone number answers the last numbered choices
            List<String> offered = t.person.choices();
            boolean live = !People.expired(t.person.choicesUntil(), clock.instant());
            t.person = t.person.withChoices(List.of(), null);
            if (live && number <= offered.size()) {
                choice(t, offered.get(number - 1));
            } else {
                t.say(Phrase.CHOICE_EXPIRED);
            }
            return;
        }
        if (t.person.wantsHuman()) {
            t.person = t.person.withWantsHuman(false).withLastQuestion(text);
            escalate(t, text, kb.search(text, t.lang));
            return;
        }
        t.person = t.person.withLastQuestion(text);
        SearchResult r = kb.search(text, t.lang);
        metrics.decision(r.decision().code());
        switch (r.decision()) {
            case ANSWER -> answer(t, r.best().article(), r.best().lang(), r.langFallback());
            case SUGGEST -> suggest(t, r);
            case ESCALATE -> escalate(t, text, r);
        }
    }

    private void answer(Turn t, Article a, Lang answerLang, boolean fallback) {
        String text = Render.answer(a, answerLang, t.lang, fallback) + attribution(t, a) + "\n\n" + Phrase.HELPFUL.in(t.lang);
        List<Choice> feedback = List.of(new Choice(YES + a.id(), Phrase.YES.in(t.lang)), new Choice(NO + a.id(), Phrase.NO.in(t.lang)));
        t.person = t.person.withChoices(feedback.stream().map(Choice::id).toList(), clock.instant().plus(tuning.choiceTtl()));
        String compact = Render.shortAnswer(a, answerLang, t.lang) + "\n" + Phrase.HELPFUL_SHORT.in(t.lang);
        t.say(text, feedback, compact, null);
    }

    /** A verified journalist gets a line to quote (source, as of). */
    private String attribution(Turn t, Article a) {
        return cases.journalists().find(t.in.channel(), t.in.sender())
                .map(j -> "\n" + Attribution.article(a, t.lang, Render.asOf(a), cases.settings())).orElse("");
    }

    private void suggest(Turn t, SearchResult r) {
        List<Hit> hits = r.hits().stream().limit(3).toList();
        List<Choice> choices = new ArrayList<>();
        for (Hit hit : hits) {
            choices.add(new Choice(PICK + hit.id(), hit.article().title(t.lang)));
        }
        choices.add(new Choice(HUMAN, Phrase.NONE_OF_THESE.in(t.lang)));
        t.person = t.person.withChoices(choices.stream().map(Choice::id).toList(), clock.instant().plus(tuning.choiceTtl()));
        // the adapters show the choices (buttons, a list, or numbered lines on SMS): the text does not repeat them
        t.say(Phrase.SUGGEST_INTRO.in(t.lang), choices, null, null);
    }

    private void human(Turn t) {
        String q = t.person.lastQuestion();
        if (q == null || q.isBlank()) {
            t.person = t.person.withWantsHuman(true);
            t.say(Phrase.ASK_QUESTION_FOR_STAFF);
            return;
        }
        escalate(t, q, kb.search(q, t.lang));
    }

    private void escalate(Turn t, String question, SearchResult r) {
        List<Case.NearMiss> near = r.hits().stream()
                .map(h -> new Case.NearMiss(h.id(), h.matchedQuestion(), h.confidence())).toList();
        Case c = cases.open(t.key, t.in.channel(), t.in.sender(), t.person.key(), t.lang.code(), question, near);
        t.person = t.person.withChoices(List.of(), null);
        metrics.event("escalated");
        t.say(Phrase.ESCALATED.in(t.lang), List.of(), null, c.id());
    }

    private void joinCase(Turn t, Case c) {
        cases.join(c.id(), "person", describe(t.in));
        Instant last = t.person.lastJoinNoticeAt();
        if (last == null || last.plus(Duration.ofMinutes(10)).isBefore(clock.instant())) {
            t.person = t.person.withJoinNotice(clock.instant());
            t.say(Phrase.CASE_JOINED.in(t.lang), List.of(), null, c.id());
        }
    }
}
