package dev.aios.api;

/** Whether a brain's answer was accepted by the check it was put to (verification, a draft check, a person). */
public enum AnswerVerdict {
    /** The answer was used. */
    ACCEPTED,
    /** The answer was rejected; a retry should go to a stronger brain. */
    REJECTED;

    /** @return {@link #ACCEPTED} when {@code accepted}, else {@link #REJECTED} */
    public static AnswerVerdict of(boolean accepted) {
        return accepted ? ACCEPTED : REJECTED;
    }
}
