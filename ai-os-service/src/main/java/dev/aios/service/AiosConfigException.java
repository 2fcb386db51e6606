package dev.aios.service;

import dev.aios.api.AiOsException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A configuration file that cannot be used: the message names the file, the line and column,
 * the key path ({@code sources.maildir[1]}) and what is wrong, so a person can go straight to it.
 * Not retriable: the file has to be edited.
 */
public final class AiosConfigException extends AiOsException {
    private static final long serialVersionUID = 1L;

    private final String keyPath;
    private final transient @Nullable Path file;
    private final int line;
    private final int column;

    /**
     * @param keyPath where in the file, such as {@code sources.maildir[1]}; empty for the whole file
     * @param file the configuration file, or null for a configuration not read from one
     * @param line the line, from 1; 0 when unknown
     * @param column the column, from 1; 0 when unknown
     * @param problem what is wrong and what to do
     * @param cause the underlying failure, or null
     */
    public AiosConfigException(String keyPath, @Nullable Path file, int line, int column, String problem,
            @Nullable Throwable cause) {
        super(message(keyPath, file, line, column, problem), false, cause);
        this.keyPath = keyPath;
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String message(String keyPath, @Nullable Path file, int line, int column, String problem) {
        StringBuilder s = new StringBuilder();
        s.append(file == null ? "configuration" : file.toString());
        if (line > 0) {
            s.append(", line ").append(line).append(", column ").append(column);
        }
        s.append(": ");
        if (!keyPath.isEmpty()) {
            s.append(keyPath).append(": ");
        }
        return s.append(problem).toString();
    }

    /** @return the key path of the bad setting, such as {@code sources.maildir[1]}; empty for the whole file */
    public String keyPath() {
        return keyPath;
    }

    /** @return the configuration file, or null */
    public @Nullable Path file() {
        return file;
    }

    /** @return the line of the bad setting, from 1; 0 when unknown */
    public int line() {
        return line;
    }

    /** @return the column of the bad setting, from 1; 0 when unknown */
    public int column() {
        return column;
    }
}
