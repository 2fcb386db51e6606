package dev.aios.toolpacks;

import static dev.aios.toolpacks.CoreCalls.call;
import static dev.aios.toolpacks.CoreCalls.fails;
import static dev.aios.toolpacks.CoreCalls.json;
import static dev.aios.toolpacks.CoreCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellPackTest {
    @TempDir
    Path dir;

    Path work;

    @BeforeEach
    void setUp() {
        work = dir.resolve("work");
        for (String program : List.of("echo", "env", "sleep", "seq", "cat", "touch")) {
            assumeTrue(installed(program), program + " is not installed; the shell tests need coreutils");
        }
    }

    @Test
    void metacharactersReachTheProgramLiterally() {
        ToolPack shell = ShellPack.builder().allow("echo").workingRoot(work).build();
        JsonNode r = json(ok(shell, "shell.run", "command", "echo", "args", List.of("a; rm -rf x", "$(whoami)", "|", "`id`")));
        assertThat(r.path("stdout").asText()).isEqualTo("a; rm -rf x $(whoami) | `id`\n");
        assertThat(r.path("exit_code").asInt()).isZero();
    }

    @Test
    void commandsOutsideTheAllowlistAreRefused() {
        ToolPack shell = ShellPack.builder().allow("echo").workingRoot(work).build();
        assertThat(fails(shell, "shell.run", "command", "rm", "args", List.of("-rf", "x"))).contains("'rm'")
                .contains("[echo]");
        assertThat(fails(shell, "shell.run", "command", "/usr/bin/echo")).contains("not among");
        assertThat(fails(ShellPack.builder().workingRoot(work).build(), "shell.run", "command", "echo"))
                .contains("none is allowed");
    }

    @Test
    void timeoutKillsTheProcess() {
        ToolPack shell = ShellPack.builder().allow("sleep").workingRoot(work).timeout(Duration.ofMillis(300)).build();
        ToolResult r = call(shell, "shell.run", "command", "sleep", "args", List.of("30"));
        assertThat(r.error()).isTrue();
        assertThat(json(r.text()).path("timed_out").asText()).contains("killed");
    }

    @Test
    void backgroundChildrenDoNotOutliveTheCommand() throws Exception {
        assumeTrue(installed("sh"), "sh is not installed");
        ToolPack shell = ShellPack.builder().allow("sh").workingRoot(work).withoutSandbox().build();
        JsonNode r = json(ok(shell, "shell.run", "command", "sh", "args",
                List.of("-c", "sleep 300 & echo $!; sleep 0.5")));
        long pid = Long.parseLong(r.path("stdout").asText().trim());
        java.util.Optional<ProcessHandle> child = ProcessHandle.of(pid);
        try {
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (child.isPresent() && child.get().isAlive() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(child.isPresent() && child.get().isAlive()).as("background sleep %d still runs", pid).isFalse();
        } finally {
            child.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void outputIsCutAtTheLimit() {
        ToolPack shell = ShellPack.builder().allow("seq").workingRoot(work).maxOutputBytes(100).build();
        JsonNode r = json(ok(shell, "shell.run", "command", "seq", "args", List.of("1", "100000")));
        assertThat(r.path("stdout").asText()).hasSize(100).startsWith("1\n2\n3\n");
        assertThat(r.path("stdout_cut").asText()).contains("bytes beyond the first 100");
    }

    @Test
    void workingFolderMustBeInsideTheRoot() throws Exception {
        ToolPack shell = ShellPack.builder().allow("echo").workingRoot(work).build();
        assertThat(fails(shell, "shell.run", "command", "echo", "cwd", "..")).contains("outside");
        assertThat(fails(shell, "shell.run", "command", "echo", "cwd", "/etc")).contains("outside");
        Files.createDirectories(work.resolve("sub"));
        Files.writeString(work.resolve("sub/f.txt"), "inside");
        ToolPack cat = ShellPack.builder().allow("cat").workingRoot(work).build();
        assertThat(json(ok(cat, "shell.run", "command", "cat", "args", List.of("f.txt"), "cwd", "sub"))
                .path("stdout").asText()).isEqualTo("inside");
        assertThat(fails(ShellPack.builder().allow("echo").build(), "shell.run", "command", "echo"))
                .contains("workingRoot");
    }

    @Test
    void environmentHoldsOnlyPathHomeAndLang() {
        ToolPack shell = ShellPack.builder().allow("env").workingRoot(work).build();
        String out = json(ok(shell, "shell.run", "command", "env")).path("stdout").asText();
        List<String> names = out.lines().map(l -> l.substring(0, l.indexOf('='))).toList();
        // bubblewrap, when present, sets PWD for the folder it changed into
        assertThat(names).isSubsetOf("PATH", "HOME", "LANG", "PWD").contains("PATH");
    }

    @Test
    void allowedAndWhichReportOnlyAllowedCommands() {
        ToolPack shell = ShellPack.builder().allow("echo", "no-such-program-xyz").workingRoot(work).build();
        JsonNode allowed = json(ok(shell, "shell.allowed"));
        assertThat(allowed.path("commands").findValuesAsText("command")).containsExactly("echo", "no-such-program-xyz");
        assertThat(allowed.path("commands").get(1).path("installed").asBoolean()).isFalse();
        JsonNode which = json(ok(shell, "shell.which", "command", "echo"));
        assertThat(which.path("installed").asBoolean()).isTrue();
        assertThat(which.path("path").asText()).endsWith("/echo");
        assertThat(fails(shell, "shell.which", "command", "ls")).contains("not among");
        assertThat(fails(shell, "shell.run", "command", "no-such-program-xyz")).contains("not installed");
    }

    @Test
    void riskIsSideEffectingAndOpenWorldOnlyWithNetwork() {
        ToolRisk local = ShellPack.builder().build().find("shell.run").orElseThrow().risk();
        assertThat(local.level()).isEqualTo(ToolRisk.Level.SIDE_EFFECTING);
        assertThat(local.openWorld()).isFalse();
        assertThat(local.idempotent()).isFalse();
        assertThat(ShellPack.builder().allowNetwork().build().find("shell.run").orElseThrow().risk().openWorld()).isTrue();
        assertThatThrownBy(() -> ShellPack.builder().requireSandbox().withoutSandbox().build())
                .hasMessageContaining("contradict");
    }

    @Test
    void bubblewrapCutsTheNetworkAndConfinesWrites() throws Exception {
        assumeTrue(installed("bwrap"), "bubblewrap (bwrap) is not installed; the sandbox test is skipped");
        ToolPack shell = ShellPack.builder().allow("cat", "touch").workingRoot(work).requireSandbox().build();
        JsonNode net = json(ok(shell, "shell.run", "command", "cat", "args", List.of("/proc/net/dev")));
        assertThat(net.path("sandbox").asText()).isEqualTo("bubblewrap");
        assertThat(net.path("stdout").asText()).contains("lo:").doesNotContain("eth0:");
        Path outside = dir.resolve("outside.txt");
        // outside the working root the sandbox sees an empty scratch /tmp: the write never reaches the host
        call(shell, "shell.run", "command", "touch", "args", List.of(outside.toString()));
        assertThat(outside).doesNotExist();
        JsonNode etc = json(call(shell, "shell.run", "command", "touch", "args", List.of("/etc/aios-sandbox-test")).text());
        assertThat(etc.path("exit_code").asInt()).isNotZero();
        assertThat(Path.of("/etc/aios-sandbox-test")).doesNotExist();
        ok(shell, "shell.run", "command", "touch", "args", List.of("inside.txt"));
        assertThat(work.resolve("inside.txt")).exists();
    }

    private static boolean installed(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }
}
