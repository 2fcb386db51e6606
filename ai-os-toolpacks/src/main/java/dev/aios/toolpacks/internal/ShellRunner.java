package dev.aios.toolpacks.internal;

import dev.aios.api.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The code of the shell tools: runs an allowed program with an argument list (never through a
 * shell, so {@code ;}, {@code |} and {@code $(...)} reach it as plain text), in a working folder
 * inside the root, with a cleared environment, a time limit and bounded output, inside bubblewrap
 * when it is installed.
 */
public final class ShellRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ShellRunner.class);
    private static final AtomicBoolean SAID_NO_SANDBOX = new AtomicBoolean();

    /** How the runner was configured. */
    public record Settings(List<String> allowed, @Nullable Path workingRoot, Duration timeout, int maxOutputBytes,
            boolean allowNetwork, boolean requireSandbox) {}

    private final Settings settings;
    private final @Nullable Roots roots;
    private final @Nullable Path bwrap;

    /** @param bwrap the bubblewrap program, or null to run without a sandbox */
    public ShellRunner(Settings settings, @Nullable Path bwrap) {
        this.settings = settings;
        this.roots = settings.workingRoot() == null ? null
                : Roots.builder("shell tools").add(settings.workingRoot(), true).build();
        this.bwrap = bwrap;
    }

    /** @return the bubblewrap program on the PATH, if installed */
    public static Optional<Path> findBwrap() {
        return Optional.ofNullable(onPath("bwrap"));
    }

    public ToolResult run(Map<String, Object> args) throws IOException, InterruptedException {
        String command = Args.string(args, "command");
        Path program = program(command);
        if (roots == null) {
            throw new IllegalArgumentException("the shell tools have no working folder: configure"
                    + " ShellPack.builder().workingRoot(folder)");
        }
        Path cwd = roots.resolve(Args.string(args, "cwd", "."), Roots.Access.WRITE);
        if (!Files.isDirectory(cwd)) {
            throw new IllegalArgumentException("working folder '" + roots.display(cwd) + "' is not a folder");
        }
        if (bwrap == null) {
            if (settings.requireSandbox()) {
                throw new IllegalArgumentException("the shell tools require a sandbox, but bubblewrap (bwrap) is not"
                        + " installed; install the bubblewrap package");
            }
            if (SAID_NO_SANDBOX.compareAndSet(false, true)) {
                LOG.warn("bubblewrap (bwrap) is not installed: shell tools run commands without a sandbox");
            }
        }
        List<String> argv = new ArrayList<>();
        if (bwrap != null) {
            argv.addAll(sandbox(cwd, program));
        }
        argv.add(program.toString());
        argv.addAll(Args.strings(args, "args"));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
        Map<String, String> env = pb.environment();
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : List.of("PATH", "HOME", "LANG")) {
            String value = System.getenv(name);
            if (value != null) {
                kept.put(name, name.equals("PATH") ? absolutePath(value) : value);
            }
        }
        env.clear();
        env.putAll(kept);
        Process process = pb.start();
        process.getOutputStream().close();
        Capture out = new Capture(process.getInputStream(), settings.maxOutputBytes());
        Capture err = new Capture(process.getErrorStream(), settings.maxOutputBytes());
        // descendants are noted while the command runs: once it ends, its orphans are no longer its
        // descendants, so a background child could otherwise outlive it unseen
        Set<ProcessHandle> children = new LinkedHashSet<>();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        boolean finished = false;
        while (!finished) {
            process.descendants().forEach(children::add);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            finished = process.waitFor(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
        }
        if (!finished) {
            process.descendants().forEach(children::add);
            kill(process.toHandle());
            process.waitFor(5, TimeUnit.SECONDS);
        }
        children.forEach(ShellRunner::kill);
        out.join();
        err.join();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("command", command);
        if (finished) {
            result.put("exit_code", process.exitValue());
        } else {
            result.put("timed_out", "killed after " + settings.timeout().toMillis() + " ms");
        }
        result.put("stdout", out.text());
        result.put("stderr", err.text());
        if (out.cut() > 0) {
            result.put("stdout_cut", out.cut() + " bytes beyond the first " + settings.maxOutputBytes() + " were dropped");
        }
        if (err.cut() > 0) {
            result.put("stderr_cut", err.cut() + " bytes beyond the first " + settings.maxOutputBytes() + " were dropped");
        }
        result.put("sandbox", bwrap != null ? "bubblewrap" : "none");
        String json = Json.text(result);
        return finished ? ToolResult.success(json) : ToolResult.failure(json);
    }

    /** Kills a process still alive and what runs below it (children first, so none is orphaned). */
    private static void kill(ProcessHandle handle) {
        if (handle.isAlive()) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
    }

    public ToolResult allowed(Map<String, Object> args) {
        List<Map<String, Object>> commands = new ArrayList<>();
        for (String c : settings.allowed()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("command", c);
            Path p = locate(c);
            m.put("installed", p != null);
            commands.add(m);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("commands", commands);
        result.put("sandbox", bwrap != null ? "bubblewrap" : "none");
        result.put("network", settings.allowNetwork());
        result.put("timeout_seconds", settings.timeout().toMillis() / 1000.0);
        result.put("max_output_bytes", settings.maxOutputBytes());
        return ToolResult.success(Json.text(result));
    }

    public ToolResult which(Map<String, Object> args) {
        String command = Args.string(args, "command");
        allowedEntry(command);
        Path p = locate(command);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("command", command);
        result.put("installed", p != null);
        if (p != null) {
            result.put("path", p.toString());
        }
        return ToolResult.success(Json.text(result));
    }

    private Path program(String command) {
        allowedEntry(command);
        Path p = locate(command);
        if (p == null) {
            throw new IllegalArgumentException("command '" + command + "' is allowed but not installed on this machine");
        }
        return p;
    }

    private void allowedEntry(String command) {
        if (!settings.allowed().contains(command)) {
            throw new IllegalArgumentException("command '" + command + "' is not among the commands the shell tools"
                    + " may run " + (settings.allowed().isEmpty() ? "(none is allowed: configure"
                            + " ShellPack.builder().allow(...))" : settings.allowed()));
        }
    }

    private static @Nullable Path locate(String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            return p.isAbsolute() && Files.isExecutable(p) && !Files.isDirectory(p) ? p : null;
        }
        return onPath(command);
    }

    /** @return a PATH value without its empty and relative entries */
    private static String absolutePath(String path) {
        List<String> kept = new ArrayList<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Path.of(dir).isAbsolute()) {
                kept.add(dir);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    private static @Nullable Path onPath(String name) {
        return onPath(name, System.getenv("PATH"));
    }

    /** @return {@code name} in the first absolute folder of {@code path} holding such a program */
    static @Nullable Path onPath(String name, @Nullable String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty() || !Path.of(dir).isAbsolute()) {
                continue; // an empty or relative entry would find a program in whatever folder is current
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p.toAbsolutePath();
            }
        }
        return null;
    }

    /** The bubblewrap prefix: system folders read-only, the working root read-write, no network by default. */
    private List<String> sandbox(Path cwd, Path program) throws IOException {
        List<String> a = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--new-session",
                "--unshare-all"));
        if (settings.allowNetwork()) {
            a.add("--share-net");
        }
        for (String dir : List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
            } else if (Files.isDirectory(p)) {
                a.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        Path programDir = program.toRealPath().getParent();
        if (!List.of("/usr", "/bin", "/sbin").stream().anyMatch(d -> programDir.startsWith(d))) {
            a.addAll(List.of("--ro-bind", programDir.toString(), programDir.toString()));
        }
        String root = settings.workingRoot().toRealPath().toString();
        a.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--bind", root, root,
                "--chdir", cwd.toString(), "--"));
        return a;
    }

    /** Reads one output stream on its own thread, keeping the first bytes and counting the rest. */
    private static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread thread;
        private long cut;

        Capture(InputStream in, int max) {
            thread = Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        int room = Math.max(0, max - kept.size());
                        kept.write(buffer, 0, Math.min(room, n));
                        cut += n - Math.min(room, n);
                    }
                } catch (IOException e) {
                    // the process was killed: keep what was read
                }
            });
        }

        void join() throws InterruptedException {
            thread.join(Duration.ofSeconds(5));
        }

        String text() {
            synchronized (this) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }

        long cut() {
            return cut;
        }
    }
}
