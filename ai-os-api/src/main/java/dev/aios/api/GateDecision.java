package dev.aios.api;

/**
 * The gate's answer for one step: run it, refuse it, or ask a human first; always with the
 * reason, which is shown to the user and to the planner.
 *
 * @param verdict allow, deny or ask
 * @param reason why, naming the rule that decided
 */
public record GateDecision(Verdict verdict, String reason) {

    /** The three answers a gate can give. */
    public enum Verdict {
        /** Run the step. */
        ALLOW,
        /** Do not run the step. */
        DENY,
        /** Park the step in the approval queue until a human answers. */
        ASK
    }

    /** Validates. */
    public GateDecision {
        Checks.notNull(verdict, "verdict");
        Checks.notBlank(reason, "reason");
    }

    /** @return an ALLOW decision */
    public static GateDecision allow(String reason) {
        return new GateDecision(Verdict.ALLOW, reason);
    }

    /** @return a DENY decision */
    public static GateDecision deny(String reason) {
        return new GateDecision(Verdict.DENY, reason);
    }

    /** @return an ASK decision */
    public static GateDecision ask(String reason) {
        return new GateDecision(Verdict.ASK, reason);
    }
}
