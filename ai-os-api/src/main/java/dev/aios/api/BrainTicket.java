package dev.aios.api;

/**
 * The handle of one answered brain call, handed back to the router that made it with
 * {@link BrainRouter#recordOutcome(BrainTicket, AnswerVerdict)}. Routers may subclass it to keep
 * what they need to learn from the call (such as the request's features); callers only pass it
 * back. A ticket is meant for the router that issued it; others ignore it.
 */
public class BrainTicket {
    private final String brain;
    private final String purpose;

    /**
     * @param brain the name of the brain that answered
     * @param purpose the request's purpose
     */
    public BrainTicket(String brain, String purpose) {
        this.brain = Checks.notBlank(brain, "brain");
        this.purpose = Checks.notBlank(purpose, "purpose");
    }

    /** @return the name of the brain that answered */
    public final String brain() {
        return brain;
    }

    /** @return what the call was for, such as {@code plan} */
    public final String purpose() {
        return purpose;
    }

    @Override
    public String toString() {
        return "BrainTicket[" + purpose + " answered by " + brain + "]";
    }
}
