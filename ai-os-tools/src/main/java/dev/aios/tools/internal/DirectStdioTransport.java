package dev.aios.tools.internal;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * An MCP client transport over a child process's stdin and stdout, one JSON-RPC message per
 * line, with as few thread hand-offs as the protocol allows: a message is written on the thread
 * that sends it (under a lock, flushed), and one reader thread parses each line and hands the
 * message straight to the session. The SDK's own stdio transport queues every message to an
 * outbound thread and every answer through Reactor sinks; on two loaded cores those hand-offs
 * cost as much as the server's work.
 *
 * <p>The child gets only the configured environment (plus the SDK's short default list: PATH,
 * HOME, USER, LOGNAME, SHELL, TERM), never this process's whole environment. Its stderr goes to
 * {@code stderr}, a line at a time. A line on stdout that is not a JSON-RPC message is logged and
 * skipped. Closing ends stdin, then asks the process to stop; the caller kills what is left.
 *
 * <p>A server that stops reading its stdin while more than a pipe's buffer (64 KiB on Linux) of
 * messages waits blocks the sending thread until the process is killed, as a direct write must.
 */
final class DirectStdioTransport implements McpClientTransport {
    private static final Logger log = LoggerFactory.getLogger(DirectStdioTransport.class);
    /** As the SDK's transport: a longer line is a broken server, not a message. */
    private static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    private final String name;
    private final ServerParameters parameters;
    private final McpJsonMapper mapper;
    private final Consumer<String> stderr;
    private final ReentrantLock writing = new ReentrantLock();
    private final DirectCalls calls;
    private volatile @Nullable Process process;
    private volatile @Nullable OutputStream stdin;
    private volatile boolean closing;

    /**
     * @param name the server's name, for threads and logs
     * @param stderr receives each line the server writes to stderr
     */
    DirectStdioTransport(String name, ServerParameters parameters, McpJsonMapper mapper, Consumer<String> stderr) {
        this.name = name;
        this.parameters = parameters;
        this.mapper = mapper;
        this.stderr = stderr;
        this.calls = new DirectCalls(mapper);
    }

    /**
     * Sends a {@code tools/call} past the session (see {@link DirectCalls}), written now on the
     * caller's thread.
     *
     * @param sent told of the request before it is written
     * @return the answer, failed at once if the transport is closed or the server no longer reads
     */
    CompletableFuture<McpSchema.CallToolResult> callTool(McpSchema.CallToolRequest request,
            Consumer<McpSchema.JSONRPCRequest> sent) {
        return calls.call(request, message -> {
            sent.accept(message);
            write(message);
        });
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> start(handler));
    }

    private void start(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        if (process != null) {
            throw new IllegalStateException("the stdio transport of MCP server '" + name + "' is already connected");
        }
        List<String> command = new ArrayList<>();
        command.add(parameters.getCommand());
        command.addAll(parameters.getArgs());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(parameters.getEnv());
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            // The same words as the SDK's transport, which callers and people already know.
            throw new IllegalStateException("Failed to start process with command: " + command, e);
        }
        process = started;
        stdin = started.getOutputStream();
        Thread.ofPlatform().daemon().name("aios-mcp-stdout-" + name).start(() -> readMessages(started, handler));
        Thread.ofPlatform().daemon().name("aios-mcp-stderr-" + name).start(() -> readErrors(started));
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> write(message));
    }

    private void write(McpSchema.JSONRPCMessage message) {
        OutputStream out = stdin;
        if (out == null || closing) {
            throw new IllegalStateException("the stdio transport of MCP server '" + name + "' is "
                    + (out == null ? "not connected" : "closed"));
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a message to MCP server '" + name + "' as JSON: " + e, e);
        }
        oneLine(json);
        writing.lock();
        try {
            out.write(json);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("MCP server '" + name + "' no longer reads its stdin: " + e.getMessage(), e);
        } finally {
            writing.unlock();
        }
    }

    /**
     * A line break outside a JSON string is whitespace (inside one it is always escaped), so a
     * mapper that pretty-prints still gives one line per message with breaks made spaces.
     */
    private static void oneLine(byte[] json) {
        for (int i = 0; i < json.length; i++) {
            if (json[i] == '\n' || json[i] == '\r') {
                json[i] = ' ';
            }
        }
    }

    private void readMessages(Process started,
            Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        try (InputStream out = started.getInputStream()) {
            LineReader lines = new LineReader(out);
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank() || calls.offer(line)) {
                    continue;
                }
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                } catch (IOException | RuntimeException e) {
                    log.warn("MCP server '{}' wrote a line that is not a JSON-RPC message; skipped: {}", name,
                            abbreviate(line));
                    continue;
                }
                try {
                    // The session's handler only routes: an answer completes its caller's future,
                    // a request or notification is subscribed to where the SDK's own transport would.
                    handler.apply(Mono.just(message)).subscribe(ignored -> {},
                            e -> log.warn("MCP server '{}': handling a message failed: {}", name, e.toString()));
                } catch (RuntimeException e) {
                    log.warn("MCP server '{}': handling a message failed: {}", name, e.toString());
                }
            }
        } catch (IOException e) {
            if (!closing) {
                log.debug("MCP server '{}': reading its stdout failed: {}", name, e.toString());
            }
        }
        log.debug("MCP server '{}' closed its stdout", name);
    }

    private void readErrors(Process started) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                stderr.accept(line);
            }
        } catch (IOException e) {
            if (!closing) {
                log.debug("MCP server '{}': reading its stderr failed: {}", name, e.toString());
            }
        }
    }

    /**
     * Ends stdin (a well-behaved server exits on EOF), then asks the process to terminate and
     * waits for it; the caller kills the process tree after.
     */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> {
            closing = true;
            Process p = process;
            if (p == null) {
                return Mono.empty();
            }
            OutputStream out = stdin;
            if (out != null && writing.tryLock()) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the process is going anyway
                } finally {
                    writing.unlock();
                }
            }
            p.destroy();
            return Mono.fromFuture(p.onExit()).doOnNext(exited -> log.debug("MCP server '{}' exited with code {}",
                    name, exited.exitValue())).then();
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }

    /** @return the server's process, once connected */
    @Nullable Process process() {
        return process;
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    /**
     * Lines of UTF-8 ended by {@code \n} (a {@code \r} before it dropped), read in blocks: a
     * {@link BufferedReader} would do, but its {@code readLine} has no length limit.
     */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;
        private byte[] line = new byte[8 * 1024];
        private int length;

        LineReader(InputStream in) {
            this.in = in;
        }

        @Nullable String next() throws IOException {
            length = 0;
            while (true) {
                for (int i = start; i < end; i++) {
                    if (buffer[i] == '\n') {
                        append(start, i);
                        start = i + 1;
                        int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                        return new String(line, 0, n, StandardCharsets.UTF_8);
                    }
                }
                append(start, end);
                start = 0;
                end = in.read(buffer);
                if (end < 0) {
                    end = 0;
                    return length == 0 ? null : new String(line, 0, length, StandardCharsets.UTF_8);
                }
            }
        }

        private void append(int from, int to) throws IOException {
            int n = to - from;
            if (n == 0) {
                return;
            }
            if (length + n > MAX_LINE_CHARS) {
                throw new IOException("a line longer than " + MAX_LINE_CHARS + " bytes");
            }
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.max(length + n, line.length * 2));
            }
            System.arraycopy(buffer, from, line, length, n);
            length += n;
        }
    }
}
