package dev.aios.media;

import dev.aios.api.AiOsException;
import org.jspecify.annotations.Nullable;

/**
 * A media operation that could not be done: bad input (an empty outline, a chart with no data, a
 * negative duration), an external program that is missing or failed, or an output that could not
 * be written. The message names the problem and what to do about it.
 */
public final class MediaException extends AiOsException {
    private static final long serialVersionUID = 1L;

    private MediaException(String message, boolean retriable, @Nullable Throwable cause) {
        super(message, retriable, cause);
    }

    /**
     * @param message what was wrong, with which value, and what to do
     * @return a failure that trying again with the same input cannot fix
     */
    public static MediaException invalid(String message) {
        return new MediaException(message, false, null);
    }

    /**
     * @param message what failed, with which file or program
     * @param cause the underlying failure, or null
     * @return a failure that trying again cannot fix
     */
    public static MediaException failed(String message, @Nullable Throwable cause) {
        return new MediaException(message, false, cause);
    }

    /**
     * @param program the executable's name, such as {@code ffmpeg}
     * @param neededFor what it is needed for, such as {@code "making video"}
     * @param debianPackage the Debian package that provides it, such as {@code ffmpeg}
     * @return the failure of an operation whose external program is not installed
     */
    public static MediaException missingProgram(String program, String neededFor, String debianPackage) {
        return new MediaException("'" + program + "' is needed for " + neededFor + " but was not found on the PATH;"
                + " install it (Debian/Ubuntu: apt-get install " + debianPackage + "; macOS: brew install "
                + debianPackage + ") or name its location in the media engine's settings", false, null);
    }
}
