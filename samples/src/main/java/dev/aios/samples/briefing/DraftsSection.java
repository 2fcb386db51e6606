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
 * The briefing's reply drafts: each routine request not answered yet gets a draft, saved by an
 * {@link Agent} run whose {@code mail.draft} call passes the gate. Nothing is sent. A routed brain
 * writes it when {@link DraftWriter} has one; otherwise, or when every brain's draft failed the
 * checks, it is the {@link ReplyTemplate} in the user's voice, with a note of what to do before
 * sending. Either way the draft passes {@link FactCheck} against its own request and thread, so no
 * fact of another exchange reaches it.
 */
final class DraftsSection {
    private final List<MailItem> inbox;
    private final List<MailItem> sent;
    private final BriefingUser user;
    private final Agent agent;
    private final DraftWriter writer;
    private final PrintStream log;
    private final List<String> draftProblems;

    /**
     * @param user whose drafts these are: the name they are signed with, the addresses that are theirs
     * @param draftProblems receives a sentence for each draft a brain wrote badly, for the
     *     limitations the briefing ends with
     */
    DraftsSection(List<MailItem> inbox, List<MailItem> sent, BriefingUser user, Agent agent, DraftWriter writer,
            PrintStream log, List<String> draftProblems) {
        this.inbox = inbox;
        this.sent = sent;
        this.user = user;
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
        ReplyDrafter drafter = new ReplyDrafter(sent, edits, user.name());
        MailThreads threads = MailThreads.of(inbox, sent);
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
            List<MailItem> thread = threads.others(m);
            BriefingReport.Request request = request(m, d, thread, edits);
            String text = d.text();
            String source = d.edited() ? "Your own edit of this draft, as you wrote it"
                    : d.basedOn().isEmpty() ? "The briefing's template (no past reply of yours to follow)"
                    : "The briefing's template, greeting and signing as in " + d.basedOn();
            String writtenBy = "";
            if (writer.active() && !d.edited()) {
                DraftWriter.Result r = writer.write(m, d, user.name(), thread, request.sources());
                r.problems().forEach(p -> draftProblems.add("Draft for '" + m.subject() + "': " + p
                        + (r.text() == null ? "; used the template instead." : "; another brain wrote it.")));
                if (r.text() != null) {
                    text = r.text();
                    writtenBy = r.writtenBy();
                    source = "Written by " + writtenBy + (d.basedOn().isEmpty() ? "" : " in the voice of " + d.basedOn());
                }
            }
            if (writtenBy.isEmpty()) {
                // The template states only the request's words; checked all the same, so a draft never ships a stray fact.
                Optional<String> stray = FactCheck.problem(text, request.sources());
                if (stray.isPresent()) {
                    draftProblems.add("No draft for '" + m.subject() + "': " + stray.get() + ".");
                    doc.item("Could not draft a reply to " + m.subject() + ": " + stray.get() + ".");
                    continue;
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
                replyDrafts.add(new BriefingReport.Draft(m.messageId(), d.to(), d.subject(), text, writtenBy, d.basedOn(),
                        d.todo(), request));
                doc.subheading("To " + d.to() + ": " + d.subject());
                doc.block(text);
                if (!d.todo().isEmpty()) {
                    doc.paragraph("To do before sending: " + d.todo());
                }
                doc.paragraph(String.format(Locale.ROOT, "%s. %s. Edit it with --edit-draft %s=FILE.", source,
                        outcome.usage().modelCalls() == 0 ? "Planned from a learned skill" : "Planned by the brain",
                        m.messageId()));
                log.printf("[draft]   %s -> %s (%s)%n", m.subject(), outcome.answer(),
                        writtenBy.isEmpty() ? d.edited() ? "your edit" : "template" : "written by " + writtenBy);
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

    /** The request, its thread and the user's word on it (an edit): what the draft may state. */
    private BriefingReport.Request request(MailItem m, ReplyDrafter.Draft d, List<MailItem> thread,
            List<ReplyDrafter.Edit> edits) {
        String instruction = edits.stream().filter(e -> e.messageId().equals(m.messageId())).map(ReplyDrafter.Edit::text)
                .collect(Collectors.joining("\n\n"));
        List<String> others = thread.stream().map(t -> "From: " + t.fromName() + " <" + t.fromAddress() + ">\nTo: " + t.to()
                + "\nSubject: " + t.subject() + "\n\n" + t.body()).toList();
        String own = user.name() + "\n" + String.join("\n", user.addresses()) + "\n"
                + ReplyTemplate.closing(d.example(), user.name().split("\\s+")[0]);
        return new BriefingReport.Request(d.to(), m.subject(), m.body(), others, instruction, own);
    }
}
