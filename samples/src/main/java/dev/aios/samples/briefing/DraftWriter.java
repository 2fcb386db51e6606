package dev.aios.samples.briefing;

import dev.aios.api.AnswerVerdict;
import dev.aios.api.Brain;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainRequest;
import dev.aios.routing.LearnedBrainRouter;
import dev.aios.routing.Resilience;
import dev.aios.routing.RoutingThreshold;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Writes reply drafts with the configured brains, routed by a {@link LearnedBrainRouter}. Mail is
 * the user's data, so every request is private: only brains that run on this machine get it,
 * unless the user allowed cloud brains. The user's past reply is in the prompt as an example of
 * their voice only, and the prompt says so: its facts belong to another exchange. Each answer is
 * checked for form ({@link DraftCheck}) and for facts ({@link FactCheck}: nothing the request or its
 * thread does not say); the verdict teaches the router, and when another brain could take it, a
 * rejected answer is asked once more as an escalated request (the router then steps up to a
 * stronger brain) before the caller falls back to the {@link ReplyTemplate}. A brain that fails or
 * times out never fails the briefing: the result says why.
 */
final class DraftWriter {
    /** Longest a draft may take on one brain. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);
    /** Longest earlier message of the thread the prompt quotes, in characters. */
    private static final int THREAD_MESSAGE_CHARS = 600;

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
    /** Calls per allowed brain, in the order given, counted from the answers' usage. */
    private final Map<String, Long> callsThisRun = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

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
        allowed.forEach(b -> callsThisRun.put(b.name(), 0L));
    }

    /** @return the router's accounting, when a brain may write drafts */
    java.util.Optional<dev.aios.routing.RoutingReport> report() {
        return router == null ? java.util.Optional.empty() : java.util.Optional.of(router.report());
    }

    /** @return each draft brain's provider breaker: closed, open or half-open */
    Map<String, String> breakers() {
        if (router == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        router.breakerStates().forEach((brain, state) -> out.put(brain, state.label()));
        return out;
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
     * Asks the router for a draft in the user's voice, checks it, and on a rejected answer asks
     * once more with the request escalated, so the router itself steps up to a stronger brain.
     *
     * @param mail the request to answer
     * @param template the template drafted for it (its example is the voice to write in)
     * @param userName the user's name, for the sign-off
     * @param thread the other messages of the request's thread, oldest first (context for the brain)
     * @param sources what the draft may state (the request, its thread, the user's instruction)
     */
    Result write(MailItem mail, ReplyDrafter.Draft template, String userName, List<MailItem> thread,
            FactCheck.Sources sources) {
        if (router == null) {
            return new Result(null, "", List.of());
        }
        List<String> problems = new ArrayList<>();
        BrainRequest request = new BrainRequest("draft-reply", chat(mail, template, userName, thread), Set.of(),
                !allowCloud);
        // One retry, and only when another brain could take it: the only brain again would be no cascade.
        int attempts = Math.min(2, allowed.size());
        for (int attempt = 0; attempt < attempts; attempt++) {
            // A retry says how many answers were just rejected: the router steps up to a stronger brain itself.
            BrainAnswer answer;
            try {
                answer = router.chat(request.withEscalation(attempt));
            } catch (RuntimeException e) {
                // No brain could take it, or the router already retried and fell back over the allowed brains
                // (its message names each one it tried and why it failed).
                String why = oneLine(e.getMessage());
                problems.add(why.startsWith("no brain can take") ? "no brain could take the draft: " + why
                        : allowed.stream().map(Brain::name).collect(Collectors.joining(", ")) + " failed: " + why);
                break;
            }
            callsThisRun.merge(answer.brain(), answer.usage().modelCalls(), Long::sum);
            String text = answer.text().strip();
            Optional<String> problem = DraftCheck.problem(text, mail.firstName(), template.example())
                    .or(() -> FactCheck.problem(text, sources));
            router.recordOutcome(answer.ticket(), AnswerVerdict.of(problem.isEmpty()));
            if (problem.isEmpty()) {
                return new Result(text, answer.brain(), problems);
            }
            problems.add(answer.brain() + "'s draft was rejected: " + problem.get());
        }
        return new Result(null, "", problems);
    }

    /** @return calls per allowed brain during this briefing, from the answers it got */
    Map<String, Long> callsThisRun() {
        synchronized (callsThisRun) {
            return new LinkedHashMap<>(callsThisRun);
        }
    }

    /** Writes the router's state. */
    void save() {
        if (router != null) {
            router.save();
        }
    }

    /**
     * The prompt: the user's voice from a past reply (for tone, greeting and sign-off only, the
     * prompt says so), then the mail to answer with the rest of its thread.
     */
    static ChatRequest chat(MailItem mail, ReplyDrafter.Draft template, String userName, List<MailItem> thread) {
        String voice = template.example().isBlank() ? "" : """

                Example of %s's voice (%s). It answers a different request from another exchange: follow only its \
                greeting, tone, length and sign-off. Do not copy any of its facts (names, numbers, amounts, dates, \
                files, folders, links, findings) into the reply.
                ---
                %s
                ---""".formatted(userName, template.basedOn(), template.example());
        String system = """
                You write email replies for %s, in %s's own voice. Reply to the message the user gives you as %s \
                would: short and friendly, greeting %s by first name, with %s's sign-off. Write only the body of \
                the reply: no subject line, no placeholders in brackets, nothing about yourself. Use only facts \
                that the message or its thread states: do not invent or carry over a figure, date, name, file, \
                folder or link. Where the reply needs something you do not have (a file, a figure), say it is \
                attached or that %s will send it, and leave the rest to %s, who checks the draft before sending.%s"""
                .formatted(userName, userName, userName, mail.firstName(), userName, userName, userName, voice);
        StringBuilder user = new StringBuilder("From: ")
                .append(mail.fromName().isBlank() ? mail.fromAddress() : mail.fromName() + " <" + mail.fromAddress() + ">")
                .append("\nSubject: ").append(mail.subject()).append("\n\n").append(mail.body());
        List<MailItem> earlier = thread.stream().filter(t -> t.at().isBefore(mail.at())).toList();
        if (!earlier.isEmpty()) {
            user.append("\n\nEarlier in this thread:");
            for (MailItem t : earlier) {
                String body = t.body().length() > THREAD_MESSAGE_CHARS ? t.body().substring(0, THREAD_MESSAGE_CHARS) + " [...]" : t.body();
                user.append("\n---\nFrom: ").append(t.fromName().isBlank() ? t.fromAddress() : t.fromName())
                        .append("\nSubject: ").append(t.subject()).append("\n\n").append(body);
            }
        }
        return ChatRequest.builder()
                .messages(List.of(SystemMessage.from(system), UserMessage.from(user.toString())))
                .maxOutputTokens(300)
                .temperature(0.3)
                .build();
    }

    private static String oneLine(@Nullable String s) {
        return s == null ? "no message" : s.replaceAll("\\s+", " ").strip();
    }
}
