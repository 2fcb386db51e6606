package dev.aios.toolpacks.dev;

import static dev.aios.toolpacks.dev.Calls.call;
import static dev.aios.toolpacks.dev.Calls.fails;
import static dev.aios.toolpacks.dev.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Provenance;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.ToolPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitPackTest {
    @TempDir
    Path root;

    ToolPack git;
    Path repo;

    @BeforeEach
    void repository() throws Exception {
        git = GitPack.builder().root(root).author("Agent", "agent@example.com").build();
        ok(git, "git.init", Map.of("path", "project"));
        repo = root.resolve("project");
        Files.writeString(repo.resolve("README.md"), "hello\n");
        ok(git, "git.add", Map.of("repo", "project", "paths", List.of(".")));
        ok(git, "git.commit", Map.of("repo", "project", "message", "first commit"));
    }

    @Test
    void initCreatesARepositoryOnMain() throws Exception {
        String text = ok(git, "git.init", Map.of("path", "other", "branch", "trunk"));
        assertThat(text).contains("other").contains("trunk");
        try (Git g = Git.open(root.resolve("other").toFile())) {
            assertThat(g.getRepository().getFullBranch()).isEqualTo("refs/heads/trunk");
        }
        assertThat(fails(git, "git.init", Map.of("path", "other"))).contains("already a Git repository");
        try (Git g = Git.open(repo.toFile())) {
            assertThat(g.getRepository().getBranch()).isEqualTo("main");
        }
    }

    @Test
    void statusSeparatesStagedChangedAndUntracked() throws Exception {
        Files.writeString(repo.resolve("README.md"), "hello again\n");
        Files.writeString(repo.resolve("new.txt"), "new\n");
        Files.writeString(repo.resolve("staged.txt"), "staged\n");
        ok(git, "git.add", Map.of("repo", "project", "paths", List.of("staged.txt")));
        var result = call(git, "git.status", Map.of("repo", "project"));
        assertThat(result.provenance().trust()).isEqualTo(Provenance.Trust.UNTRUSTED);
        assertThat(result.text()).contains("\"branch\":\"main\"")
                .contains("\"added\":[\"staged.txt\"]")
                .contains("\"modified\":[\"README.md\"]")
                .contains("\"untracked\":[\"new.txt\"]");
    }

    @Test
    void addStagesAndCommitRecordsWithTheConfiguredAuthor() throws Exception {
        Files.writeString(repo.resolve("a.txt"), "a\n");
        Files.delete(repo.resolve("README.md"));
        assertThat(ok(git, "git.add", Map.of("repo", "project", "paths", List.of("."))))
                .contains("a.txt").contains("README.md");
        String text = ok(git, "git.commit", Map.of("repo", "project", "message", "add a, drop readme"));
        assertThat(text).contains("on main").contains("add a, drop readme");
        try (Git g = Git.open(repo.toFile())) {
            RevCommit head = g.log().setMaxCount(1).call().iterator().next();
            assertThat(head.getFullMessage()).isEqualTo("add a, drop readme");
            assertThat(head.getAuthorIdent().getName()).isEqualTo("Agent");
            assertThat(head.getAuthorIdent().getEmailAddress()).isEqualTo("agent@example.com");
            assertThat(g.status().call().isClean()).isTrue();
        }
        assertThat(fails(git, "git.commit", Map.of("repo", "project", "message", "again")))
                .contains("nothing to commit");
    }

    @Test
    void commitOfGivenPathsLeavesTheRestUncommitted() throws Exception {
        Files.writeString(repo.resolve("one.txt"), "1\n");
        Files.writeString(repo.resolve("two.txt"), "2\n");
        ok(git, "git.add", Map.of("repo", "project", "paths", List.of("one.txt", "two.txt")));
        ok(git, "git.commit", Map.of("repo", "project", "message", "only one", "paths", List.of("one.txt")));
        assertThat(ok(git, "git.status", Map.of("repo", "project"))).contains("\"added\":[\"two.txt\"]");
    }

    @Test
    void logListsCommitsNewestFirstAndFiltersByPath() throws Exception {
        Files.writeString(repo.resolve("b.txt"), "b\n");
        ok(git, "git.add", Map.of("repo", "project", "paths", List.of("b.txt")));
        ok(git, "git.commit", Map.of("repo", "project", "message", "second commit"));
        String all = ok(git, "git.log", Map.of("repo", "project"));
        assertThat(all.indexOf("second commit")).isLessThan(all.indexOf("first commit"));
        assertThat(all).contains("\"author\":\"Agent\"").contains("\"date\":\"");
        String onlyReadme = ok(git, "git.log", Map.of("repo", "project", "path", "README.md"));
        assertThat(onlyReadme).contains("first commit").doesNotContain("second commit");
        assertThat(ok(git, "git.log", Map.of("repo", "project", "limit", 1))).doesNotContain("first commit");
    }

    @Test
    void diffShowsUnstagedStagedAndBetweenCommits() throws Exception {
        Files.writeString(repo.resolve("README.md"), "hello\nworld\n");
        String unstaged = ok(git, "git.diff", Map.of("repo", "project"));
        assertThat(unstaged).contains("M README.md").contains("+world");
        assertThat(ok(git, "git.diff", Map.of("repo", "project", "staged", true))).startsWith("0 files changed");
        ok(git, "git.add", Map.of("repo", "project", "paths", List.of("README.md")));
        assertThat(ok(git, "git.diff", Map.of("repo", "project", "staged", true))).contains("+world");
        ok(git, "git.commit", Map.of("repo", "project", "message", "world"));
        String between = ok(git, "git.diff", Map.of("repo", "project", "from", "HEAD~1", "to", "HEAD"));
        assertThat(between).contains("1 file changed").contains("+world");
        assertThat(fails(git, "git.diff", Map.of("repo", "project", "from", "nope"))).contains("no commit 'nope'");
    }

    @Test
    void showGivesMessageAuthorFilesAndPatch() {
        String text = ok(git, "git.show", Map.of("repo", "project"));
        assertThat(text).contains("author Agent <agent@example.com>").contains("first commit")
                .contains("A README.md").contains("+hello");
    }

    @Test
    void branchesCreateAndCheckout() throws Exception {
        assertThat(ok(git, "git.create_branch", Map.of("repo", "project", "name", "feature")))
                .contains("created branch feature");
        assertThat(fails(git, "git.create_branch", Map.of("repo", "project", "name", "feature")))
                .contains("already exists");
        assertThat(fails(git, "git.create_branch", Map.of("repo", "project", "name", "bad..name")))
                .contains("not a valid branch name");
        String branches = ok(git, "git.branches", Map.of("repo", "project"));
        assertThat(branches).contains("{\"name\":\"feature\"").contains("\"name\":\"main\"")
                .containsPattern("\"name\":\"main\",\"commit\":\"[0-9a-f]{10}\",\"current\":true");
        assertThat(ok(git, "git.checkout", Map.of("repo", "project", "branch", "feature"))).contains("switched");
        try (Git g = Git.open(repo.toFile())) {
            assertThat(g.getRepository().getBranch()).isEqualTo("feature");
        }
        assertThat(fails(git, "git.checkout", Map.of("repo", "project", "branch", "nope"))).contains("no branch");
    }

    @Test
    void checkoutRefusesToLoseUncommittedChanges() throws Exception {
        ok(git, "git.create_branch", Map.of("repo", "project", "name", "other"));
        Files.writeString(repo.resolve("README.md"), "unsaved work\n");
        assertThat(fails(git, "git.checkout", Map.of("repo", "project", "branch", "other")))
                .contains("uncommitted changes").contains("README.md");
        assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo("unsaved work\n");
    }

    @Test
    void hooksNeverRun() throws Exception {
        Path marker = root.resolve("hook-ran");
        for (String hook : List.of("pre-commit", "commit-msg", "post-commit", "post-checkout")) {
            Path script = repo.resolve(".git/hooks/" + hook);
            Files.createDirectories(script.getParent());
            Files.writeString(script, "#!/bin/sh\necho " + hook + " >> '" + marker + "'\n");
            try {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the hook could not run anyway
            }
        }
        Files.writeString(repo.resolve("c.txt"), "c\n");
        ok(git, "git.add", Map.of("repo", "project", "paths", List.of("c.txt")));
        ok(git, "git.commit", Map.of("repo", "project", "message", "with hooks present"));
        ok(git, "git.create_branch", Map.of("repo", "project", "name", "x"));
        ok(git, "git.checkout", Map.of("repo", "project", "branch", "x"));
        assertThat(marker).doesNotExist();
    }

    @Test
    void repositoriesOutsideTheRootsAreRefused(@TempDir Path elsewhere) throws Exception {
        Git.init().setDirectory(elsewhere.toFile()).call().close();
        assertThat(fails(git, "git.status", Map.of("repo", elsewhere.toString()))).contains("outside the folders");
        assertThat(fails(git, "git.log", Map.of("repo", "../" + elsewhere.getFileName()))).contains("outside");
        assertThat(fails(git, "git.add", Map.of("repo", "project", "paths", List.of("../../etc/passwd"))))
                .contains("outside");
        assertThat(fails(git, "git.status", Map.of("repo", "."))).contains("not a Git repository");
    }

    @Test
    void aCommondirFileNamingARepositoryOutsideTheRootsIsRefused(@TempDir Path elsewhere) throws Exception {
        String outside = secretRepository(elsewhere);
        ok(git, "git.init", Map.of("path", "planted"));
        Files.writeString(root.resolve("planted/.git/commondir"), elsewhere.resolve(".git").toAbsolutePath() + "\n");
        for (String tool : List.of("git.log", "git.status")) {
            assertThat(fails(git, tool, Map.of("repo", "planted"))).contains("outside").doesNotContain("secret plan");
        }
        assertThat(fails(git, "git.show", Map.of("repo", "planted", "revision", outside))).contains("outside")
                .doesNotContain("secret plan");
        // a commondir inside the roots still works
        Files.writeString(root.resolve("planted/.git/commondir"), "../../project/.git\n");
        assertThat(ok(git, "git.log", Map.of("repo", "planted"))).contains("first commit");
    }

    @Test
    void alternatesNamingObjectsOutsideTheRootsAreRefused(@TempDir Path elsewhere) throws Exception {
        String outside = secretRepository(elsewhere);
        ok(git, "git.init", Map.of("path", "planted"));
        Path git = root.resolve("planted/.git");
        Files.createDirectories(git.resolve("objects/info"));
        Files.writeString(git.resolve("objects/info/alternates"), elsewhere.resolve(".git/objects").toAbsolutePath()
                + "\n");
        Files.createDirectories(git.resolve("refs/heads"));
        Files.writeString(git.resolve("refs/heads/main"), outside + "\n");
        assertThat(fails(this.git, "git.log", Map.of("repo", "planted"))).contains("outside")
                .contains("alternates").doesNotContain("secret plan");
        assertThat(fails(this.git, "git.show", Map.of("repo", "planted", "revision", outside))).contains("outside")
                .doesNotContain("secret plan");
        // alternates inside the roots still work
        Files.writeString(git.resolve("objects/info/alternates"), "../../../project/.git/objects\n");
        try (Git g = Git.open(repo.toFile())) {
            Files.writeString(git.resolve("refs/heads/main"), g.getRepository().resolve("HEAD").name() + "\n");
        }
        assertThat(ok(this.git, "git.log", Map.of("repo", "planted"))).contains("first commit");
    }

    /** @return the id of a commit "secret plan" in a new repository at {@code dir} */
    static String secretRepository(Path dir) throws Exception {
        try (Git g = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("plan.txt"), "secret\n");
            g.add().addFilepattern(".").call();
            return g.commit().setMessage("secret plan").setAuthor("x", "x@example.com")
                    .setCommitter("x", "x@example.com").setSign(false).call().name();
        }
    }

    @Test
    void readOnlyRootsAllowReadingOnly() {
        ToolPack reader = GitPack.builder().readOnlyRoot(root).build();
        assertThat(ok(reader, "git.log", Map.of("repo", "project"))).contains("first commit");
        assertThat(fails(reader, "git.commit", Map.of("repo", "project", "message", "x"))).contains("read-only");
        assertThat(fails(reader, "git.init", Map.of("path", "new"))).contains("read-only");
    }

    @Test
    void withoutRootsEverythingIsRefused() {
        ToolPack none = GitPack.builder().build();
        assertThat(fails(none, "git.status", Map.of("repo", "project"))).contains("no folders are configured");
    }

    @Test
    void risksAreTrue() {
        assertThat(git.find("git.log").orElseThrow().risk()).isEqualTo(ToolRisk.READ_ONLY);
        assertThat(git.find("git.commit").orElseThrow().risk().level()).isEqualTo(ToolRisk.Level.SIDE_EFFECTING);
        assertThat(git.tools()).allSatisfy(t -> assertThat(t.risk().openWorld()).isFalse());
        assertThat(git.tools()).hasSize(10);
    }
}
