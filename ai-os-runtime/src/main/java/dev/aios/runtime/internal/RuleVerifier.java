package dev.aios.runtime.internal;

import dev.aios.api.Expectation;
import dev.aios.api.PlanStep;
import dev.aios.api.ToolResult;
import dev.aios.api.Verification;
import dev.aios.api.spi.RunContext;
import dev.aios.api.spi.Verifier;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The default verifier ({@code rules}): checks a result against its step's {@link Expectation}
 * rules without a model. A description-only expectation passes on any result without error.
 */
public final class RuleVerifier implements Verifier {

    /**
     * How long one {@code matches} check may run. The pattern comes from a brain: a backtracking
     * one such as {@code (.*a){12}$} would otherwise keep a core busy long after the run ended.
     */
    static final Duration MATCH_TIME_LIMIT = Duration.ofSeconds(1);

    /** Creates the verifier. */
    public RuleVerifier() {}

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Verification verify(PlanStep step, ToolResult result, RunContext run) {
        if (result.error()) {
            return Verification.fail("the result is an error: " + Excerpt.of(result.text(), 200));
        }
        Expectation expect = step.expectation();
        if (expect.contains() != null
                && !result.text().toLowerCase(Locale.ROOT).contains(expect.contains().toLowerCase(Locale.ROOT))) {
            return Verification.fail("the result does not contain '" + expect.contains() + "'");
        }
        if (expect.matches() != null) {
            try {
                if (!DeadlineCharSequence.find(Pattern.compile(expect.matches()), result.text(), MATCH_TIME_LIMIT)) {
                    return Verification.fail("the result does not match /" + expect.matches() + "/");
                }
            } catch (DeadlineCharSequence.MatchAbandoned e) {
                return Verification.fail("the pattern /" + expect.matches() + "/ " + e.getMessage()
                        + " against the result's " + result.text().length() + " characters, so the check was"
                        + " abandoned: use a simpler pattern (no nested repetition such as (.*a){12})");
            }
        }
        if (!expect.hasRules()) {
            return Verification.pass("no error");
        }
        StringBuilder rules = new StringBuilder("no error");
        if (expect.contains() != null) {
            rules.append(", contains '").append(expect.contains()).append('\'');
        }
        if (expect.matches() != null) {
            rules.append(", matches /").append(expect.matches()).append('/');
        }
        return Verification.pass(rules.toString());
    }
}
