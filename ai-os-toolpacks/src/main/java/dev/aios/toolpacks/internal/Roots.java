package dev.aios.toolpacks.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The folders a pack may touch, each readable or also writable, and nothing else (default deny).
 * A tool's path argument is relative to the first root, or absolute; either way it is refused
 * unless, with {@code ..} taken out and every symbolic link followed, it lies inside a root that
 * allows the access. So {@code ../x}, an absolute path elsewhere, and a link that points out of a
 * root are all refused with the same clear error.
 *
 * <p>The check happens when the path is resolved; a process that swaps a folder for a link
 * between the check and the use is outside what this guards against (it would need the user's
 * own rights on that folder already).
 */
public final class Roots {
    /** What a tool wants to do with a path. */
    public enum Access {
        /** Read a file or list a folder. */
        READ,
        /** Create, change, move or delete. */
        WRITE
    }

    private record Root(Path path, Path real, boolean writable) {}

    private final List<Root> roots;
    private final String tool;

    private Roots(List<Root> roots, String tool) {
        this.roots = List.copyOf(roots);
        this.tool = tool;
    }

    /** @return a builder; {@code tools} names the pack in errors ("files tools") */
    public static Builder builder(String tools) {
        return new Builder(tools);
    }

    /** @return whether no root is configured (every path is refused) */
    public boolean isEmpty() {
        return roots.isEmpty();
    }

    /** @return the configured roots, as given */
    public List<Path> paths() {
        return roots.stream().map(Root::path).toList();
    }

    /**
     * @param argument the path a tool was given
     * @return the real, absolute path, inside a root that allows {@code access}; it need not exist
     * @throws IllegalArgumentException if it lies outside every such root, or no root is configured
     */
    public Path resolve(String argument, Access access) {
        Objects.requireNonNull(argument, "path");
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no folders are configured for the " + tool + ", so '" + argument
                    + "' is refused (configure a root to allow one)");
        }
        if (argument.isBlank() || argument.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path '" + argument.replace("\0", "\\0") + "' is not a valid path");
        }
        Path given = Path.of(argument);
        Path candidate = (given.isAbsolute() ? given : roots.get(0).real().resolve(given)).normalize();
        Path real = realOf(candidate);
        Root root = holder(real);
        if (root != null) {
            if (access == Access.WRITE && !root.writable()) {
                throw new IllegalArgumentException("path '" + argument + "' is in the read-only folder "
                        + root.path() + "; the " + tool + " may not change it");
            }
            return real;
        }
        throw new IllegalArgumentException("path '" + argument + "' is outside the folders the " + tool
                + " may " + (access == Access.WRITE ? "change" : "read") + " (" + allowed(access) + ")");
    }

    /** @return {@code real} relative to the root that holds it, for results (or as is when none does) */
    public String display(Path real) {
        Root root = holder(real);
        if (root != null) {
            Path rel = root.real().relativize(real);
            String shown = rel.toString().isEmpty() ? "." : rel.toString();
            return roots.size() == 1 || root == roots.get(0) ? shown : root.path() + "/" + shown;
        }
        return real.toString();
    }

    /**
     * The most specific root holding {@code real}: with a read-only root nested inside a writable
     * one (or the other way round), the inner root's rule wins. Ties keep the first configured.
     */
    private Root holder(Path real) {
        Root best = null;
        for (Root root : roots) {
            if (real.startsWith(root.real())
                    && (best == null || root.real().getNameCount() > best.real().getNameCount())) {
                best = root;
            }
        }
        return best;
    }

    private String allowed(Access access) {
        return String.join(", ", roots.stream().filter(r -> access == Access.READ || r.writable())
                .map(r -> r.path().toString()).toList());
    }

    /** The real path of {@code path}: links followed for the part that exists, the rest appended. */
    private static Path realOf(Path path) {
        Path existing = path;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            Path real = existing.toRealPath();
            return rest == null ? real : real.resolve(rest).normalize();
        } catch (IOException e) {
            // a dangling link: refuse rather than guess where it would lead
            throw new IllegalArgumentException("path '" + path + "' goes through a link that leads nowhere ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Collects the roots. */
    public static final class Builder {
        private final String tools;
        private final List<Root> roots = new ArrayList<>();

        private Builder(String tools) {
            this.tools = tools;
        }

        /**
         * Adds a root; created when missing.
         *
         * @param writable whether tools may change what is inside
         * @throws UncheckedIOException if it cannot be created or read
         */
        public Builder add(Path root, boolean writable) {
            Objects.requireNonNull(root, "root");
            try {
                Files.createDirectories(root);
                roots.add(new Root(root, root.toRealPath(), writable));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use " + root + " as a root of the " + tools + ": " + e, e);
            }
            return this;
        }

        /** @return the roots */
        public Roots build() {
            return new Roots(roots, tools);
        }
    }
}
