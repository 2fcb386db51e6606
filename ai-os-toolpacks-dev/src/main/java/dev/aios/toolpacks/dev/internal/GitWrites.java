package dev.aios.toolpacks.dev.internal;

import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Roots.Access;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.AddCommand;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.CreateBranchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.CheckoutConflictException;
import org.eclipse.jgit.api.errors.EmptyCommitException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The git tools that change a repository: add, commit, create_branch, checkout, init. */
final class GitWrites {
    private static final Logger LOG = LoggerFactory.getLogger(GitWrites.class);

    private final GitRepos repos;
    private final String authorName;
    private final String authorEmail;

    GitWrites(GitRepos repos, String authorName, String authorEmail) {
        this.repos = repos;
        this.authorName = authorName;
        this.authorEmail = authorEmail;
    }

    ToolResult add(Map<String, Object> args) throws IOException, GitAPIException {
        List<String> paths = Args.strings(args, "paths");
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("argument 'paths' must name at least one file or folder ('.' for all)");
        }
        try (Repository repo = repos.open(Args.string(args, "repo"), Access.WRITE); Git git = Git.wrap(repo)) {
            AddCommand add = git.add();
            AddCommand update = git.add().setUpdate(true); // stages deletions of tracked files too
            for (String p : paths) {
                String inRepo = repos.pathIn(repo, p, Access.WRITE);
                add.addFilepattern(inRepo);
                update.addFilepattern(inRepo);
            }
            add.call();
            update.call();
            Status st = git.status().call();
            Set<String> staged = new TreeSet<>();
            staged.addAll(st.getAdded());
            staged.addAll(st.getChanged());
            staged.addAll(st.getRemoved());
            return ToolResult.success("staged; " + staged.size() + " files now staged for the next commit: "
                    + GitReads.capped(staged));
        }
    }

    ToolResult commit(Map<String, Object> args) throws IOException, GitAPIException {
        String message = Args.string(args, "message");
        try (Repository repo = repos.open(Args.string(args, "repo"), Access.WRITE); Git git = Git.wrap(repo)) {
            CommitCommand commit = git.commit()
                    .setMessage(message)
                    .setAuthor(authorName, authorEmail)
                    .setCommitter(authorName, authorEmail)
                    .setNoVerify(true)
                    .setSign(Boolean.FALSE)
                    .setAllowEmpty(false);
            for (String p : Args.strings(args, "paths")) {
                commit.setOnly(repos.pathIn(repo, p, Access.WRITE));
            }
            RevCommit c;
            try {
                c = commit.call();
            } catch (EmptyCommitException e) {
                throw new IllegalArgumentException("nothing to commit: stage changes with git.add first, or name"
                        + " changed files in 'paths'");
            }
            LOG.debug("git.commit {} in {}", c.name(), repo.getWorkTree());
            return ToolResult.success("committed " + c.name().substring(0, 10) + " on " + repo.getBranch() + ": "
                    + c.getShortMessage());
        }
    }

    ToolResult createBranch(Map<String, Object> args) throws IOException, GitAPIException {
        String name = Args.string(args, "name");
        checkBranchName(name);
        try (Repository repo = repos.open(Args.string(args, "repo"), Access.WRITE); Git git = Git.wrap(repo)) {
            if (repo.exactRef(Constants.R_HEADS + name) != null) {
                throw new IllegalArgumentException("a branch named '" + name + "' already exists");
            }
            String from = Args.string(args, "from", "HEAD");
            var id = GitReads.commitId(repo, from, "from");
            git.branchCreate()
                    .setName(name)
                    .setStartPoint(id.name())
                    .setUpstreamMode(CreateBranchCommand.SetupUpstreamMode.NOTRACK)
                    .call();
            return ToolResult.success("created branch " + name + " at " + id.name().substring(0, 10)
                    + " (still on " + repo.getBranch() + "; git.checkout switches)");
        }
    }

    ToolResult checkout(Map<String, Object> args) throws IOException, GitAPIException {
        String name = Args.string(args, "branch");
        try (Repository repo = repos.open(Args.string(args, "repo"), Access.WRITE); Git git = Git.wrap(repo)) {
            if (repo.exactRef(Constants.R_HEADS + name) == null) {
                throw new IllegalArgumentException("argument 'branch': no branch named '" + name
                        + "' (git.branches lists them; git.create_branch makes one)");
            }
            if (name.equals(repo.getBranch())) {
                return ToolResult.success("already on " + name);
            }
            Status st = git.status().call();
            if (st.hasUncommittedChanges()) {
                Set<String> changed = new TreeSet<>(st.getUncommittedChanges());
                throw new IllegalArgumentException("the working tree has uncommitted changes that switching to '"
                        + name + "' could lose: " + GitReads.capped(changed) + "; commit them first");
            }
            try {
                git.checkout().setName(name).call();
            } catch (CheckoutConflictException e) {
                throw new IllegalArgumentException("switching to '" + name + "' would overwrite untracked files: "
                        + e.getConflictingPaths() + "; move or add them first");
            }
            return ToolResult.success("switched to " + name);
        }
    }

    ToolResult init(Map<String, Object> args) throws GitAPIException {
        String argument = Args.string(args, "path");
        Path dir = repos.roots().resolve(argument, Access.WRITE);
        if (Files.exists(dir.resolve(".git"))) {
            throw new IllegalArgumentException("'" + argument + "' is already a Git repository");
        }
        String branch = Args.string(args, "branch", "main");
        checkBranchName(branch);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).setFs(NoHooksFs.get()).call()) {
            return ToolResult.success("created an empty Git repository in " + repos.roots().display(dir)
                    + " on branch " + branch);
        }
    }

    private static void checkBranchName(String name) {
        if (!Repository.isValidRefName(Constants.R_HEADS + name) || name.startsWith("-")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid branch name");
        }
    }
}
