package dev.aios.toolpacks.dev.internal;

import dev.aios.toolpacks.internal.Roots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Opens the repository a git tool names, confined to the roots: both its working tree and its
 * {@code .git} folder must lie inside a root that allows the access. Environment variables such as
 * {@code GIT_DIR} are not read, and hooks and external commands are off ({@link NoHooksFs}).
 */
final class GitRepos {
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
        } catch (IllegalArgumentException e) {
            repo.close();
            throw new IllegalArgumentException("the Git folder of '" + argument + "' lies outside the roots: "
                    + e.getMessage());
        }
        return repo;
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
