package dev.aios.samples.briefing;

import java.util.List;
import java.util.Map;

/**
 * What one briefing run found and did.
 *
 * @param labels the triage label of each inbox message, by Message-ID
 * @param reasons why, by Message-ID (the strongest evidence first)
 * @param drafts the drafts written (file names under {@code out/drafts})
 * @param meetings today's meetings, each with its attendees, open threads and last notes
 * @param filedBug the tracker item the chat bug was filed as in this run, or empty
 * @param existingBug the tracker item found already filed for it, or empty
 * @param gateDecision the gate's decision and reason for filing the bug, or empty when not filed
 * @param brainCalls how many plans the brain wrote in this run
 * @param skillsReused how many plans came from learned skills instead (brain calls saved)
 * @param limitations what the agent could not do, and why
 * @param markdown the briefing as Markdown (also printed)
 * @param html the briefing as HTML
 * @param replyDrafts each reply draft with its text and who wrote it, in the briefing's order
 * @param draftBrainCalls calls each draft brain answered in this run (empty when none is configured)
 * @param triaged every inbox message with its sender, subject and label, newest first (for a console)
 */
public record BriefingReport(Map<String, String> labels, Map<String, List<String>> reasons, List<String> drafts,
        List<Meeting> meetings, String filedBug, String existingBug, String gateDecision, int brainCalls,
        int skillsReused, List<String> limitations, String markdown, String html, List<Draft> replyDrafts,
        Map<String, Long> draftBrainCalls, List<Triaged> triaged) {

    /** Copies. */
    public BriefingReport {
        triaged = List.copyOf(triaged);
        replyDrafts = List.copyOf(replyDrafts);
        draftBrainCalls = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(draftBrainCalls));
        labels = Map.copyOf(labels);
        reasons = Map.copyOf(reasons);
        drafts = List.copyOf(drafts);
        meetings = List.copyOf(meetings);
        limitations = List.copyOf(limitations);
    }

    /** A report with no triaged messages listed: the shape before {@link #triaged()} was added. */
    public BriefingReport(Map<String, String> labels, Map<String, List<String>> reasons, List<String> drafts,
            List<Meeting> meetings, String filedBug, String existingBug, String gateDecision, int brainCalls,
            int skillsReused, List<String> limitations, String markdown, String html, List<Draft> replyDrafts,
            Map<String, Long> draftBrainCalls) {
        this(labels, reasons, drafts, meetings, filedBug, existingBug, gateDecision, brainCalls, skillsReused, limitations,
                markdown, html, replyDrafts, draftBrainCalls, List.of());
    }

    /**
     * The drafts of this run that state a fact their request does not support, for a measurement
     * that counts them on any world ({@link Draft#factProblem()} says which fact).
     *
     * @return those drafts, in the briefing's order; empty when every draft passes
     */
    public List<Draft> draftsFailingFactCheck() {
        return replyDrafts.stream().filter(d -> d.factProblem().isPresent()).toList();
    }

    /**
     * One inbox message as triage labelled it.
     *
     * @param messageId its Message-ID
     * @param from its sender, {@code Name <address>}
     * @param subject its subject
     * @param label needs-you, routine or noise
     * @param confidence how sure the classifier is, 0 to 1
     * @param reasons why, the strongest evidence first
     * @param against the strongest evidence for the runner-up label ("for routine: ..."), may be empty
     * @param due by when the mail says it must be answered, in words relative to the briefing's day
     *     ("today 15:00", "Fri 4 Dec"); empty when it states no deadline
     * @param suspicious whether it shows phishing or spoofing signs (then it is noise, and the reasons say which)
     */
    public record Triaged(String messageId, String from, String subject, String label, double confidence,
            List<String> reasons, List<String> against, String due, boolean suspicious) {
        /** Copies. */
        public Triaged {
            reasons = List.copyOf(reasons);
            against = List.copyOf(against);
        }

        /** A message with no evidence against its label, no deadline and no suspicion. */
        public Triaged(String messageId, String from, String subject, String label, double confidence, List<String> reasons) {
            this(messageId, from, subject, label, confidence, reasons, List.of(), "", false);
        }
    }

    /**
     * One reply draft.
     *
     * @param messageId the Message-ID of the request it answers
     * @param to who it is to
     * @param subject its subject
     * @param text its text, as saved in {@code out/drafts}
     * @param writtenBy the brain that wrote it, or empty when it is the briefing's template (or the
     *     user's own edit)
     * @param voice the past reply (sent or edited) whose voice it follows
     * @param todo what the user must do before sending it ("Attach the slides from the architecture
     *     review before sending"), or empty
     * @param request the request it answers, with its thread: what the draft may state
     */
    public record Draft(String messageId, String to, String subject, String text, String writtenBy, String voice,
            String todo, Request request) {

        /** A draft with nothing to do before sending and no request recorded: the shape before {@link #todo()}. */
        public Draft(String messageId, String to, String subject, String text, String writtenBy, String voice) {
            this(messageId, to, subject, text, writtenBy, voice, "", Request.NONE);
        }

        /**
         * Checks the draft's facts against its request: every number, amount, date, file name, path,
         * link, address and proper name it states must appear in the request, its thread or the
         * user's instruction. A measurement can count the drafts of any run that fail:
         * {@code report.replyDrafts().stream().filter(d -> d.factProblem().isPresent()).count()}.
         *
         * @return why the draft states something its request does not support ("the draft says
         *     'Q3 figures.xlsx', which is not in the request or its thread"), or empty when it does not
         */
        public java.util.Optional<String> factProblem() {
            return FactCheck.problem(text, request.sources());
        }
    }

    /**
     * The message a draft answers and what else the draft may rely on.
     *
     * @param from its sender, {@code Name <address>}
     * @param subject its subject
     * @param body its body
     * @param thread the other messages of its thread (earlier and later, received and sent), each as
     *     {@code From: ...}, {@code Subject: ...} and body, oldest first
     * @param instruction what the user said about this reply (their edit of it), or empty
     * @param user the user's name, addresses and sign-off: words a draft may always use
     */
    public record Request(String from, String subject, String body, List<String> thread, String instruction, String user) {
        /** No request recorded: a fact check then supports nothing but greetings. */
        public static final Request NONE = new Request("", "", "", List.of(), "", "");

        /** Copies. */
        public Request {
            thread = List.copyOf(thread);
        }

        FactCheck.Sources sources() {
            return new FactCheck.Sources("From: " + from + "\nSubject: " + subject + "\n\n" + body, thread, instruction,
                    from + "\n" + user);
        }
    }

    /**
     * One of today's meetings.
     *
     * @param title its summary
     * @param attendees who comes ({@code Name <mail>})
     * @param openThreads subjects of their mail the user has not answered
     * @param lastNotes notes of past meetings with them, latest first
     */
    public record Meeting(String title, List<String> attendees, List<String> openThreads, List<String> lastNotes) {
        /** Copies. */
        public Meeting {
            attendees = List.copyOf(attendees);
            openThreads = List.copyOf(openThreads);
            lastNotes = List.copyOf(lastNotes);
        }
    }
}
