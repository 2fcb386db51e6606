package dev.aios.samples.briefing;

import dev.aios.api.Goal;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import dev.aios.api.RunOutcome;
import dev.aios.routing.Classification;
import dev.aios.runtime.Agent;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The briefing's reply drafts: each routine request not answered yet gets a draft adapted from the
 * user's past replies (or written by a routed brain, when {@link DraftWriter} has one), saved by an
 * {@link Agent} run whose {@code mail.draft} call passes the gate. Nothing is sent.
 */
final class DraftsSection {
    private final List<MailItem> inbox;
    private final List<MailItem> sent;
    private final String userName;
    private final Agent agent;
    private final DraftWriter writer;
    private final PrintStream log;
    private final List<String> draftProblems;

    /**
     * @param userName the name drafts are signed with
     * @param draftProblems receives a sentence for each draft a brain wrote badly, for the
     *     limitations the briefing ends with
     */
    DraftsSection(List<MailItem> inbox, List<MailItem> sent, String userName, Agent agent, DraftWriter writer,
            PrintStream log, List<String> draftProblems) {
        this.inbox = inbox;
        this.sent = sent;
        this.userName = userName;
        this.agent = agent;
        this.writer = writer;
        this.log = log;
        this.draftProblems = draftProblems;
    }

    /**
     * Writes the section and a draft for each routine request not answered yet.
     *
     * @param replyDrafts receives each draft written, for the report
     * @return what each successful run answered (the draft files it saved)
     */
    List<String> write(BriefingDocument doc, Map<String, Classification> labels, List<ReplyDrafter.Edit> edits,
            List<BriefingReport.Draft> replyDrafts) {
        ReplyDrafter drafter = new ReplyDrafter(sent, edits);
        Set<String> answered = sent.stream().map(MailItem::inReplyTo).collect(Collectors.toSet());
        List<String> written = new ArrayList<>();
        doc.heading("Reply drafts (not sent)");
        for (MailItem m : inbox) {
            if (!Triage.ROUTINE.equals(labels.get(m.messageId()).label()) || answered.contains(m.messageId())
                    || m.subject().regionMatches(true, 0, "re:", 0, 3)) {
                continue;
            }
            Optional<ReplyDrafter.Draft> draft = drafter.draft(m);
            if (draft.isEmpty()) {
                continue;
            }
            ReplyDrafter.Draft d = draft.get();
            String text = d.text();
            String source = String.format(Locale.ROOT, "Adapted from %s (similarity %.2f)", d.basedOn(), d.similarity());
            String writtenBy = "";
            if (writer.active()) {
                DraftWriter.Result r = writer.write(m, d, userName);
                r.problems().forEach(p -> draftProblems.add("Draft for '" + m.subject() + "': " + p
                        + (r.text() == null ? "; used the adapted past reply instead." : "; another brain wrote it.")));
                if (r.text() != null) {
                    text = r.text();
                    writtenBy = r.writtenBy();
                    source = "Written by " + writtenBy + " in the voice of " + d.basedOn();
                }
            }
            // Everything here came from the mail (or was written from it): the goal's text stays the user's own,
            // and the mail's words travel as labelled context that the planner never reads.
            Provenance fromMail = Provenance.untrusted(Source.sensor("mail"), Source.memory(m.memoryId()));
            Goal goal = Goal.builder("Draft a reply to a routine request")
                    .context("to", d.to(), fromMail).context("name", m.fromName(), fromMail)
                    .context("topic", m.subject(), fromMail).context("text", text, fromMail).build();
            RunOutcome outcome = agent.run(goal);
            if (outcome.succeeded()) {
                written.add(outcome.answer());
                replyDrafts.add(new BriefingReport.Draft(m.messageId(), d.to(), d.subject(), text, writtenBy, d.basedOn()));
                doc.subheading("To " + d.to() + ": " + d.subject());
                doc.block(text);
                doc.paragraph(String.format(Locale.ROOT, "%s. %s. Edit it with --edit-draft %s=FILE.", source,
                        outcome.usage().modelCalls() == 0 ? "Planned from a learned skill" : "Planned by the brain",
                        m.messageId()));
                log.printf("[draft]   %s -> %s (%s)%n", m.subject(), outcome.answer(),
                        writtenBy.isEmpty() ? "adapted" : "written by " + writtenBy);
            } else {
                doc.item("Could not draft a reply to " + m.subject() + ": " + outcome.detail());
            }
        }
        if (written.isEmpty()) {
            doc.paragraph("No routine request waits for a reply.");
        } else {
            doc.paragraph("Drafts are in out/drafts. mail.send is destructive: the gate asks you before anything"
                    + " is sent, and nothing was.");
        }
        return written;
    }
}
