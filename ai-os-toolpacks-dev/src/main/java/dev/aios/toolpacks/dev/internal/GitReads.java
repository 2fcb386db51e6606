package dev.aios.toolpacks.dev.internal;

import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Roots.Access;
import dev.aios.toolpacks.internal.ToolHandlers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ListBranchCommand;
import org.eclipse.jgit.api.LogCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.jspecify.annotations.Nullable;

/** The git tools that only read: status, log, diff, show, branches. */
final class GitReads {
    static final int MAX_LIST = 200;
    static final int MAX_PATCH = 60_000;
    static final int MAX_MESSAGE = 4_000;

    private final GitRepos repos;

    GitReads(GitRepos repos) {
        this.repos = repos;
    }

    ToolResult status(Map<String, Object> args) throws IOException, GitAPIException {
        try (Repository repo = repos.open(Args.string(args, "repo"), Access.READ); Git git = Git.wrap(repo)) {
            Status st = git.status().call();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("branch", repo.getBranch());
            out.put("clean", st.isClean());
            Map<String, Object> staged = new LinkedHashMap<>();
            staged.put("added", capped(st.getAdded()));
            staged.put("changed", capped(st.getChanged()));
            staged.put("removed", capped(st.getRemoved()));
            out.put("staged", staged);
            Map<String, Object> unstaged = new LinkedHashMap<>();
            unstaged.put("modified", capped(st.getModified()));
            unstaged.put("deleted", capped(st.getMissing()));
            out.put("unstaged", unstaged);
            out.put("untracked", capped(st.getUntracked()));
            if (!st.getConflicting().isEmpty()) {
                out.put("conflicting", capped(st.getConflicting()));
            }
            return ToolResult.success(Json.text(out));
        }
    }

    ToolResult log(Map<String, Object> args) throws IOException, GitAPIException {
        int limit = (int) Math.clamp(Args.integer(args, "limit", 20), 1, MAX_LIST);
        try (Repository repo = repos.open(Args.string(args, "repo"), Access.READ); Git git = Git.wrap(repo)) {
            if (repo.resolve(Constants.HEAD) == null) {
                return ToolResult.success("[] (the repository has no commits yet)");
            }
            LogCommand log = git.log().setMaxCount(limit);
            String from = Args.string(args, "revision", null);
            if (from != null) {
                log.add(commitId(repo, from, "revision"));
            }
            String path = Args.string(args, "path", null);
            if (path != null) {
                log.addPath(repos.pathIn(repo, path, Access.READ));
            }
            List<Map<String, Object>> commits = new ArrayList<>();
            for (RevCommit c : log.call()) {
                Map<String, Object> one = header(c);
                one.put("message", ToolHandlers.cut(c.getFullMessage().strip(), 500));
                commits.add(one);
            }
            return ToolResult.success(Json.text(commits));
        }
    }

    ToolResult diff(Map<String, Object> args) throws IOException {
        String from = Args.string(args, "from", null);
        String to = Args.string(args, "to", null);
        boolean staged = Args.bool(args, "staged", false);
        if (to != null && from == null) {
            throw new IllegalArgumentException("argument 'to' needs 'from' as well");
        }
        if (to != null && staged) {
            throw new IllegalArgumentException("give either 'staged' or 'to', not both");
        }
        try (Repository repo = repos.open(Args.string(args, "repo"), Access.READ);
                ObjectReader reader = repo.newObjectReader()) {
            AbstractTreeIterator a;
            AbstractTreeIterator b;
            String what;
            if (to != null) {
                a = tree(repo, reader, from, "from");
                b = tree(repo, reader, to, "to");
                what = from + " to " + to;
            } else if (staged) {
                a = from != null ? tree(repo, reader, from, "from") : headTree(repo, reader);
                b = new DirCacheIterator(repo.readDirCache());
                what = (from != null ? from : "HEAD") + " to the index (staged changes)";
            } else if (from != null) {
                a = tree(repo, reader, from, "from");
                b = new FileTreeIterator(repo);
                what = from + " to the working tree";
            } else {
                a = new DirCacheIterator(repo.readDirCache());
                b = new FileTreeIterator(repo);
                what = "the index to the working tree (unstaged changes)";
            }
            String path = Args.string(args, "path", null);
            return ToolResult.success(patch(repo, a, b, path == null ? null : repos.pathIn(repo, path, Access.READ),
                    what));
        }
    }

    ToolResult show(Map<String, Object> args) throws IOException {
        try (Repository repo = repos.open(Args.string(args, "repo"), Access.READ);
                RevWalk walk = new RevWalk(repo);
                ObjectReader reader = repo.newObjectReader()) {
            String rev = Args.string(args, "revision", "HEAD");
            RevCommit c = walk.parseCommit(commitId(repo, rev, "revision"));
            StringBuilder out = new StringBuilder();
            Map<String, Object> head = header(c);
            out.append("commit ").append(c.name()).append('\n')
                    .append("author ").append(head.get("author")).append(" <").append(head.get("email")).append(">\n")
                    .append("date   ").append(head.get("date")).append('\n');
            if (c.getParentCount() > 1) {
                out.append("merge of ").append(c.getParent(0).name(), 0, 10).append(' ')
                        .append(c.getParent(1).name(), 0, 10).append(" (changes shown against the first parent)\n");
            }
            out.append('\n').append(ToolHandlers.cut(c.getFullMessage().strip(), MAX_MESSAGE)).append("\n\n");
            AbstractTreeIterator parent = c.getParentCount() == 0 ? new EmptyTreeIterator()
                    : parser(reader, walk.parseCommit(c.getParent(0)).getTree());
            out.append(patch(repo, parent, parser(reader, c.getTree()), null, "the parent to this commit"));
            return ToolResult.success(out.toString());
        }
    }

