package dev.aios.api;

/**
 * The root of every exception AI-OS throws. Unchecked; {@link #isRetriable()} tells a caller
 * whether trying the same thing again may succeed (a timeout, a rate limit) or cannot (bad input,
 * a denied action, a malformed plan).
 */
public class AiOsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    /**
     * @param message what was wrong, with which value, and what to do
     * @param retriable whether the same attempt may succeed later
     */
    public AiOsException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    /**
     * @param message what was wrong, with which value, and what to do
     * @param retriable whether the same attempt may succeed later
     * @param cause the underlying failure
     */
    public AiOsException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** @return whether repeating the failed operation may succeed */
    public boolean isRetriable() {
        return retriable;
    }
}
