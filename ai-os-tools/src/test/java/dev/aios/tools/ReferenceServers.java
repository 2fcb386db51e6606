package dev.aios.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pinned npm reference servers (src/test/mcp-servers/package-lock.json), installed once with
 * {@code npm ci} into target/mcp-servers. Tests that need them are skipped, with a message,
 * only where node or npm is missing.
 */
final class ReferenceServers {
    private static final Path SOURCE = Path.of("src/test/mcp-servers");
    private static final Path TARGET = Path.of("target/mcp-servers");
    private static volatile boolean installed;

    private ReferenceServers() {}

    /** Installs the servers if needed; skips the calling test if node or npm is missing. */
    static synchronized Path install() {
        assumeTrue(works("node", "--version") && works("npm", "--version"),
                "node and npm are not on the PATH: skipping the tests against the npm reference MCP servers");
        if (installed) {
            return TARGET;
        }
        try {
            Files.createDirectories(TARGET);
            try (FileChannel channel = FileChannel.open(TARGET.resolve(".install-lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                // Another JVM (a parallel build) may be installing too.
                FileLock exclusive = channel.lock();
                Path lock = TARGET.resolve("package-lock.json");
                boolean current = Files.exists(TARGET.resolve("node_modules/@modelcontextprotocol/server-everything"))
                        && Files.exists(TARGET.resolve("node20-glob.mjs"))
                        && Files.exists(lock)
                        && Arrays.equals(Files.readAllBytes(lock), Files.readAllBytes(SOURCE.resolve("package-lock.json")));
                if (!current) {
                    Files.copy(SOURCE.resolve("package.json"), TARGET.resolve("package.json"),
                            StandardCopyOption.REPLACE_EXISTING);
                    Files.copy(SOURCE.resolve("package-lock.json"), lock, StandardCopyOption.REPLACE_EXISTING);
                    Files.copy(SOURCE.resolve("node20-glob.mjs"), TARGET.resolve("node20-glob.mjs"),
                            StandardCopyOption.REPLACE_EXISTING);
                    System.out.println("installing the pinned reference MCP servers with npm ci into " + TARGET);
                    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                            .directory(TARGET.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(TARGET.resolve("npm-ci.log").toFile())
                            .start();
                    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                        npm.destroyForcibly();
                        throw new IllegalStateException("npm ci in " + TARGET.toAbsolutePath() + " failed; see "
                                + TARGET.resolve("npm-ci.log").toAbsolutePath());
                    }
                }
                exclusive.release();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot install the reference MCP servers: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing the reference MCP servers", e);
        }
        installed = true;
        return TARGET;
    }

    static String script(String server) {
        String dist = switch (server) {
            case "everything" -> "server-everything/dist/index.js";
            case "filesystem" -> "server-filesystem/dist/index.js";
            case "memory" -> "server-memory/dist/index.js";
            default -> throw new IllegalArgumentException(server);
        };
        return install().resolve("node_modules/@modelcontextprotocol").resolve(dist).toAbsolutePath().toString();
    }

    /** What a run of the conformance suite printed, and its exit status. */
    record SuiteRun(String output, int exitCode) {}

    /**
     * Runs the pinned MCP conformance suite's command line ({@code client ...} or
     * {@code server ...}) in {@code workDir}, where it writes its results; on Node 20 through the
     * {@code node20-glob.mjs} import hook. Fails the calling test if it takes over two minutes.
     */
    static SuiteRun conformance(Path workDir, String... args) throws IOException, InterruptedException {
        Path servers = install().toAbsolutePath();
        List<String> command = new java.util.ArrayList<>(List.of("node", "--import",
                servers.resolve("node20-glob.mjs").toUri().toString(),
                servers.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js").toString()));
        command.addAll(List.of(args));
        Path log = workDir.resolve("conformance.log");
        Process suite = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = suite.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
        }
        String output = Files.exists(log) ? Files.readString(log) : "(no output)";
        if (!ended) {
            throw new AssertionError("the conformance suite did not finish " + List.of(args) + " within 120 s:\n" + output);
        }
        return new SuiteRun(output, suite.exitValue());
    }

    /** server-everything over stdio. */
    static McpServerConfig everything(String name) {
        return McpServerConfig.stdio(name, "node", script("everything"), "stdio");
    }

    /** server-filesystem confined to {@code root}. */
    static McpServerConfig filesystem(String name, Path root) {
        return McpServerConfig.stdio(name, "node", script("filesystem"), root.toAbsolutePath().toString());
    }

    /** server-memory keeping its graph in {@code file}. */
    static McpServerConfig memory(String name, Path file) {
        return McpServerConfig.stdio(name, "node", script("memory"))
                .withEnv("MEMORY_FILE_PATH", file.toAbsolutePath().toString());
    }

    /** Starts server-everything on Streamable HTTP at a free port; the caller stops the process. */
    static HttpServer everythingHttp() throws IOException, InterruptedException {
        return everythingOver("streamableHttp", "/mcp");
    }

    /** Starts server-everything on the legacy HTTP+SSE transport at a free port. */
    static HttpServer everythingSse() throws IOException, InterruptedException {
        return everythingOver("sse", "/sse");
    }

    private static HttpServer everythingOver(String transport, String path) throws IOException, InterruptedException {
        String script = script("everything");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(List.of("node", script, transport))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", String.valueOf(port));
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new HttpServer(process, "http://127.0.0.1:" + port + path);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("server-everything (" + transport + ") exited with " + process.exitValue());
                }
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("server-everything (" + transport + ") did not listen on port " + port);
    }

    /** A running HTTP reference server. */
    record HttpServer(Process process, String url) implements AutoCloseable {
        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
