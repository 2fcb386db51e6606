package dev.aios.toolpacks.dev;

import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.dev.internal.GitTools;
import dev.aios.toolpacks.internal.Roots;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code git} pack: status, log, diff, show, branches, add, commit, create_branch, checkout and
 * init on local Git repositories, through JGit (no {@code git} program needed). A repository must
 * lie inside a root the host configured (none by default, so every call is refused); there are no
 * network operations (no clone, fetch or push), and a repository's hooks and configured filter
 * commands never run, whoever wrote them.
 * {@snippet :
 * ToolPack git = GitPack.builder()
 *         .root(Path.of("/home/me/projects"))          // repositories the agent may change
 *         .readOnlyRoot(Path.of("/srv/reference"))     // repositories it may only read
 *         .author("Build agent", "agent@example.com")
 *         .build();
 * }
 */
public final class GitPack {
    private GitPack() {}

    /** @return a builder with no roots and the author {@code AI-OS agent <aios-agent@localhost>} */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a git pack. */
    public static final class Builder {
        private final Roots.Builder roots = Roots.builder("git tools");
        private String authorName = "AI-OS agent";
        private String authorEmail = "aios-agent@localhost";

        private Builder() {}

        /**
         * Allows the repositories inside {@code folder} (created when missing) to be read and changed;
         * the first root is the one relative paths start from.
         */
        public Builder root(Path folder) {
            roots.add(folder, true);
            return this;
        }

        /** Allows the repositories inside {@code folder} to be read only (status, log, diff, show, branches). */
        public Builder readOnlyRoot(Path folder) {
            roots.add(folder, false);
            return this;
        }

        /** Sets the author and committer of {@code git.commit}'s commits (default {@code AI-OS agent <aios-agent@localhost>}). */
        public Builder author(String name, String email) {
            Objects.requireNonNull(name, "author name");
            Objects.requireNonNull(email, "author email");
            if (name.isBlank() || email.isBlank()) {
                throw new IllegalArgumentException("the git pack's author name and email must not be blank");
            }
            this.authorName = name;
            this.authorEmail = email;
            return this;
        }

        /** @return the pack; with no root configured, every tool refuses its call and says to configure one */
        public ToolPack build() {
            return GitTools.pack(roots.build(), authorName, authorEmail);
        }
    }
}
