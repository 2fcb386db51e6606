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

    /**
     * @param decisions at least one decision
     * @return the strictest of them (DENY before ASK before ALLOW), giving the reasons of every
     *     decision at that level, joined by {@code "; "}
     */
    public static GateDecision strictest(java.util.List<GateDecision> decisions) {
        if (decisions.isEmpty()) {
            throw new IllegalArgumentException("strictest needs at least one decision");
        }
        Verdict worst = Verdict.ALLOW;
        for (GateDecision d : decisions) {
            if (rank(d.verdict()) > rank(worst)) {
                worst = d.verdict();
            }
        }
        Verdict level = worst;
        return new GateDecision(level, String.join("; ",
                decisions.stream().filter(d -> d.verdict() == level).map(GateDecision::reason).toList()));
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case ALLOW -> 0;
            case ASK -> 1;
            case DENY -> 2;
        };
    }
}
