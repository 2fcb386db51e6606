package dev.aios.samples.briefing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Drafts replies to routine requests without a generative model. It finds the user's voice: the
 * past request most like the new one among those the user answered (MiniLM embeddings of the
 * request each sent reply quotes), and the user's last reply to the same sender, if any. Drafts
 * the user edited count as replies too, and are preferred over older sent replies: an edit is the
 * user's latest word on their own voice.
 *
 * <p>The past reply is a voice only, never a text to reuse: its body belongs to another exchange
 * (another month's figures, another customer's folder). The draft is a {@link ReplyTemplate}
 * greeting and signing as the user does, acknowledging the new request in its own words, with a
 * note to the user of what to attach. The one exception is the user's own edit of the draft for
 * this very request: that is their instruction, and is used as written.
 */
final class ReplyDrafter {
    static final Pattern OBJECT = Pattern.compile(
            "\\b(?:could|can|would) you (?:please )?(?:send|share|forward|give)(?: me| us)? (.+?)(?:\\?|\\.|\\n|$)",
            Pattern.CASE_INSENSITIVE);

    /** How much closer an edited draft counts than a sent reply when choosing the voice to follow. */
    static final double EDIT_PREFERENCE = 0.15;

    /** A past exchange: what was asked and what the user answered (sent, or an edited draft). */
    private record Past(String basedOn, String toName, String toAddress, String request, String answer, float[] vector,
            boolean edited) {}

    /**
     * A draft, and the past reply whose voice it follows.
     *
     * @param request the message it answers
     * @param to who it is to ({@code Name <address>})
     * @param subject its subject ({@code Re: ...})
     * @param text the sendable reply
     * @param todo what the user must do before sending it (attach the thing asked for), or empty
     * @param basedOn the past reply (sent or edited) whose greeting and sign-off it follows, in words,
     *     or empty when the user has none: their last reply to the same sender, else the reply to the
     *     request most like this one
     * @param similarity how close that reply's request is to this one (cosine), 0 when there is none
     * @param example that past reply's text: the voice a brain is shown (never text to reuse), or empty
     * @param edited whether {@code text} is the user's own edit of this very draft
     */
    record Draft(MailItem request, String to, String subject, String text, String todo, String basedOn,
            double similarity, String example, boolean edited) {}

    /**
     * A draft the user edited, kept in long-term memory.
     *
     * @param messageId the request it answers
     * @param to who it answers (a name)
     * @param subject the request's subject
     * @param request the sentence of the request that asks for something
     * @param text the user's edited reply
     */
    record Edit(String messageId, String to, String subject, String request, String text) {}

    private final List<Past> past = new ArrayList<>();
    private final List<Edit> edits;
    private final String userFirstName;

    /**
     * @param sent the user's sent mail
     * @param edits the drafts the user edited
     * @param userName the user's name, signed with when no past reply shows the user's sign-off
     */
    ReplyDrafter(List<MailItem> sent, List<Edit> edits, String userName) {
        this.edits = List.copyOf(edits);
        this.userFirstName = userName.strip().split("\\s+")[0];
        for (Edit e : edits) {
            if (OBJECT.matcher(e.request()).find() && !e.text().isBlank()) {
                past.add(new Past("your edited draft to " + e.to() + " about '" + e.subject() + "'", e.to(), "",
                        e.request(), e.text().strip(), Embeddings.normalised(e.request()), true));
            }
        }
        for (MailItem reply : sent.stream().sorted(Comparator.comparing(MailItem::at)).toList()) {
            StringBuilder quoted = new StringBuilder();
            StringBuilder answer = new StringBuilder();
            boolean inQuote = false;
            for (String line : reply.body().split("\n", -1)) {
                if (line.startsWith(">")) {
                    quoted.append(line.substring(1).strip()).append(' ');
                } else if (line.startsWith("On ") && line.strip().endsWith("wrote:")) {
                    inQuote = true;
                } else if (!inQuote) {
                    answer.append(line).append('\n');
                }
            }
            String request = quoted.toString().strip();
            String toName = reply.to().replaceAll("\\s*<.*>", "").replace("\"", "").strip();
            if (!request.isEmpty() && OBJECT.matcher(request).find()) {
                past.add(new Past("your reply to " + toName + " about '" + reply.subject().replaceFirst("^Re: ", "") + "'",
                        toName, BriefingUser.bare(reply.to()), request, answer.toString().strip(),
                        Embeddings.normalised(request), false));
            }
        }
    }

    /** @return how many past replies the drafter can learn from */
    int examples() {
        return past.size();
    }

    /** @return a draft for {@code request}, if it asks for something the drafter can name */
    Optional<Draft> draft(MailItem request) {
        Matcher asked = OBJECT.matcher(request.body());
        if (!asked.find()) {
            return Optional.empty();
        }
        String object = asked.group(1).strip();
        String to = request.fromName().isBlank() ? request.fromAddress() : request.fromName() + " <" + request.fromAddress() + ">";
        String subject = "Re: " + request.subject();
        for (Edit e : edits) {
            if (e.messageId().equals(request.messageId()) && !e.text().isBlank()) {
                return Optional.of(new Draft(request, to, subject, e.text().strip(), "",
                        "your edited draft to " + e.to() + " about '" + e.subject() + "'", 1, e.text().strip(), true));
            }
        }
        // Greet and sign as the user last did with this sender; failing that, as in the closest exchange.
        float[] v = Embeddings.normalised(asked.group(0));
        @Nullable Past voice = sameSender(request).orElseGet(() -> closest(v));
        String example = voice == null ? "" : voice.answer();
        ReplyTemplate.Text template = ReplyTemplate.write(object, request.firstName(), example, userFirstName);
        return Optional.of(new Draft(request, to, subject, template.text(), template.todo(),
                voice == null ? "" : voice.basedOn(), voice == null ? 0 : Embeddings.cosine(v, voice.vector()), example,
                false));
    }

    private @Nullable Past closest(float[] v) {
        Past best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Past p : past) {
            double score = Embeddings.cosine(v, p.vector()) + (p.edited() ? EDIT_PREFERENCE : 0);
            if (score > bestScore) {
                bestScore = score;
                best = p;
            }
        }
        return best;
    }

    /** The user's latest reply to the request's sender: edits first, then sent mail, newest first. */
    private Optional<Past> sameSender(MailItem request) {
        Optional<Past> edited = past.stream()
                .filter(p -> p.edited() && !request.fromName().isBlank() && p.toName().equals(request.fromName()))
                .findFirst();
        if (edited.isPresent()) {
            return edited;
        }
        String address = BriefingUser.bare(request.fromAddress());
        for (int i = past.size() - 1; i >= 0; i--) {
            Past p = past.get(i);
            if (!p.edited() && !address.isEmpty() && p.toAddress().equals(address)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
