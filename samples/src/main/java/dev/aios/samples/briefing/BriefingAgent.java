package dev.aios.samples.briefing;

import dev.aios.api.AgentEvent;
import dev.aios.api.Brain;
import dev.aios.api.Memory;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolRegistry;
import dev.aios.api.spi.RunJournal;
import dev.aios.routing.Classification;
import dev.aios.runtime.Agent;
import dev.aios.runtime.FlowPolicy;
import dev.aios.runtime.RunHandle;
import dev.aios.api.spi.Sensor;
import dev.aios.sensors.AwarenessDaemon;
import dev.aios.sensors.TaskTracker;
import dev.aios.tools.InProcessToolRegistry;
import dev.aios.tools.McpToolRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.UnaryOperator;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The morning briefing agent. Over a {@link BriefingSetup} (a user's own sources, or the sample
 * {@link BriefingWorld}'s) it:
 * <ol>
 *   <li>lets the {@link AwarenessDaemon} read mail, calendar, chat and tracker into episodic
 *       memory (with a checkpoint under {@code state/}, so a second run reads nothing twice);</li>
 *   <li>triages the inbox with an online classifier over MiniLM embeddings, saying why;</li>
 *   <li>drafts replies to routine requests in the user's voice, through an {@link Agent} run per
 *       draft with the {@code mail.draft} tool (the first plan comes from the brain, the rest
 *       from the skill it learned); a draft states only what its own request and thread say
 *       ({@link FactCheck}), and what the user must add before sending is a separate note;</li>
 *   <li>briefs each of today's meetings from memory: attendees (never the user), the threads
 *       still waiting on the user that concern the meeting, last notes;</li>
 *   <li>files the chat thread about a bug in its tracker project, once, through an {@link Agent}
 *       run whose {@code tracker.create} call passes the gate;</li>
 *   <li>says what it could not do, and writes the briefing to {@code out/briefing.md} and
 *       {@code out/briefing.html}.</li>
 * </ol>
 * The planner is a rule-based {@link BriefingRulePlanner}: no network, no keys, no model weights beyond
 * the embedded MiniLM. When generative brains are configured ({@link BriefingBrains}), the text of
 * each draft is written by the brain a {@link dev.aios.routing.LearnedBrainRouter} picks: the
 * request is private, so only brains on this machine read the mail unless cloud brains are
 * allowed; an answer that fails {@link DraftCheck} or {@link FactCheck} is rejected (the router
 * learns from it), and the {@link ReplyTemplate} is used instead. The user's feedback is learned: {@link #correct} teaches
 * the triage classifier, {@link #draftEdited} keeps an edited draft in long-term memory as the
 * voice later drafts follow.
 */
public final class BriefingAgent {
    /** How the briefing writes a day ("Tue 1 Dec"), in every section. */
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT);
    /** The memory kind of an edited draft kept as the user's voice. */
    static final String VOICE = "voice";
    static final String TRIAGE_PREFERENCE = "triage";

    /** How long the journal keeps a finished run. */
    private static final Duration JOURNAL_RETENTION = Duration.ofDays(30);

    private final BriefingSetup setup;
    private final Memory memory;
    private final PrintStream log;
    private final BriefingRulePlanner planner = new BriefingRulePlanner();
    private final TaskTracker tracker;
    private final InProcessToolRegistry tools;
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> toolCalls = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger skillsReused = new java.util.concurrent.atomic.AtomicInteger();
    private final Agent agent;
    private final ZoneId zone = ZoneId.systemDefault();
    /** The day the next briefing is for: the setup's, until {@link #run(LocalDate)} names another. */
    private volatile LocalDate today;
    private volatile @Nullable BriefingSensors live;
    private volatile @Nullable AwarenessDaemon liveDaemon;
    private Triage triage;
    private List<MailItem> inbox = List.of();
    private List<MailItem> sent = List.of();
    private final DraftWriter writer;
    private final List<String> draftProblems = new ArrayList<>();

    /**
     * A briefing with no generative brain: drafts are templates in the user's voice.
     *
     * @param world the world to brief on
     * @param memory where awareness, episodes and skills are kept (see {@link BriefingMemory#open})
     * @param log where progress lines go
     */
    public BriefingAgent(BriefingWorld world, Memory memory, PrintStream log) {
        this(world, memory, log, List.of(), false);
    }

    /**
     * A briefing whose drafts are written by {@code brains}, routed.
     *
     * @param world the world to brief on
     * @param memory where awareness, episodes, skills and voice preferences are kept
     * @param log where progress lines go
     * @param brains generative brains for drafts (see {@link BriefingBrains}); empty for none
     * @param allowCloud whether brains at a provider may read mail to draft replies (otherwise only
     *     brains whose profile says {@code LOCAL} do)
     */
    public BriefingAgent(BriefingWorld world, Memory memory, PrintStream log, List<Brain> brains, boolean allowCloud) {
        this(world, memory, log, brains, allowCloud, null);
    }

    /**
     * A briefing agent whose runs are recorded in {@code journal} (null: in memory only), so that
     * a briefing killed at any moment goes on where it stopped when it runs again: the bug is
     * filed once, each draft written once. The caller closes the journal.
     */
    public BriefingAgent(BriefingWorld world, Memory memory, PrintStream log, List<Brain> brains, boolean allowCloud,
            @Nullable RunJournal journal) {
        this(world.setup(), memory, log, brains, allowCloud, journal);
    }

    /**
     * A briefing for {@code setup}'s user over its sources, whose runs are recorded in
     * {@code journal} (null: in memory only). The caller closes the journal.
     *
     * @param setup the user, the sources, where state and output go, and the day
     * @param memory where awareness, episodes, skills and voice preferences are kept
     * @param log where progress lines go
     * @param brains generative brains for drafts (see {@link BriefingBrains}); empty for none
     * @param allowCloud whether brains at a provider may read mail to draft replies
     * @param journal where runs are recorded so a killed briefing resumes, or null
     */
    public BriefingAgent(BriefingSetup setup, Memory memory, PrintStream log, List<Brain> brains, boolean allowCloud,
            @Nullable RunJournal journal) {
        this(setup, memory, log, brains, allowCloud, journal, UnaryOperator.identity());
    }

    /**
     * A briefing agent whose {@link Agent} a host adjusts before it is built: a service adds its
     * listeners, meters, the user's gate policy and approval timeout.
     *
     * @param customize applied to the agent's builder last, so its settings win (it must return the builder)
     */
    public BriefingAgent(BriefingSetup setup, Memory memory, PrintStream log, List<Brain> brains, boolean allowCloud,
            @Nullable RunJournal journal, UnaryOperator<Agent.Builder> customize) {
        this(setup, memory, log, brains, allowCloud, journal, List.of(), customize);
    }

    /**
     * A briefing agent that also has {@code moreTools} (a service's built-in tool packs) for the
     * goals a user gives it; the briefing itself uses only its own tools.
     *
     * @param moreTools registries whose tools join the briefing's own; a name the briefing already
     *     has is an error
     * @param customize applied to the agent's builder last, so its settings win (it must return the builder)
     */
    public BriefingAgent(BriefingSetup setup, Memory memory, PrintStream log, List<Brain> brains, boolean allowCloud,
            @Nullable RunJournal journal, List<? extends ToolRegistry> moreTools, UnaryOperator<Agent.Builder> customize) {
        this.setup = setup;
        this.today = setup.today();
        try {
            // The setup checked the sources; the agent's own folders are made here, before the tracker opens.
            Files.createDirectories(setup.state());
            Files.createDirectories(setup.out());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the briefing's folders " + setup.state() + " and " + setup.out(), e);
        }
        this.writer = new DraftWriter(brains, allowCloud, setup.state().resolve("draft-router.state"));
        this.memory = memory;
        this.log = log;
        this.tracker = TaskTracker.open(setup.tracker());
        this.tools = BriefingTools.over(setup.out(), tracker, toolCalls);
        ToolRegistry allTools = tools;
        if (!moreTools.isEmpty()) {
            // One registry for both, with BM25 search: with a hundred tools, a planner is shown the few that fit.
            McpToolRegistry.Builder joined = McpToolRegistry.builder().include(tools);
            moreTools.forEach(joined::include);
            allTools = joined.build();
        }
        Agent.Builder builder = Agent.builder()
                .brain(Brain.local("briefing-rules", planner))
                .tools(allTools)
                .memory(memory)
                // A draft waits in out/drafts for the user; a bug's title and description quote the chat it came
                // from by design. Both are named here, narrowly: every other flow rule stays.
                .flowPolicy(FlowPolicy.builder().reviewedByUser("mail.draft")
                        .allowUntrustedContent("tracker.create", "title", "description").build())
                .listener(events::add)
                .listener(e -> {
                    if (e.type() == AgentEvent.Type.SKILL_REUSED) {
                        skillsReused.incrementAndGet();
                    }
                })
                .approvalTimeout(Duration.ofSeconds(30));
        if (journal != null) {
            builder.journal(journal);
        }
        this.agent = customize.apply(builder).build();
    }

    /** @return the agent behind the briefing: its runs, approvals, tools and memory */
    public Agent agent() {
        return agent;
    }

    /**
     * Starts watching the sources for as long as the returned daemon runs: what lands is stored in
     * memory at once and told to {@code listener}, and later briefings read from it rather than
     * scanning with a daemon of their own. The caller closes the daemon.
     *
     * @param listener told of each new observation, on a sensor's thread (keep it quick)
     * @throws IllegalStateException if this agent already watches
     */
    public synchronized AwarenessDaemon startAwareness(java.util.function.Consumer<dev.aios.api.Observation> listener) {
        if (live != null) {
            throw new IllegalStateException("this briefing agent already watches its sources");
        }
        BriefingSensors sensors = BriefingSensors.of(setup, true);
        AwarenessDaemon.Builder daemonBuilder = AwarenessDaemon.builder().memory(memory).listener(listener)
                .checkpoint(setup.state().resolve("awareness.json"));
        for (Sensor sensor : sensors.sensors()) {
            daemonBuilder.sensor(sensor);
        }
        AwarenessDaemon daemon = daemonBuilder.build();
        daemon.start();
        live = sensors;
        liveDaemon = daemon;
        return daemon;
    }

    /** @return the router's accounting for the draft brains, when any brain may write drafts */
    public java.util.Optional<dev.aios.routing.RoutingReport> routingReport() {
        return writer.report();
    }

    /** @return each draft brain's circuit breaker ({@code closed}, {@code open}, {@code half-open}), by brain name */
    public Map<String, String> breakerStates() {
        return writer.breakers();
    }

    /** Runs the whole briefing for {@code day} (a service that runs for days briefs on each new day). */
    public BriefingReport run(LocalDate day) {
        this.today = java.util.Objects.requireNonNull(day, "day");
        return run();
    }

    /** @return the user, sources, folders and day this agent briefs on */
    public BriefingSetup setup() {
        return setup;
    }

    /**
     * Starts a run of the user's own goal through the briefing's agent: its tools, gate and
     * journal. {@code "Send the draft re-invoice-march.eml"} plans {@code mail.send_draft}, which
     * the gate holds in {@link #approvals()} until the user answers.
     *
     * @param goal the user's goal, in their own (trusted) words
     * @return the running run; {@link RunHandle#await()} for its outcome
     */
    public RunHandle start(dev.aios.api.Goal goal) {
        return agent.start(goal);
    }

    /** @return where steps the gate holds wait for the user's answer */
    public dev.aios.api.ApprovalQueue approvals() {
        return agent.approvals();
    }

    /** @return the name of every tool this agent called, in order (tracker.search included) */
    public List<String> toolCalls() {
        return List.copyOf(toolCalls);
    }

    /** @return the rule-based planner, to count its calls */
    public BriefingRulePlanner planner() {
        return planner;
    }

    /**
     * Reads the world into memory with the awareness daemon and loads the inbox back from memory.
     * Safe to call again: the checkpoint makes the daemon skip what it already read.
     */
    public void ingest() {
        BriefingSensors watching = live;
        if (watching != null) {
            // The live daemon stores what the sensors see; a scan now catches anything its watch missed.
            watching.scans().forEach(Runnable::run);
            AwarenessDaemon daemon = java.util.Objects.requireNonNull(liveDaemon);
            log.printf("[aware]   watching: %d observation(s) stored in memory so far, %d already known%n",
                    daemon.written(), daemon.duplicates());
            loadInbox();
            return;
        }
        BriefingSensors sensors = BriefingSensors.of(setup, false);
        AwarenessDaemon.Builder daemonBuilder = AwarenessDaemon.builder().memory(memory)
                .checkpoint(setup.state().resolve("awareness.json"));
        for (Sensor sensor : sensors.sensors()) {
            daemonBuilder.sensor(sensor);
        }
        try (AwarenessDaemon daemon = daemonBuilder.build()) {
            daemon.start();
            // Read everything now, on this thread, rather than wait for the sensors' first look.
            sensors.scans().forEach(Runnable::run);
            log.printf("[aware]   %d new observation(s) stored in memory, %d already known%n", daemon.written(),
                    daemon.duplicates());
        }
        loadInbox();
    }

    private void loadInbox() {
        BriefingUser user = setup.user();
        List<MailItem> all = records("mail").stream().map(MailItem::of).toList();
        // The user's own mail is whatever any of their addresses sent, whichever folder it sits in.
        inbox = all.stream().filter(m -> !user.isUser(m.fromAddress()))
                .sorted(Comparator.comparing(MailItem::at).reversed()).toList();
        sent = all.stream().filter(m -> user.isUser(m.fromAddress())).toList();
        Set<String> correspondents = new HashSet<>();
        Map<String, Set<String>> knownPeople = new HashMap<>();
        for (MailItem s : sent) {
            for (String to : (s.to() + "," + s.cc()).split(",")) {
                if (!to.isBlank() && !user.isUser(to)) {
                    String address = BriefingUser.bare(to);
                    correspondents.add(address);
                    String name = to.contains("<") ? MailAddress.displayName(to) : "";
                    if (name.contains(" ")) {
                        knownPeople.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new HashSet<>()).add(address);
                    }
                }
            }
        }
        for (MailItem m : inbox) {
            String address = m.fromAddress().toLowerCase(Locale.ROOT);
            if (m.fromName().contains(" ") && (correspondents.contains(address) || user.domains().contains(MailAddress.domain(address)))) {
                knownPeople.computeIfAbsent(m.fromName().toLowerCase(Locale.ROOT), k -> new HashSet<>()).add(address);
            }
        }
        Set<String> knownDomains = new HashSet<>(user.domains());
        correspondents.forEach(a -> knownDomains.add(MailAddress.domain(a)));
        triage = new Triage(setup.state().resolve("triage.bin"), user, correspondents, sent,
                new Suspicion(knownPeople, knownDomains, user.domains(), mailsByDomain(inbox)), zone);
    }

    private static Map<String, Integer> mailsByDomain(List<MailItem> inbox) {
        Map<String, Integer> out = new HashMap<>();
        for (MailItem m : inbox) {
            out.merge(MailAddress.domain(m.fromAddress().toLowerCase(Locale.ROOT)), 1, Integer::sum);
        }
        return out;
    }

    /** @return the inbox as mail items, newest first, for measurements in this package ({@link #ingest} first) */
    List<MailItem> inboxItems() {
        requireIngested();
        return inbox;
    }

    /** @return the triage model, for measurements in this package ({@link #ingest} first) */
    Triage triageModel() {
        requireIngested();
        return triage;
    }

    /** @return the inbox as read back from memory, newest first ({@link #ingest} first) */
    public List<String> inboxIds() {
        return inbox.stream().map(MailItem::messageId).toList();
    }

    /** @return each inbox message's triage label and why, by Message-ID */
    public Map<String, Classification> triage() {
        requireIngested();
        Map<String, Classification> out = new LinkedHashMap<>();
        for (MailItem m : inbox) {
            out.put(m.messageId(), triage.classify(m));
        }
        return out;
    }

    /**
     * The user corrects a message's label: the classifier learns it at once and keeps it.
     *
     * @param messageId the message's Message-ID (with or without angle brackets)
     * @param label needs-you, routine or noise
     * @throws IllegalArgumentException if there is no such message or no such label (the message
     *     lists the labels)
     */
    public void correct(String messageId, String label) {
        requireIngested();
        if (!Triage.LABELS.contains(label)) {
            throw new IllegalArgumentException("unknown label '" + label + "'; labels are " + String.join(", ", Triage.LABELS));
        }
        MailItem mail = inboxMessage(messageId);
        triage.correct(mail, label);
        triage.save();
        // The classifier learns the label; long-term memory keeps the preference where any agent can recall it.
        memory.remember(new MemoryRecord(TRIAGE_PREFERENCE + ":" + mail.messageId(), MemoryLayer.LONG_TERM,
                "Mail from " + mail.fromName() + " <" + mail.fromAddress() + "> about '" + mail.subject() + "' is "
                        + label + " (the user's correction).",
                java.time.Instant.now(), 0.8, Map.of("kind", TRIAGE_PREFERENCE, "messageId", mail.messageId(),
                        "from", mail.fromAddress(), "subject", mail.subject(), "label", label)));
    }

    /**
     * The user edited the draft for {@code messageId}: the edit is kept in long-term memory as a
     * voice preference (with the message id, the sender and the request's subject), and later
     * drafts for that request or a similar one follow it rather than older sent replies.
     *
     * @param messageId the Message-ID of the inbox message the draft answers
     * @param editedText the reply as the user wants it (the body, without mail headers)
     * @throws IllegalArgumentException if there is no such message or the text is blank
     */
    public void draftEdited(String messageId, String editedText) {
        requireIngested();
        MailItem mail = inboxMessage(messageId);
        if (editedText.isBlank()) {
            throw new IllegalArgumentException("the edited draft for " + messageId + " is empty");
        }
        java.util.regex.Matcher asked = ReplyDrafter.OBJECT.matcher(mail.body());
        String request = asked.find() ? asked.group(0) : mail.subject();
        memory.remember(new MemoryRecord(VOICE + ":" + mail.messageId(), MemoryLayer.LONG_TERM, editedText.strip(),
                java.time.Instant.now(), 0.8, Map.of("kind", VOICE, "messageId", mail.messageId(),
                        "from", mail.fromAddress(), "fromName", mail.fromName(), "subject", mail.subject(),
                        "request", request)));
        log.printf("[voice]   kept your edit of the draft to %s about '%s' as your voice%n", mail.fromName(),
                mail.subject());
    }

    /** @return the drafts the user edited, from long-term memory */
    private List<ReplyDrafter.Edit> edits() {
        List<ReplyDrafter.Edit> out = new ArrayList<>();
        for (var hit : memory.recall(new MemoryQuery("", 1000, Set.of(MemoryLayer.LONG_TERM), Map.of("kind", VOICE)))) {
            Map<String, String> m = hit.record().metadata();
            out.add(new ReplyDrafter.Edit(m.getOrDefault("messageId", ""), m.getOrDefault("fromName", ""),
                    m.getOrDefault("subject", ""), m.getOrDefault("request", ""), hit.record().text()));
        }
        return out;
    }

    private MailItem inboxMessage(String messageId) {
        String id = messageId.strip().replaceAll("^<|>$", "");
        return inbox.stream().filter(m -> m.messageId().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no inbox message with Message-ID " + id
                        + " (the briefing shows each message's id)"));
    }

    /** Runs the whole briefing: ingest, triage, drafts, meetings, the bug; writes and prints it. */
    public BriefingReport run() {
        int brainBefore = planner.calls();
        int reusedBefore = skillsReused.get();
        draftProblems.clear();
        resumeInterrupted();
        ingest();
        BriefingDocument doc = new BriefingDocument("Your morning briefing, " + today.format(DAY));

        // ---- triage
        Map<String, Classification> labels = triage();
        Map<String, String> labelById = new TreeMap<>();
        Map<String, List<String>> reasons = new TreeMap<>();
        List<BriefingReport.Triaged> triaged = new ArrayList<>();
        labels.forEach((id, c) -> {
            labelById.put(id, c.label());
            reasons.put(id, c.reasons());
        });
        TriageSection section = new TriageSection(inbox, zone, today, triage::deadline);
        // In the briefing's order: needs you by urgency, then routine and noise, newest first.
        List<MailItem> order = new ArrayList<>(section.byUrgency(labels));
        inbox.stream().filter(m -> !Triage.NEEDS_YOU.equals(labels.get(m.messageId()).label())).forEach(order::add);
        for (MailItem m : order) {
            Classification c = labels.get(m.messageId());
            String due = Triage.NEEDS_YOU.equals(c.label()) ? triage.deadline(m).map(d -> d.describe(today)).orElse("") : "";
            triaged.add(new BriefingReport.Triaged(m.messageId(),
                    m.fromName().isBlank() ? m.fromAddress() : m.fromName() + " <" + m.fromAddress() + ">",
                    m.subject(), c.label(), c.confidence(), c.reasons(), c.against(), due,
                    c.reasons().stream().anyMatch(r -> r.startsWith(Triage.SUSPICIOUS))));
        }
        log.printf("[triage]  %d messages: %s (classifier has learned %d correction(s))%n", labels.size(),
                counts(labelById), triage.corrections());
        section.write(doc, labels);
        List<BriefingReport.Draft> replyDrafts = new ArrayList<>();
        List<String> drafts = new DraftsSection(inbox, sent, setup.user(), agent, writer, log, draftProblems)
                .write(doc, labels, edits(), replyDrafts);
        List<BriefingReport.Meeting> meetings = new MeetingsSection(today, setup.user(), inbox, sent, zone, log)
                .write(doc, labelById, records("calendar"));
        BugSection.BugOutcome bug = new BugSection(agent, tools, tracker, events, log).write(doc, records("chat"));

        // ---- skills and what could not be done
        int brainCalls = planner.calls() - brainBefore;
        int reused = skillsReused.get() - reusedBefore;
        doc.heading("What I learned and reused");
        String skills = reused > 0 ? "reused skill, " + reused + " brain call(s) saved" : "no skill reused yet";
        doc.item("Brain calls this run: " + brainCalls + "; " + skills + ".");
        doc.item("Triage corrections learned so far: " + triage.corrections() + " (state in state/triage.bin).");
        Map<String, Long> draftCalls = writer.callsThisRun();
        if (writer.active()) {
            doc.item("Draft brains, routed: " + draftCalls.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue() + " call(s)").collect(Collectors.joining(", "))
                    + " (what the router learned is in state/draft-router.state).");
            log.printf("[route]   %s%n", draftCalls);
        }
        int voices = edits().size();
        if (voices > 0) {
            doc.item("Edited drafts kept as your voice: " + voices + ".");
        }
        log.printf("[learn]   %d brain call(s); %s%n", brainCalls, skills);
        List<String> limitations = limitations(labels);
        doc.heading("What I could not do, and why");
        limitations.forEach(doc::item);

        triage.save();
        writer.save();
        String markdown = doc.markdown();
        String html = doc.html();
        try {
            Files.createDirectories(setup.out());
            Files.writeString(setup.out().resolve("briefing.md"), markdown);
            Files.writeString(setup.out().resolve("briefing.html"), html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the briefing to " + setup.out(), e);
        }
        return new BriefingReport(labelById, reasons, drafts, meetings, bug.filed(), bug.existing(), bug.gate(), brainCalls, reused,
                limitations, markdown, html, replyDrafts, draftCalls, triaged);
    }

    /**
     * Finishes the runs an earlier briefing left unfinished (killed, crashed): their completed
     * steps are reused, an interrupted call to a keyed tool is made again with the same key, so
     * nothing is filed or drafted twice. The sections then find what those runs did.
     */
    private void resumeInterrupted() {
        int dropped = agent.deleteFinishedRuns(JOURNAL_RETENTION);
        if (dropped > 0) {
            log.printf("[journal] %d finished run(s) older than %d days dropped from the journal%n", dropped,
                    JOURNAL_RETENTION.toDays());
        }
        List<RunHandle> resumed = agent.resumeUnfinished();
        for (RunHandle handle : resumed) {
            RunOutcome outcome = handle.await();
            log.printf("[journal] resumed an interrupted run (%s): %s%n", outcome.goal().text().length() > 64 ? outcome.goal().text().substring(0, 64) + "..." : outcome.goal().text(),
                    outcome.status());
        }
    }

    private List<String> limitations(Map<String, Classification> labels) {
        List<String> out = new ArrayList<>();
        if (!writer.active()) {
            out.add("No generative brain configured" + (writer.skipped().isEmpty() ? "" : " that may read your mail")
                    + ": drafts are short templates that greet and sign as you do, with a note of what to add before"
                    + " sending, and summaries are extractive.");
        }
        if (!writer.skipped().isEmpty()) {
            out.add("Did not use " + writer.skipped().stream().map(Brain::name).collect(Collectors.joining(", "))
                    + " for drafts: mail is private and that brain runs at a provider; pass --allow-cloud to allow it.");
        }
        out.addAll(draftProblems);
        out.add("Nothing was sent: mail.send is destructive and needs your approval at the gate.");
        long unsure = labels.values().stream().filter(c -> c.confidence() < 0.6).count();
        if (unsure > 0) {
            out.add(unsure + " triage label(s) below 60% confidence: correct them and I will learn from it.");
        }
        out.add("Attachments are named, not read: the drafts say what to attach but attach nothing.");
        return out;
    }

    private List<MemoryRecord> records(String source) {
        return memory.recall(new MemoryQuery("", 10_000, Set.of(MemoryLayer.EPISODIC), Map.of("source", source)))
                .stream().map(h -> h.record()).toList();
    }

    private static String counts(Map<String, String> labels) {
        Map<String, Long> c = new TreeMap<>(labels.values().stream().collect(Collectors.groupingBy(l -> l, Collectors.counting())));
        return c.toString();
    }

    private void requireIngested() {
        if (triage == null) {
            ingest();
        }
    }
}