    ToolResult branches(Map<String, Object> args) throws IOException, GitAPIException {
        try (Repository repo = repos.open(Args.string(args, "repo"), Access.READ); Git git = Git.wrap(repo)) {
            ListBranchCommand list = git.branchList();
            if (Args.bool(args, "remote", false)) {
                list.setListMode(ListBranchCommand.ListMode.ALL);
            }
            String current = repo.getFullBranch();
            List<Map<String, Object>> out = new ArrayList<>();
            for (Ref ref : list.call()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("name", Repository.shortenRefName(ref.getName()));
                one.put("commit", ref.getObjectId() == null ? null : ref.getObjectId().name().substring(0, 10));
                one.put("current", ref.getName().equals(current));
                out.add(one);
                if (out.size() == MAX_LIST) {
                    break;
                }
            }
            if (out.isEmpty() && current != null) {
                return ToolResult.success("[] (no branch has a commit yet; HEAD points at "
                        + Repository.shortenRefName(current) + ")");
            }
            return ToolResult.success(Json.text(out));
        }
    }

    private static String patch(Repository repo, AbstractTreeIterator a, AbstractTreeIterator b, @Nullable String path,
            String what) throws IOException {
        Bounded text = new Bounded(MAX_PATCH);
        try (DiffFormatter f = new DiffFormatter(text)) {
            f.setRepository(repo);
            f.setDetectRenames(true);
            if (path != null && !path.equals(".")) {
                f.setPathFilter(PathFilter.create(path));
            }
            List<DiffEntry> entries = f.scan(a, b);
            StringBuilder out = new StringBuilder();
            out.append(entries.size()).append(entries.size() == 1 ? " file" : " files").append(" changed, from ")
                    .append(what).append(entries.isEmpty() ? "" : ":").append('\n');
            for (int i = 0; i < entries.size() && i < MAX_LIST; i++) {
                DiffEntry e = entries.get(i);
                out.append(switch (e.getChangeType()) {
                    case ADD -> "A " + e.getNewPath();
                    case DELETE -> "D " + e.getOldPath();
                    case MODIFY -> "M " + e.getNewPath();
                    case RENAME -> "R " + e.getOldPath() + " -> " + e.getNewPath();
                    case COPY -> "C " + e.getOldPath() + " -> " + e.getNewPath();
                }).append('\n');
            }
            if (entries.size() > MAX_LIST) {
                out.append("[cut: ").append(entries.size() - MAX_LIST).append(" more files]\n");
            }
            f.format(entries);
            f.flush();
            if (!entries.isEmpty()) {
                out.append('\n').append(text.text());
            }
            return out.toString();
        }
    }

    static Map<String, Object> header(RevCommit c) {
        PersonIdent who = c.getAuthorIdent();
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("id", c.name().substring(0, 10));
        one.put("author", who.getName());
        one.put("email", who.getEmailAddress());
        one.put("date", who.getWhenAsInstant().atZone(who.getZoneId()).toOffsetDateTime().toString());
        return one;
    }

    static ObjectId commitId(Repository repo, String revision, String argument) throws IOException {
        ObjectId id;
        try {
            id = repo.resolve(revision + "^{commit}");
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
            throw new IllegalArgumentException("argument '" + argument + "': '" + revision
                    + "' is not a usable revision (" + e.getMessage() + ")");
        }
        if (id == null) {
            throw new IllegalArgumentException("argument '" + argument + "': no commit '" + revision
                    + "' in this repository (git.log and git.branches list them)");
        }
        return id;
    }

    private static AbstractTreeIterator tree(Repository repo, ObjectReader reader, String revision, String argument)
            throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            return parser(reader, walk.parseCommit(commitId(repo, revision, argument)).getTree());
        }
    }

    private static AbstractTreeIterator headTree(Repository repo, ObjectReader reader) throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
        if (head == null) {
            return new EmptyTreeIterator();
        }
        try (RevWalk walk = new RevWalk(reader)) {
            return parser(reader, walk.parseCommit(head).getTree());
        }
    }

    private static CanonicalTreeParser parser(ObjectReader reader, ObjectId tree) throws IOException {
        CanonicalTreeParser p = new CanonicalTreeParser();
        p.reset(reader, tree);
        return p;
    }

    static List<String> capped(Collection<String> items) {
        List<String> sorted = items.stream().sorted().toList();
        if (sorted.size() <= MAX_LIST) {
            return sorted;
        }
        List<String> out = new ArrayList<>(sorted.subList(0, MAX_LIST));
        out.add("[cut: " + (sorted.size() - MAX_LIST) + " more]");
        return out;
    }
}
