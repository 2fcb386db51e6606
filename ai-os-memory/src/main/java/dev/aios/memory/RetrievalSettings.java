package dev.aios.memory;

import dev.aios.api.AiOsException;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link LuceneMemory} ranks in a hybrid recall. The final score of a memory is
 * {@code lexicalWeight * words + vectorWeight * meaning + time + session + recencyWeight * freshness
 * + importanceWeight * importance}, where words is its BM25 score over the best in the candidate
 * set, meaning its cosine similarity min-max scaled over the candidates, time is
 * {@code timeBoost} when the question asks when and the memory says when (else 0), session is
 * {@code sessionBoost} times how well its session matches, and freshness halves every
 * {@code recencyHalfLife}. Use {@link #defaults()} and the {@code with...} methods.
 *
 * <p>How the defaults were chosen (issue 15): the content weights, boosts and cues by
 * leave-one-conversation-out cross-validation on five LoCoMo conversations (26, 30, 41, 42, 43):
 * a grid of 72 settings (with {@code contextTurns} 2 or 3) was scored on each conversation; for
 * each held-out conversation the setting best on the other four (evidence recall@10) was scored
 * on it. Every fold chose the same setting, these defaults; scored that way they reach evidence
 * recall@10 0.773 (95% interval 0.746 to 0.801) on the held-out conversations, against 0.724 for
 * the previous defaults (0.5, 0.5, 0.3, 0.3, no cues). Recency and importance were not tuned
 * (LoCoMo has no "now" and no importance). The command and the table are in benchmarks/README.md,
 * "LoCoMo retrieval (issue 15)". Other conversations, domains and languages may want others.
 *
 * @param lexicalWeight weight of the BM25 (word) score, {@code >= 0}; default 0.6
 * @param vectorWeight weight of the vector (meaning) score, {@code >= 0}; default 0.4
 * @param contextBoost BM25 boost of the neighbouring turns' words, relative to the memory's own
 *     words (1); default 1.0
 * @param metadataBoost BM25 boost of searchable metadata values (speaker, source, tags); default 0.3
 * @param candidates how many candidates each method contributes before fusion, {@code >= 1}; default 100
 * @param recencyWeight weight of freshness, {@code >= 0}; default 0.05
 * @param recencyHalfLife how long freshness takes to halve, positive; default 30 days
 * @param importanceWeight weight of the record's importance, {@code >= 0}; default 0.1
 * @param timeBoost added to the score of a memory that says when (yesterday, last week, in June,
 *     2022) when the question asks when (when, how long, which year); English words only,
 *     {@code >= 0}; default 0.3
 * @param sessionBoost weight of how well a memory's session matches: the summed content scores of
 *     the session's best three candidates, over the best session's (a memory of no session is a
 *     session of one), {@code >= 0}; default 0.5
 */
public record RetrievalSettings(double lexicalWeight, double vectorWeight, double contextBoost, double metadataBoost,
        int candidates, double recencyWeight, Duration recencyHalfLife, double importanceWeight, double timeBoost,
        double sessionBoost) {

    /** Validates; the message names the setting that is out of range. */
    public RetrievalSettings {
        nonNegative(lexicalWeight, "lexicalWeight");
        nonNegative(vectorWeight, "vectorWeight");
        nonNegative(contextBoost, "contextBoost");
        nonNegative(metadataBoost, "metadataBoost");
        nonNegative(recencyWeight, "recencyWeight");
        nonNegative(importanceWeight, "importanceWeight");
        nonNegative(timeBoost, "timeBoost");
        nonNegative(sessionBoost, "sessionBoost");
        if (lexicalWeight + vectorWeight == 0) {
            throw AiOsException.permanent("lexicalWeight and vectorWeight are both 0: nothing would rank by content; "
                    + "give at least one a positive weight");
        }
        if (candidates < 1) {
            throw AiOsException.permanent("candidates must be >= 1, was " + candidates);
        }
        Objects.requireNonNull(recencyHalfLife, "recencyHalfLife must not be null");
        if (recencyHalfLife.isNegative() || recencyHalfLife.isZero()) {
            throw AiOsException.permanent("recencyHalfLife must be positive, was " + recencyHalfLife);
        }
    }

    /** @return the defaults documented on the components */
    public static RetrievalSettings defaults() {
        return new RetrievalSettings(0.6, 0.4, 1.0, 0.3, 100, 0.05, Duration.ofDays(30), 0.1, 0.3, 0.5);
    }

    /** @return these settings with other weights for words and meaning */
    public RetrievalSettings withWeights(double lexical, double vector) {
        return new RetrievalSettings(lexical, vector, contextBoost, metadataBoost, candidates, recencyWeight,
                recencyHalfLife, importanceWeight, timeBoost, sessionBoost);
    }

    /** @return these settings with other boosts for context and metadata words */
    public RetrievalSettings withBoosts(double context, double metadata) {
        return new RetrievalSettings(lexicalWeight, vectorWeight, context, metadata, candidates, recencyWeight,
                recencyHalfLife, importanceWeight, timeBoost, sessionBoost);
    }

    /** @return these settings with another candidate count */
    public RetrievalSettings withCandidates(int n) {
        return new RetrievalSettings(lexicalWeight, vectorWeight, contextBoost, metadataBoost, n, recencyWeight,
                recencyHalfLife, importanceWeight, timeBoost, sessionBoost);
    }

    /** @return these settings with other recency and importance weights */
    public RetrievalSettings withRecency(double weight, Duration halfLife, double importance) {
        return new RetrievalSettings(lexicalWeight, vectorWeight, contextBoost, metadataBoost, candidates, weight,
                halfLife, importance, timeBoost, sessionBoost);
    }

    /**
     * @return these settings with another boost for memories that say when, given to questions
     *     that ask when
     * @since 0.1.0
     */
    public RetrievalSettings withTimeBoost(double boost) {
        return new RetrievalSettings(lexicalWeight, vectorWeight, contextBoost, metadataBoost, candidates, recencyWeight,
                recencyHalfLife, importanceWeight, boost, sessionBoost);
    }

    /**
     * @return these settings with another weight for how well a turn's session matches
     * @since 0.1.0
     */
    public RetrievalSettings withSessionBoost(double boost) {
        return new RetrievalSettings(lexicalWeight, vectorWeight, contextBoost, metadataBoost, candidates, recencyWeight,
                recencyHalfLife, importanceWeight, timeBoost, boost);
    }

    private static void nonNegative(double v, String name) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw AiOsException.permanent(name + " must be a finite number >= 0, was " + v);
        }
    }
}
