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
     * @param text its text
     * @param writtenBy the brain that wrote it, or empty when it was adapted from a past reply
     * @param voice the past reply (sent or edited) whose voice it follows
     */
    public record Draft(String messageId, String to, String subject, String text, String writtenBy, String voice) {}

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
