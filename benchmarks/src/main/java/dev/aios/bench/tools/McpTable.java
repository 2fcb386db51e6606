package dev.aios.bench.tools;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.tools.McpServerConfig;
import dev.aios.tools.McpToolRegistry;
import dev.aios.tools.McpToolServer;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Latency of the tool registry against MCP servers, ours beside LangChain4j's MCP client on the
 * same server in the same run, printed as a Markdown table:
 * <ul>
 *   <li>echo round trip (server-everything's {@code echo}) over stdio and over Streamable HTTP, and
 *       over Streamable HTTP against our own {@link McpToolServer};</li>
 *   <li>{@code tools/list} of a server offering 500 tools (our {@link McpToolServer} over HTTP);</li>
 *   <li>{@code search} over 1,000 registered tools.</li>
 * </ul>
 * {@snippet lang=shell :
 * ./mvnw -pl ai-os-tools verify      # installs the pinned npm servers into ai-os-tools/target/mcp-servers
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.tools.McpTable
 * }
 * The npm servers are looked up under {@code ai-os-tools/target/mcp-servers} (override with
 * {@code -Daios.mcpServers=DIR}); without them, or without node, the MCP rows are skipped with a
 * message. {@code -Daios.bench.calls=N} sets the measured calls per row (default 2000).
 */
public final class McpTable {
    private static final int CALLS = Integer.getInteger("aios.bench.calls", 2000);
    private static final int WARMUP = Math.max(200, CALLS / 4);

    private McpTable() {}

    /**
     * One row: a name, then {p50, p99} in microseconds of ours, of the bare MCP SDK client that
     * ours builds on (to show what our layer adds), and of LangChain4j's client.
     */
    private record Row(String what, double[] ours, double[] sdk, double[] peer) {}

    /** Prints the table; see the class javadoc for what each row measures. */
    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        Path servers = Path.of(System.getProperty("aios.mcpServers", "ai-os-tools/target/mcp-servers"));
        Path everything = servers.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
        if (Files.isRegularFile(everything) && works("node", "--version")) {
            rows.add(echoStdio(everything.toAbsolutePath().toString()));
            rows.add(echoHttp(everything.toAbsolutePath().toString()));
        } else {
            System.out.println("skipping the echo rows: no node, or no " + everything.toAbsolutePath()
                    + " (run ./mvnw -pl ai-os-tools verify first, or pass -Daios.mcpServers=DIR)");
        }
        rows.add(echoHttpOurServer());
        rows.add(list500());
        String search = search1000();
        System.out.println();
        System.out.println("MCP tool registry latency (" + System.getProperty("java.vm.name") + " " + Runtime.version()
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs; clients measured in turns after a warm-up round)");
        System.out.println();
        System.out.println("| operation | ours p50 / p99 µs | bare MCP SDK client p50 / p99 µs | LangChain4j MCP client p50 / p99 µs "
                + "| ours / LangChain4j p50 (p99) | ours / bare SDK p50 (p99) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %s | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f | %.2f (%.2f) | %.2f (%.2f) |%n",
                    row.what(), row.ours()[0], row.ours()[1], row.sdk()[0], row.sdk()[1], row.peer()[0], row.peer()[1],
                    row.ours()[0] / row.peer()[0], row.ours()[1] / row.peer()[1],
                    row.ours()[0] / row.sdk()[0], row.ours()[1] / row.sdk()[1]);
        }
        System.out.println();
        System.out.println(search);
        // Reactor and HTTP client threads of the clients above may linger; the table is printed.
        System.exit(0);
    }

    private static Row echoStdio(String script) throws Exception {
        progress("echo over stdio");
        try (McpToolRegistry registry = McpToolRegistry.builder()
                        .server(McpServerConfig.stdio("e", "node", script, "stdio")).build();
                McpSyncClient sdk = io.modelcontextprotocol.client.McpClient.sync(new StdioClientTransport(
                        ServerParameters.builder("node").args(script, "stdio").build(), McpJsonDefaults.getMapper()))
                        .build();
                McpClient peer = new DefaultMcpClient.Builder()
                        .transport(new StdioMcpTransport.Builder().command(List.of("node", script, "stdio")).build())
                        .build()) {
            sdk.initialize();
            return interleaved("echo round trip, stdio (server-everything; one server process per client)", CALLS,
                    () -> registry.call(new ToolCall("bench/1", "e.echo", Map.of("message", "ping"))),
                    () -> sdk.callTool(SDK_ECHO),
                    () -> peer.executeTool(echo()));
        }
    }

    private static Row echoHttp(String script) throws Exception {
        progress("echo over Streamable HTTP");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("node", script, "streamableHttp")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", String.valueOf(port));
        Process node = builder.start();
        try {
            awaitPort(port);
            String url = "http://127.0.0.1:" + port + "/mcp";
            try (McpToolRegistry registry = McpToolRegistry.builder().server(McpServerConfig.http("e", url)).build();
                    McpSyncClient sdk = io.modelcontextprotocol.client.McpClient.sync(
                            HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp").build())
                            .build();
                    McpClient peer = new DefaultMcpClient.Builder()
                            .transport(new StreamableHttpMcpTransport.Builder().url(url).build()).build()) {
                sdk.initialize();
                return interleaved("echo round trip, Streamable HTTP (server-everything; one server, three sessions)",
                        CALLS,
                        () -> registry.call(new ToolCall("bench/1", "e.echo", Map.of("message", "ping"))),
                        () -> sdk.callTool(SDK_ECHO),
                        () -> peer.executeTool(echo()));
            }
        } finally {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        }
    }

    /**
     * The echo row over Streamable HTTP again, against our own server: server-everything starts
     * every answer of a session that sends {@code MCP-Protocol-Version: 2025-11-25} with an extra
     * priming event, and LangChain4j's client never sends that header (required since 2025-06-18),
     * so there it gets the lighter answers of 2025-03-26. Our server answers all clients alike.
     */
    private static Row echoHttpOurServer() throws Exception {
        progress("echo over Streamable HTTP, our server");
        McpToolRegistry tools = McpToolRegistry.builder()
                .tool("echo", "Echoes back the input", "{\"type\":\"object\",\"properties\":{\"message\":"
                        + "{\"type\":\"string\"}},\"required\":[\"message\"]}", ToolRisk.READ_ONLY,
                        a -> ToolResult.success("Echo: " + a.get("message")))
                .build();
        try (McpToolServer.Running server = McpToolServer.builder().tools(tools).build().startHttp("127.0.0.1", 0);
                McpToolRegistry registry = McpToolRegistry.builder()
                        .server(McpServerConfig.http("e", server.url().toString())).build();
                McpSyncClient sdk = io.modelcontextprotocol.client.McpClient.sync(
                        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.url().getPort())
                                .endpoint("/mcp").build()).build();
                McpClient peer = new DefaultMcpClient.Builder()
                        .transport(new StreamableHttpMcpTransport.Builder().url(server.url().toString()).build())
                        .build()) {
            sdk.initialize();
            return interleaved("echo round trip, Streamable HTTP (our McpToolServer; one server, three sessions)", CALLS,
                    () -> registry.call(new ToolCall("bench/1", "e.echo", Map.of("message", "ping"))),
                    () -> sdk.callTool(SDK_ECHO),
                    () -> peer.executeTool(echo()));
        }
    }

    private static Row list500() throws Exception {
        progress("tools/list of 500 tools");
        McpToolRegistry.Builder tools = McpToolRegistry.builder();
        for (int i = 0; i < 500; i++) {
            String word = ToolRetrieval.WORDS[i % ToolRetrieval.WORDS.length];
            tools.tool("tool_" + i, "Tool number " + i + " does " + word + " things",
                    "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\",\"description\":\"input\"},"
                            + "\"count\":{\"type\":\"integer\"}},\"required\":[\"text\"]}",
                    ToolRisk.READ_ONLY, a -> ToolResult.success("ok"));
        }
        int calls = Math.max(50, CALLS / 10);
        try (McpToolServer.Running server = McpToolServer.builder().tools(tools.build()).build()
                        .startHttp("127.0.0.1", 0);
                McpToolRegistry connection = McpToolRegistry.builder()
                        .server(McpServerConfig.http("big", server.url().toString()))
                        .startTimeout(Duration.ofSeconds(30))
                        .restartBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                        .build();
                McpSyncClient sdk = io.modelcontextprotocol.client.McpClient.sync(
                        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.url().getPort())
                                .endpoint("/mcp").build()).build();
                McpClient peer = new DefaultMcpClient.Builder()
                        .transport(new StreamableHttpMcpTransport.Builder().url(server.url().toString()).build())
                        .cacheToolList(false).build()) {
            sdk.initialize();
            // Ours: list every page past the cache and turn each tool into the registry's descriptor
            // (risk, schema text); LangChain4j's turns each into a ToolSpecification.
            return interleaved("tools/list of 500 tools, Streamable HTTP (our McpToolServer)", calls,
                    () -> connection.listTools("big"),
                    sdk::listTools,
                    peer::listTools);
        }
    }

    /**
     * Measures the three clients in turns, so that JIT warm-up, the machine's other load and the
     * server's state treat them alike: one warm-up round of {@code n} calls each, then two
     * measured rounds of {@code n / 2} calls each, in rotating order.
     */
    private static Row interleaved(String what, int n, Callable<?> ours, Callable<?> sdk, Callable<?> peer) {
        List<Callable<?>> clients = List.of(ours, sdk, peer);
        for (Callable<?> client : clients) {
            sample(client, n);
        }
        long[][] samples = new long[3][n];
        int[] filled = new int[3];
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 3; k++) {
                int which = (k + round) % 3;
                long[] taken = sample(clients.get(which), n / 2);
                System.arraycopy(taken, 0, samples[which], filled[which], taken.length);
                filled[which] += taken.length;
            }
        }
        return new Row(what + ", " + filled[0] + " calls each", percentiles(samples[0], filled[0]),
                percentiles(samples[1], filled[1]), percentiles(samples[2], filled[2]));
    }

    private static long[] sample(Callable<?> call, int n) {
        long[] nanos = new long[n];
        try {
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                call.call();
                nanos[i] = System.nanoTime() - start;
            }
        } catch (Exception e) {
            throw new IllegalStateException("benchmark call failed: " + e, e);
        }
        return nanos;
    }

    private static double[] percentiles(long[] nanos, int count) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new double[] {sorted[(int) (count * 0.50)] / 1000.0, sorted[Math.min(count - 1, (int) (count * 0.99))] / 1000.0};
    }

    private static String search1000() {
        progress("search over 1,000 tools");
        // the same made-up vendor tools that fill ToolRetrievalTable's catalogue to 1,000
        McpToolRegistry registry = McpToolRegistry.builder().include(ToolRetrieval.distractors(1000)).build();
        Random random = new Random(42);
        String[] words = ToolRetrieval.WORDS;
        long t0 = System.nanoTime();
        registry.search("warm the index", 1); // builds the index once per catalogue
        double buildMicros = (System.nanoTime() - t0) / 1000.0;
        String[] queries = new String[64];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = words[random.nextInt(words.length)] + " the " + words[random.nextInt(words.length)] + " of my "
                    + words[random.nextInt(words.length)];
        }
        int[] next = {0};
        double[] latency = measure(() -> registry.search(queries[next[0]++ & 63], 10), CALLS * 5);
        return String.format(Locale.ROOT, "search(query, 10) over 1,000 in-process tools (BM25, no embedding model): "
                + "p50 %.0f µs, p99 %.0f µs; first search (builds the index) %.0f µs", latency[0], latency[1], buildMicros);
    }

    private static final McpSchema.CallToolRequest SDK_ECHO = new McpSchema.CallToolRequest("echo",
            Map.of("message", "ping"));

    private static ToolExecutionRequest echo() {
        return ToolExecutionRequest.builder().id("1").name("echo").arguments("{\"message\":\"ping\"}").build();
    }

    /** @return {p50, p99} in microseconds */
    private static double[] measure(Callable<?> call, int n) {
        try {
            for (int i = 0; i < Math.min(WARMUP, n); i++) {
                call.call();
            }
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                call.call();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            return new double[] {nanos[(int) (n * 0.50)] / 1000.0, nanos[Math.min(n - 1, (int) (n * 0.99))] / 1000.0};
        } catch (Exception e) {
            throw new IllegalStateException("benchmark call failed: " + e, e);
        }
    }

    private static void progress(String what) {
        System.out.println("measuring " + what + " ...");
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server-everything did not listen on port " + port);
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
