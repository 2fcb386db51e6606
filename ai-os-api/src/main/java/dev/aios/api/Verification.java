package dev.aios.api;

/**
 * A verifier's verdict on one step's result.
 *
 * @param passed whether the result meets the step's {@link Expectation}
 * @param reason why, naming the rule or the judge
 */
public record Verification(boolean passed, String reason) {

    /** Validates. */
    public Verification {
        Checks.notBlank(reason, "verification reason");
    }

    /** @return a passing verdict */
    public static Verification pass(String reason) {
        return new Verification(true, reason);
    }

    /** @return a failing verdict */
    public static Verification fail(String reason) {
        return new Verification(false, reason);
    }
}
