package dev.aios.samples.briefing;

import dev.aios.routing.Classification;
import dev.aios.routing.TextClassifier;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sorts the inbox into {@value #NEEDS_YOU}, {@value #ROUTINE} and {@value #NOISE} with a
 * {@link TextClassifier} over MiniLM embeddings and cheap features. Its prior knowledge is what
 * anyone would write down before seeing this inbox: a description of each label and a few
 * header rules (bulk mail is noise, a decision with a deadline needs you). The user's
 * corrections update it online, and its state is kept under the world's {@code state/}.
 */
final class Triage {
    static final String NEEDS_YOU = "needs-you";
    static final String ROUTINE = "routine";
    static final String NOISE = "noise";
    /** Every label, in the order the briefing shows them. */
    static final List<String> LABELS = List.of(NEEDS_YOU, ROUTINE, NOISE);

    private static final Pattern AUTOMATED = Pattern.compile(
            "^([a-z]+-)?(no-?reply|notifications?|alerts?|news|digest|hello|tickets|updates|marketing)[@.].*");
    static final Pattern REQUEST = Pattern.compile(
            "\\b(could|can|would) you (please )?(send|share|forward|give)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DECISION = Pattern.compile(
            "\\b(decide|decision|approve|approval|sign-off|sign off|your call|go/no-go|which (one|do you)|should we|confirm whether|prefer)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DEADLINE = Pattern.compile(
            "\\b(by (monday|tuesday|wednesday|thursday|friday|tomorrow|noon|today)|deadline|urgent|expires?|this morning|before)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FYI = Pattern.compile(
            "\\b(fyi|heads up|reminder|no action|minutes)\\b", Pattern.CASE_INSENSITIVE);

    private final TextClassifier classifier;
    private final Set<String> correspondents;
    private final Set<String> ownDomains;

    /**
     * @param stateFile where the classifier's state is kept
     * @param correspondents addresses the user has written to (from the Sent folder)
     * @param ownDomains the domains of the user's addresses (lower case)
     */
    Triage(Path stateFile, Set<String> correspondents, Set<String> ownDomains) {
        this.correspondents = Set.copyOf(correspondents);
        this.ownDomains = Set.copyOf(ownDomains);
        this.classifier = TextClassifier.builder()
                .embeddingModel(Embeddings.shared())
                .labels(NEEDS_YOU, ROUTINE, NOISE)
                // Descriptions of the labels, not examples from this inbox.
                .prototype(NEEDS_YOU, "Someone needs a decision, an approval or an answer from me personally, often"
                        + " by a deadline; the work waits for me.")
                .prototype(ROUTINE, "A colleague or a contact asks a small routine favour, like sending a file or"
                        + " notes, or shares an update for my information.")
                .prototype(NOISE, "A newsletter, a promotion or an automatic notification sent to many people;"
                        + " nobody waits for my answer.")
                // Header rules of thumb.
                .featureWeight(NOISE, "bulk mail header", 2.5)
                .featureWeight(NOISE, "automated sender", 2.0)
                .featureWeight(NOISE, "someone I write to", -1.5)
                .featureWeight(ROUTINE, "someone I write to", 0.5)
                .featureWeight(NEEDS_YOU, "someone I write to", 0.5)
                .featureWeight(NEEDS_YOU, "decision words", 1.5)
                .featureWeight(NEEDS_YOU, "deadline words", 1.0)
                .featureWeight(NEEDS_YOU, "question", 0.3)
                .featureWeight(ROUTINE, "request verb", 1.0)
                .featureWeight(ROUTINE, "update words", 0.8)
                .stateFile(stateFile)
                .build();
    }

    /** @return the label and why */
    Classification classify(MailItem mail) {
        return classifier.classify(mail.content(), features(mail));
    }

    /** Learns the user's correction of {@code mail}'s label. */
    void correct(MailItem mail, String label) {
        classifier.correct(classifier.embed(mail.content()), features(mail), label, mail.subject());
    }

    void save() {
        classifier.save();
    }

    long corrections() {
        return classifier.corrections();
    }

    Map<String, Double> features(MailItem mail) {
        String text = mail.content();
        String address = mail.fromAddress().toLowerCase(Locale.ROOT);
        Map<String, Double> f = new LinkedHashMap<>();
        put(f, "bulk mail header", mail.bulk() ? 1 : 0);
        put(f, "automated sender", AUTOMATED.matcher(address).matches() ? 1 : 0);
        put(f, "someone I write to", correspondents.contains(address) ? 1 : 0);
        put(f, "colleague", ownDomains.contains(address.substring(address.lastIndexOf('@') + 1)) ? 1 : 0);
        put(f, "question", Math.min(2, text.chars().filter(c -> c == '?').count()));
        put(f, "request verb", REQUEST.matcher(text).find() ? 1 : 0);
        put(f, "decision words", DECISION.matcher(text).find() ? 1 : 0);
        put(f, "deadline words", DEADLINE.matcher(text).find() ? 1 : 0);
        put(f, "update words", FYI.matcher(text).find() ? 1 : 0);
        put(f, "reply", mail.subject().regionMatches(true, 0, "re:", 0, 3) ? 1 : 0);
        return f;
    }

    private static void put(Map<String, Double> f, String name, double value) {
        if (value != 0) {
            f.put(name, value);
        }
    }
}
