package dev.aios.toolpacks.dev.internal;

import dev.aios.api.ToolRisk;
import dev.aios.api.ToolRisk.Level;
import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Pack.Output;
import dev.aios.toolpacks.internal.Roots;
import dev.aios.toolpacks.internal.Schema;

/** Declares the git pack's tools: names, descriptions, schemas, risks. */
public final class GitTools {
    private static final String REPO = "the repository's folder (the one holding .git), relative to the first root";

    private GitTools() {}

    /** @return the git pack over the repositories inside {@code roots}, committing as the given author */
    public static ToolPack pack(Roots roots, String authorName, String authorEmail) {
        GitRepos repos = new GitRepos(roots);
        GitReads reads = new GitReads(repos);
        GitWrites writes = new GitWrites(repos, authorName, authorEmail);
        ToolRisk overwrite = new ToolRisk(Level.SIDE_EFFECTING, false, true);
        return Pack.named("git").examples(GitTools.class)
                .tool("git.status", "Show a Git repository's status: the current branch and which files are staged,"
                        + " modified but not staged, or untracked.",
                        Schema.object().string("repo", REPO).required("repo").json(),
                        ToolRisk.READ_ONLY, Output.OUTSIDE, reads::status)
                .tool("git.log", "Show a Git repository's commit history: recent commits (id, author, date,"
                        + " message), newest first, optionally only those that touched a path.",
                        Schema.object().string("repo", REPO)
                                .integer("limit", "how many commits at most (default 20, at most 200)")
                                .string("path", "only commits that changed this file or folder (relative to the"
                                        + " repository)")
                                .string("revision", "start from this branch or commit instead of HEAD")
                                .required("repo").json(),
                        ToolRisk.READ_ONLY, Output.OUTSIDE, reads::log)
                .tool("git.diff", "Show code changes in a Git repository as a patch: by default unstaged changes in"
                        + " the working tree; with staged=true the staged changes; with from (and to) the changes"
                        + " between commits.",
                        Schema.object().string("repo", REPO)
                                .bool("staged", "compare the last commit (or 'from') with the index instead")
                                .string("from", "the older commit or branch")
                                .string("to", "the newer commit or branch (needs 'from'; default: the working tree)")
                                .string("path", "only this file or folder (relative to the repository)")
                                .required("repo").json(),
                        ToolRisk.READ_ONLY, Output.OUTSIDE, reads::diff)
                .tool("git.show", "Show one Git commit in detail: its id, author, date, message, changed files and"
                        + " patch.",
                        Schema.object().string("repo", REPO)
                                .string("revision", "the commit id or branch (default HEAD)")
                                .required("repo").json(),
                        ToolRisk.READ_ONLY, Output.OUTSIDE, reads::show)
                .tool("git.branches", "List the branches of a Git repository with the commit each points at; the"
                        + " current one is marked.",
                        Schema.object().string("repo", REPO)
                                .bool("remote", "include remote-tracking branches too (default false)")
                                .required("repo").json(),
                        ToolRisk.READ_ONLY, Output.OUTSIDE, reads::branches)
                .tool("git.add", "Stage files in Git (new, changed or deleted) for the next commit.",
                        Schema.object().string("repo", REPO)
                                .strings("paths", "files or folders relative to the repository; '.' for everything")
                                .required("repo", "paths").json(),
                        overwrite, Output.OUTSIDE, writes::add)
                .tool("git.commit", "Commit changes to a Git repository: records the staged changes (or only the"
                        + " given paths) with a message as a new commit on the current branch. It does not push.",
                        Schema.object().string("repo", REPO)
                                .string("message", "the commit message")
                                .strings("paths", "commit only these files, staged or not (default: what is staged)")
                                .required("repo", "message").json(),
                        ToolRisk.SIDE_EFFECTING, Output.OUTSIDE, writes::commit)
                .tool("git.create_branch", "Create a new Git branch at the current commit or at a given commit,"
                        + " without switching to it (git.checkout switches).", Schema.object().string("repo", REPO)
                                .string("name", "the new branch's name")
                                .string("from", "the commit or branch it starts at (default HEAD)")
                                .required("repo", "name").json(),
                        ToolRisk.SIDE_EFFECTING, Output.OUTSIDE, writes::createBranch)
                .tool("git.checkout", "Switch to (check out) another Git branch; refused while there are"
                        + " uncommitted changes.", Schema.object().string("repo", REPO)
                                .string("branch", "the branch to switch to")
                                .required("repo", "branch").json(),
                        overwrite, Output.OUTSIDE, writes::checkout)
                .tool("git.init", "Create (initialise) a new, empty Git repository in a folder.",
                        Schema.object().string("path", "the folder, relative to the first root (created if missing)")
                                .string("branch", "the initial branch's name (default main)")
                                .required("path").json(),
                        ToolRisk.SIDE_EFFECTING, Output.OUTSIDE, writes::init)
                .build();
    }
}
