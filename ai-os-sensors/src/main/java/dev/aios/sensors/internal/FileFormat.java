package dev.aios.sensors.internal;

import dev.aios.api.Observation;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How one kind of folder is read: which files hold items, how a file is keyed in the checkpoint,
 * and how it turns into observations. {@link FolderSensor} does the watching and bookkeeping.
 */
public interface FileFormat {

    /** @return what the files are, for log lines, such as {@code Maildir} */
    String describe();

    /** @return whether {@code relative} (a file under the root) holds items */
    boolean accepts(Path relative);

    /** @return whether to look inside the directory {@code relative} (the root is {@code ""}) */
    default boolean descend(Path relative) {
        return true;
    }

    /** @return the checkpoint key of a file; stable when the file is renamed in ways that do not change it */
    default String key(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    /** @return a stamp that changes whenever the file must be read again */
    default String stamp(BasicFileAttributes attributes) {
        return attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
    }

    /**
     * Reads a new or changed file.
     *
     * @param file the file
     * @param previous what this method returned for the same key last time, or null
     * @param sink receives the observations; may throw {@link SinkFailure}, which must propagate
     * @return data to remember for the next read of this key (such as an offset), or {@code ""}
     * @throws Exception if the file is malformed; the sensor logs it with the file name and skips it
     */
    String read(Path file, @Nullable String previous, Consumer<Observation> sink) throws Exception;
}
