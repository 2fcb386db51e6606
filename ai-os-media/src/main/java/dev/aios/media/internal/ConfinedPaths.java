package dev.aios.media.internal;

import dev.aios.media.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the media tools may read and write: outputs only under one folder, inputs only under the
 * folders the host named (and the output folder). A path that leaves them, by {@code ..}, by being
 * absolute elsewhere, or through a symbolic link, is refused with a message naming it. Default
 * deny: with no read roots, only the output folder can be read.
 *
 * @param output the folder outputs go to (created when missing)
 * @param readRoots the folders inputs may come from, besides {@code output}
 */
public record ConfinedPaths(Path output, List<Path> readRoots) {

    /** Resolves the folders to their real locations, so later checks compare like with like. */
    public ConfinedPaths {
        try {
            Files.createDirectories(output);
            output = output.toRealPath();
            readRoots = readRoots.stream().map(ConfinedPaths::real).toList();
        } catch (IOException e) {
            throw MediaException.failed("cannot use " + output + " as the media output folder: " + e.getMessage(), e);
        }
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw MediaException.invalid("the media read root " + root + " does not exist or cannot be read");
        }
    }

    /**
     * @param relative where to write, relative to the output folder
     * @param extensions the file endings allowed, such as {@code ".png"}
     * @return the absolute path inside the output folder, its parent created
     */
    public Path output(String relative, String... extensions) {
        if (relative == null || relative.isBlank()) {
            throw MediaException.invalid("no output file was named");
        }
        Path candidate = Path.of(relative);
        if (candidate.isAbsolute()) {
            throw MediaException.invalid("the output file '" + relative + "' must be relative to the media folder");
        }
        Path target = output.resolve(candidate).normalize();
        if (!target.startsWith(output) || target.equals(output)) {
            throw MediaException.invalid("the output file '" + relative + "' leaves the media folder");
        }
        checkExtension(relative, target, extensions);
        try {
            Path parent = Files.createDirectories(target.getParent()).toRealPath();
            if (!parent.startsWith(output)) {
                throw MediaException.invalid("the output file '" + relative + "' leaves the media folder through a link");
            }
            if (Files.isSymbolicLink(target)) {
                throw MediaException.invalid("the output file '" + relative + "' is a symbolic link; refusing to write through it");
            }
            return parent.resolve(target.getFileName());
        } catch (IOException e) {
            throw MediaException.failed("cannot create the folder for '" + relative + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param path an input file: relative to the output folder, or absolute under a read root
     * @param extensions the file endings allowed, such as {@code ".wav"}; none means any
     * @return its real location, which exists and is a regular file
     */
    public Path input(String path, String... extensions) {
        if (path == null || path.isBlank()) {
            throw MediaException.invalid("no input file was named");
        }
        Path candidate = Path.of(path);
        Path resolved = candidate.isAbsolute() ? candidate.normalize() : output.resolve(candidate).normalize();
        checkExtension(path, resolved, extensions);
        Path real;
        try {
            real = resolved.toRealPath();
        } catch (IOException e) {
            throw MediaException.invalid("the input file '" + path + "' does not exist");
        }
        if (!real.startsWith(output) && readRoots.stream().noneMatch(real::startsWith)) {
            throw MediaException.invalid("the input file '" + path + "' is outside the folders the media tools may read"
                    + " (the media folder and " + readRoots + ")");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw MediaException.invalid("the input '" + path + "' is not a regular file");
        }
        return real;
    }

    private static void checkExtension(String given, Path target, String... extensions) {
        if (extensions.length == 0) {
            return;
        }
        String name = target.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        for (String e : extensions) {
            if (name.endsWith(e)) {
                return;
            }
        }
        throw MediaException.invalid("'" + given + "' must end with one of " + List.of(extensions));
    }
}
