package dev.aios.sensors.internal;

import dev.aios.api.Observation;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Narrows a format to one file in the watched folder, for sensors pointed at a single file. */
public final class OnlyFile implements FileFormat {
    private final FileFormat format;
    private final String fileName;

    /**
     * @param format how the file is read
     * @param fileName the one file to read, directly in the watched folder
     */
    public OnlyFile(FileFormat format, String fileName) {
        this.format = format;
        this.fileName = fileName;
    }

    @Override
    public String describe() {
        return format.describe();
    }

    @Override
    public boolean accepts(Path relative) {
        return relative.getNameCount() == 1 && relative.getFileName().toString().equals(fileName);
    }

    @Override
    public boolean descend(Path relative) {
        return relative.toString().isEmpty();
    }

    @Override
    public String stamp(BasicFileAttributes attributes) {
        return format.stamp(attributes);
    }

    @Override
    public String read(Path file, @Nullable String previous, Consumer<Observation> sink) throws Exception {
        return format.read(file, previous, sink);
    }
}
