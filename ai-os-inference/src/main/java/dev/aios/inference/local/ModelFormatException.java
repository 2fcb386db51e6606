package dev.aios.inference.local;

import dev.aios.api.AiOsException;

/**
 * A local model folder or one of its files is missing, damaged, inconsistent or of a kind AI-OS
 * does not run. Never retriable: the same files fail the same way until someone replaces them.
 * The message names the file, the tensor where there is one, and the wrong value against what was
 * expected.
 */
public final class ModelFormatException extends AiOsException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, in which file, with which value, and what was expected */
    public ModelFormatException(String message) {
        super(message, false, null);
    }

    /**
     * @param message what was wrong, in which file, with which value, and what was expected
     * @param cause the underlying failure (an I/O or JSON error)
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
