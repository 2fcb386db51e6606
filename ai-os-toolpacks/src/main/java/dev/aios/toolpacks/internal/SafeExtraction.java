package dev.aios.toolpacks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Extracts archive entries into a folder without letting one escape it (zip slip) or blow up
 * (zip bomb). Entries go to a staging folder inside the target first; an entry whose name is
 * absolute or climbs out with {@code ..}, a link that points out, or an archive past the byte or
 * entry limit stops the extraction, the staging folder is deleted, and nothing is left behind.
 * Only when every entry is out does the content move into the target.
 */
public final class SafeExtraction implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final long maxBytes;
    private final int maxEntries;
    private long bytes;
    private int entries;
    private boolean done;

    /** @param target the real folder to extract into (created when missing) */
    public SafeExtraction(Path target, long maxBytes, int maxEntries) throws IOException {
        Files.createDirectories(target);
        this.target = target.toRealPath();
        this.staging = Files.createDirectory(this.target.resolve(".extracting-" + UUID.randomUUID()));
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
    }

    /** Extracts a folder entry. */
    public void folder(String name) throws IOException {
        Files.createDirectories(place(name));
    }

    /** Extracts a file entry from {@code in}, counting its bytes against the limit. */
    public void file(String name, InputStream in) throws IOException {
        Path dest = place(name);
        if (dest.equals(staging)) {
            throw new IllegalArgumentException("entry '" + name + "' has no file name; nothing was extracted");
        }
        Files.createDirectories(dest.getParent());
        inside(name, dest.getParent().toRealPath());
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(dest)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
                if (bytes > maxBytes) {
                    throw new IllegalArgumentException("the archive expands past the limit of " + maxBytes + " bytes"
                            + " (a guard against zip bombs; the host can raise it with maxBytes); nothing was"
                            + " extracted");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /** Extracts a symbolic link entry; its target must be relative and stay inside the folder. */
    public void link(String name, String linkTarget) throws IOException {
        Path dest = place(name);
        if (dest.equals(staging)) {
            throw new IllegalArgumentException("entry '" + name + "' has no file name; nothing was extracted");
        }
        Files.createDirectories(dest.getParent());
        Path parent = dest.getParent().toRealPath();
        Path to = Path.of(linkTarget);
        if (to.isAbsolute() || !parent.resolve(to).normalize().startsWith(staging)) {
            throw new IllegalArgumentException("entry '" + name + "' is a link to '" + linkTarget + "', outside the"
                    + " target folder; nothing was extracted");
        }
        Files.createSymbolicLink(dest, to);
    }

    /** Moves everything into the target; fails, leaving the target as it was, if a name is taken. */
    public int finish() throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(staging)) {
            children = list.toList();
        }
        for (Path child : children) {
            if (Files.exists(target.resolve(child.getFileName().toString()), LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("'" + child.getFileName() + "' already exists in the target folder;"
                        + " extract into an empty folder; nothing was extracted");
            }
        }
        for (Path child : children) {
            Files.move(child, target.resolve(child.getFileName().toString()));
        }
        done = true;
        FileTrees.delete(staging);
        return entries;
    }

    /** @return the bytes written so far */
    public long bytes() {
        return bytes;
    }

    /** Deletes the staging folder when {@link #finish()} did not run to the end. */
    @Override
    public void close() throws IOException {
        if (!done) {
            FileTrees.delete(staging);
        }
    }

    private Path place(String name) throws IOException {
        if (++entries > maxEntries) {
            throw new IllegalArgumentException("the archive has more than " + maxEntries + " entries (a guard against"
                    + " zip bombs; the host can raise it with maxEntries); nothing was extracted");
        }
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("entry '" + name + "' has an absolute name; nothing was extracted");
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("entry '" + name + "' climbs out of the target folder with '..';"
                        + " nothing was extracted");
            }
        }
        Path dest = staging.resolve(n).normalize();
        if (!dest.startsWith(staging)) {
            throw new IllegalArgumentException("entry '" + name + "' lies outside the target folder; nothing was"
                    + " extracted");
        }
        if (dest.equals(staging)) {
            return dest;
        }
        if (Files.exists(dest.getParent(), LinkOption.NOFOLLOW_LINKS)) {
            inside(name, dest.getParent().toRealPath());
        }
        return dest;
    }

    /** An earlier link entry must not carry a later entry out. */
    private void inside(String name, Path realParent) {
        if (!realParent.startsWith(staging)) {
            throw new IllegalArgumentException("entry '" + name + "' would be written through a link out of the target"
                    + " folder; nothing was extracted");
        }
    }
}
