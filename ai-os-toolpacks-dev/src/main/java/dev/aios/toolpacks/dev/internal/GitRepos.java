package dev.aios.toolpacks.dev.internal;

import dev.aios.toolpacks.internal.Roots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Opens the repository a git tool names, confined to the roots: both its working tree and its
 * {@code .git} folder must lie inside a root that allows the access, and so must the common folder a
 * {@code commondir} file names and the objects folders {@code objects/info/alternates} lists (those
 * need only READ). Environment variables such as {@code GIT_DIR} are not read, and hooks and
 * external commands are off ({@link NoHooksFs}).
 */
final class GitRepos {
    private static final int MAX_ALTERNATE_DEPTH = 5;

    private final Roots roots;

    GitRepos(Roots roots) {
        this.roots = roots;
    }

    Roots roots() {
        return roots;
    }

    /** @return the repository whose working tree is the folder {@code argument}; the caller closes it */
    Repository open(String argument, Roots.Access access) throws IOException {
        Path dir = roots.resolve(argument, access);
        if (!Files.exists(dir.resolve(".git"))) {
            throw new IllegalArgumentException("'" + argument + "' is not a Git repository: give the folder that"
                    + " holds .git (git.init creates one)");
        }
        Repository repo = new FileRepositoryBuilder()
                .setFS(NoHooksFs.get())
                .setWorkTree(dir.toFile())
                .setMustExist(true)
                .build();
        try {
            // a .git file may point elsewhere (a linked worktree): that folder must be inside a root too
            roots.resolve(repo.getDirectory().getAbsolutePath(), access);
            // so must the common folder a commondir file names (objects, refs and config come from there)
            roots.resolve(repo.getCommonDirectory().getAbsolutePath(), access);
            // and the objects folder with every alternate objects folder it reads from
            Path objects = repo.getObjectDatabase() instanceof ObjectDirectory od ? od.getDirectory().toPath()
                    : repo.getCommonDirectory().toPath().resolve("objects");
            roots.resolve(objects.toAbsolutePath().toString(), access);
            checkAlternates(objects, new HashSet<>(), 0);
        } catch (IllegalArgumentException | IOException e) {
            repo.close();
            throw new IllegalArgumentException("the Git folder of '" + argument + "' lies outside the roots: "
                    + e.getMessage());
        }
        return repo;
    }

    /**
     * Follows {@code objects/info/alternates} as JGit does: every folder it names (relative to the
     * objects folder) must be readable inside a root, and so must the alternates those name.
     */
    private void checkAlternates(Path objects, Set<Path> seen, int depth) throws IOException {
        Path file = objects.resolve("info").resolve("alternates");
        if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (depth >= MAX_ALTERNATE_DEPTH) {
            throw new IllegalArgumentException("objects/info/alternates are nested too deep");
        }
        // the file itself is read only through a path inside the roots
        Path real = roots.resolve(file.toAbsolutePath().toString(), Roots.Access.READ);
        for (String line : Files.readAllLines(real, StandardCharsets.UTF_8)) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            Path alternate;
            try {
                alternate = roots.resolve(objects.resolve(entry).normalize().toAbsolutePath().toString(),
                        Roots.Access.READ);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("objects/info/alternates names '" + entry + "': "
                        + e.getMessage(), e);
            }
            if (seen.add(alternate)) {
                checkAlternates(alternate, seen, depth + 1);
            }
        }
    }

    /** @return {@code path} (relative to the repository) checked to stay inside it, in Git's form */
    String pathIn(Repository repo, String path, Roots.Access access) {
        Path top = repo.getWorkTree().toPath();
        Path real = roots.resolve(top.resolve(path).normalize().toString(), access);
        if (!real.startsWith(top)) {
            throw new IllegalArgumentException("path '" + path + "' is outside the repository");
        }
        String rel = top.relativize(real).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }
}
