package dev.aios.api.spi;

import dev.aios.api.AiOsException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RunJournal} could not do what was asked: the disk is full, the database is gone, the
 * run is owned by another process, a record is corrupt beyond its last good entry. The message
 * names the run, the journal's location and what to do; it never holds an entry's body.
 */
public class JournalException extends AiOsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, for which run and where, and what to do
     * @param retriable whether the same operation may succeed later (a busy database: yes; a corrupt
     *     file: no)
     * @param cause the underlying failure, or null
     */
    public JournalException(String message, boolean retriable, @Nullable Throwable cause) {
        super(message, retriable, cause);
    }
}
