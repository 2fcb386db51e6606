package dev.aios.api;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception AI-OS throws. Unchecked; {@link #isRetriable()} tells a caller
 * whether trying the same thing again may succeed (a timeout, a rate limit) or cannot (bad input,
 * a denied action, a malformed plan).
 *
 * <p>Create one with {@link #permanent} or {@link #retriable}, so the call site says which it is.
 */
public class AiOsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    /**
     * For subclasses; other code uses {@link #permanent} or {@link #retriable}.
     *
     * @param message what was wrong, with which value, and what to do
     * @param retriable whether the same attempt may succeed later
     * @param cause the underlying failure, or null
     */
    protected AiOsException(String message, boolean retriable, @Nullable Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /**
     * @param message what was wrong, with which value, and what to do
     * @return a failure that trying again cannot fix (bad input, a denied action, a malformed plan)
     */
    public static AiOsException permanent(String message) {
        return new AiOsException(message, false, null);
    }

    /**
     * @param message what was wrong, with which value, and what to do
     * @param cause the underlying failure
     * @return a failure that trying again cannot fix
     */
    public static AiOsException permanent(String message, @Nullable Throwable cause) {
        return new AiOsException(message, false, cause);
    }

    /**
     * @param message what was wrong, with which value, and what to do
     * @return a failure that the same attempt may get past later (a timeout, a rate limit, a busy resource)
     */
    public static AiOsException retriable(String message) {
        return new AiOsException(message, true, null);
    }

    /**
     * @param message what was wrong, with which value, and what to do
     * @param cause the underlying failure
     * @return a failure that the same attempt may get past later
     */
    public static AiOsException retriable(String message, @Nullable Throwable cause) {
        return new AiOsException(message, true, cause);
    }

    /** @return whether repeating the failed operation may succeed */
    public boolean isRetriable() {
        return retriable;
    }
}
