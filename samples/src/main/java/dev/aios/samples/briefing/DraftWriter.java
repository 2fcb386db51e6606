package dev.aios.samples.briefing;

import dev.aios.api.Brain;
import dev.aios.api.BrainRequest;
import dev.aios.routing.BrainStats;
import dev.aios.routing.LearnedBrainRouter;
import dev.aios.routing.Resilience;
import dev.aios.routing.RoutingThreshold;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes reply drafts with the configured brains, routed by a {@link LearnedBrainRouter}. Mail is
 * the user's data, so every request is private: only brains that run on this machine get it,
 * unless the user allowed cloud brains. Each answer is checked ({@link DraftCheck}); the verdict
 * teaches the router, and a rejected answer is tried once more on the next allowed brain before
 * the caller falls back to the adapted past reply. A brain that fails or times out never fails
 * the briefing: the result says why.
 */
final class DraftWriter {
    /** Longest a draft may take on one brain. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);

    /**
     * What became of one draft request.
     *
     * @param text the brain's accepted draft, or null when none was accepted
     * @param writtenBy the brain that wrote it, or empty
     * @param problems why answers were rejected or calls failed, in order
     */
    record Result(@Nullable String text, String writtenBy, List<String> problems) {}

    private final List<Brain> allowed;
    private final List<Brain> skipped;
    private final boolean allowCloud;
    private final @Nullable LearnedBrainRouter router;
    private final Map<String, Long> callsAtStart = new LinkedHashMap<>();

    /**
     * @param brains every configured brain
     * @param allowCloud whether brains at a provider may read mail
     * @param stateFile where the router keeps what it learned
     */
    DraftWriter(List<Brain> brains, boolean allowCloud, Path stateFile) {
        this.allowCloud = allowCloud;
        this.allowed = brains.stream().filter(b -> allowCloud || BriefingBrains.local(b)).toList();
        this.skipped = brains.stream().filter(b -> !allowed.contains(b)).toList();
        this.router = allowed.isEmpty() ? null : LearnedBrainRouter.builder()
                .brains(allowed)
                .embeddingModel(Embeddings.shared())
                .threshold(RoutingThreshold.qualityPerCost(0.2))
                .resilience(Resilience.defaults().withMaxRetries(1).withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                        .withCallTimeout(CALL_TIMEOUT))
                .stateFile(stateFile)
                .build();
        if (router != null) {
            router.report().brains().forEach(s -> callsAtStart.put(s.brain(), s.calls()));
        }
    }

    /** @return whether any brain may write drafts */
    boolean active() {
        return router != null;
    }

    /** @return the configured brains that may not read mail (cloud brains without allow-cloud) */
    List<Brain> skipped() {
        return skipped;
    }

    /**
     * Asks the routed brain for a draft in the user's voice, checks it, and on a rejected answer
     * tries the next allowed brain once.
     *
     * @param mail the request to answer
     * @param adapted the past reply retrieved for it (its example is the voice to write in)
     * @param userName the user's name, for the sign-off
     */
    Result write(MailItem mail, ReplyDrafter.Draft adapted, String userName) {
        if (router == null) {
            return new Result(null, "", List.of());
        }
        List<String> problems = new ArrayList<>();
        Set<String> tried = new HashSet<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            BrainRequest request = new BrainRequest("draft-reply", chat(mail, adapted, userName), Set.of(), !allowCloud,
                    attempt);
            Brain brain;
            try {
                brain = router.route(request);
            } catch (RuntimeException e) {
                problems.add("no brain could take the draft: " + e.getMessage());
                break;
            }
            if (tried.contains(brain.name())) {
                // The router chose the brain that was just rejected: take the next allowed one instead.
                Brain next = allowed.stream().filter(b -> !tried.contains(b.name())).findFirst().orElse(null);
                if (next == null) {
                    break;
                }
                brain = router.brains().stream().filter(b -> b.name().equals(next.name())).findFirst().orElseThrow();
            }
            tried.add(brain.name());
            String text;
            try {
                ChatResponse response = brain.model().chat(request.chat());
                text = response.aiMessage() == null || response.aiMessage().text() == null ? ""
                        : response.aiMessage().text().strip();
            } catch (RuntimeException e) {
                // The router already retried and fell back over every allowed brain.
                problems.add(brain.name() + " failed: " + oneLine(e.getMessage()));
                break;
            }
            // The router falls back to another brain when the chosen one fails: credit the one that answered
            // (recordOutcome does so by itself).
            String answeredBy = router.answeredBy(request).map(Brain::name).orElse(brain.name());
            tried.add(answeredBy);
            Optional<String> problem = DraftCheck.problem(text, mail.firstName(), adapted.example());
            router.recordOutcome(brain, request, problem.isEmpty());
            if (problem.isEmpty()) {
                return new Result(text, answeredBy, problems);
            }
            problems.add(answeredBy + "'s draft was rejected: " + problem.get());
        }
        return new Result(null, "", problems);
    }

    /** @return calls per allowed brain during this briefing */
    Map<String, Long> callsThisRun() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (router != null) {
            calls().forEach((name, n) -> out.put(name, n - callsAtStart.getOrDefault(name, 0L)));
        }
        return out;
    }

    /** Writes the router's state. */
    void save() {
        if (router != null) {
            router.save();
        }
    }

    private Map<String, Long> calls() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (BrainStats s : router.report().brains()) {
            out.put(s.brain(), s.calls());
        }
        return out;
    }

    /** The prompt: the user's voice from a past reply, then the mail to answer. */
    static ChatRequest chat(MailItem mail, ReplyDrafter.Draft adapted, String userName) {
        String system = """
                You write email replies for %s, in %s's own voice. Reply to the message the user gives you as %s \
                would: short and friendly, greeting %s by first name the way the example does, with the same \
                sign-off. Write only the body of the reply: no subject line, no placeholders in brackets, nothing \
                about yourself. Do not promise anything the example does not.

                Example of %s's voice (%s):
                ---
                %s
                ---""".formatted(userName, userName, userName, mail.firstName(), userName, adapted.basedOn(),
                adapted.example());
        String user = "From: " + (mail.fromName().isBlank() ? mail.fromAddress() : mail.fromName() + " <" + mail.fromAddress() + ">")
                + "\nSubject: " + mail.subject() + "\n\n" + mail.body();
        return ChatRequest.builder()
                .messages(List.of(SystemMessage.from(system), UserMessage.from(user)))
                .maxOutputTokens(300)
                .temperature(0.3)
                .build();
    }

    private static String oneLine(@Nullable String s) {
        return s == null ? "no message" : s.replaceAll("\\s+", " ").strip();
    }
}
