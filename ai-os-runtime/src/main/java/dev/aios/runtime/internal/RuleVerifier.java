package dev.aios.runtime.internal;

import dev.aios.api.Expectation;
import dev.aios.api.PlanStep;
import dev.aios.api.ToolResult;
import dev.aios.api.Verification;
import dev.aios.api.spi.RunContext;
import dev.aios.api.spi.Verifier;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The default verifier ({@code rules}): checks a result against its step's {@link Expectation}
 * rules without a model. A description-only expectation passes on any result without error.
 */
public final class RuleVerifier implements Verifier {

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
        if (expect.matches() != null && !Pattern.compile(expect.matches()).matcher(result.text()).find()) {
            return Verification.fail("the result does not match /" + expect.matches() + "/");
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
