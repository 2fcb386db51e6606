package dev.aios.toolpacks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Extracts archive entries into a folder without letting one escape it (zip slip) or blow up
 * (zip bomb). Entries go to a staging folder inside the target first; an entry whose name is
 * absolute or climbs out with {@code ..}, a link that points out, or an archive past the byte or
 * entry limit stops the extraction, the staging folder is deleted, and nothing is left behind.
 * Only when every entry is out does the content move into the target.
 *
 * <p>Links are the subtle part: a link's target is checked component by component from the
 * link's folder, and a {@code ..} that comes after a component which is itself a link is refused
 * (the real folder behind that link, not the text, decides where {@code ..} goes). No file is ever
 * written through a link: each file entry is created new, without following a link in its last
 * component. Before the content moves, every link is checked again (later entries may have added
 * links along its way) and must really lead inside.
 */
public final class SafeExtraction implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final long maxBytes;
    private final int maxEntries;
    private final List<Link> links = new ArrayList<>();
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
        folders(name, place(name));
    }

    /** Extracts a file entry from {@code in}, counting its bytes against the limit. */
    public void file(String name, InputStream in) throws IOException {
        Path dest = place(name);
        if (dest.equals(staging)) {
            throw new IllegalArgumentException("entry '" + name + "' has no file name; nothing was extracted");
        }
        dest = folders(name, dest.getParent()).resolve(dest.getFileName().toString());
        byte[] buffer = new byte[64 * 1024];
        OutputStream opened;
        try {
            opened = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("entry '" + name + "' names something the archive already extracted"
                    + " (a second entry of that name, or a link); nothing was extracted");
        }
        try (OutputStream out = opened) {
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
        Path parent = folders(name, dest.getParent());
        if (linkTarget.isEmpty() || linkTarget.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("entry '" + name + "' is a link with no valid target; nothing was"
                    + " extracted");
        }
        Path to = Path.of(linkTarget);
        if (to.isAbsolute() || linkTarget.startsWith("/")) {
            throw new IllegalArgumentException("entry '" + name + "' is a link to '" + linkTarget + "', outside the"
                    + " target folder; nothing was extracted");
        }
        Link link = new Link(name, parent, parent.resolve(dest.getFileName().toString()), linkTarget);
        check(link);
        try {
            Files.createSymbolicLink(link.path(), to);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("entry '" + name + "' names something the archive already extracted;"
                    + " nothing was extracted");
        }
        links.add(link);
    }

    /** A link this extraction made; {@code folder} is the real folder it lies in. */
    private record Link(String name, Path folder, Path path, String target) {}

    /**
     * Walks a link's target from the link's folder: every step must stay inside the staging
     * folder, and no {@code ..} may follow a component that is a link (where it would lead
     * depends on that link, not on the text).
     */
    private void check(Link link) throws IOException {
        Path current = link.folder();
        boolean throughLink = false;
        for (String part : link.target().split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (throughLink) {
                    throw new IllegalArgumentException("entry '" + link.name() + "' is a link to '" + link.target()
                            + "', which climbs with '..' out of another link; nothing was extracted");
                }
                current = current.getParent();
            } else {
                current = current.resolve(part);
                throughLink |= Files.isSymbolicLink(current);
            }
            if (current == null || !current.startsWith(staging)) {
                throw new IllegalArgumentException("entry '" + link.name() + "' is a link to '" + link.target()
                        + "', outside the target folder; nothing was extracted");
            }
        }
    }

    /** Moves everything into the target; fails, leaving the target as it was, if a name is taken. */
    public int finish() throws IOException {
        for (Link link : links) {
            check(link);
            if (Files.exists(link.path()) && !link.path().toRealPath().startsWith(staging)) {
                throw new IllegalArgumentException("entry '" + link.name() + "' is a link to '" + link.target()
                        + "', which leads outside the target folder; nothing was extracted");
            }
        }
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

    /**
     * Creates {@code dir} (inside the staging folder) one folder at a time, following a link on
     * the way only when it really leads to a folder inside: so no folder is ever made outside.
     *
     * @return the real path of {@code dir}
     */
    private Path folders(String name, Path dir) throws IOException {
        Path current = staging;
        if (dir.equals(staging)) {
            return current;
        }
        for (Path part : staging.relativize(dir)) {
            Path next = current.resolve(part.toString());
            if (Files.isSymbolicLink(next)) {
                try {
                    next = next.toRealPath();
                } catch (IOException e) {
                    throw new IllegalArgumentException("entry '" + name + "' would be written through a link that"
                            + " leads nowhere; nothing was extracted");
                }
                inside(name, next);
                if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException("entry '" + name + "' would be written below a link to a"
                            + " file; nothing was extracted");
                }
            } else if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException("entry '" + name + "' would be written below the file '"
                            + staging.relativize(next) + "'; nothing was extracted");
                }
                Files.createDirectory(next);
            }
            current = next;
        }
        return current;
    }

    /** An earlier link entry must not carry a later entry out. */
    private void inside(String name, Path realParent) {
        if (!realParent.startsWith(staging)) {
            throw new IllegalArgumentException("entry '" + name + "' would be written through a link out of the target"
                    + " folder; nothing was extracted");
        }
    }
}
