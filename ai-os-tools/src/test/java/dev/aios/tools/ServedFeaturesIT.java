package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Everything {@link McpToolServer} serves beyond plain tools, used by the MCP Java SDK's own client
 * over stdio (a child process) and over Streamable HTTP: resources, templates, prompts,
 * completion, rich tool results, the call context, subscriptions and tools added at run time.
 */
class ServedFeaturesIT {

    /** What the client received besides answers. */
    static final class Heard {
        final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
        final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        final BlockingQueue<List<McpSchema.ResourceContents>> updates = new LinkedBlockingQueue<>();
        final BlockingQueue<List<McpSchema.Tool>> toolLists = new LinkedBlockingQueue<>();
    }

    private static McpSyncClient client(McpClientTransport transport, Heard heard) {
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .capabilities(McpSchema.ClientCapabilities.builder().roots(true).sampling().elicitation().build())
                .roots(new McpSchema.Root("file:///work/project", "project"))
                .sampling(request -> McpSchema.CreateMessageResult.builder(McpSchema.Role.ASSISTANT,
                        "hello from " + ((McpSchema.TextContent) request.messages().get(0).content()).text(), "test-model")
                        .build())
                .elicitation(request -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT,
                        Map.of("name", "Ana")))
                .loggingConsumer(heard.logs::add)
                .progressConsumer(heard.progress::add)
                .resourcesUpdateConsumer(heard.updates::add)
                .toolsChangeConsumer(heard.toolLists::add)
                .build();
    }

    private static McpClientTransport http(McpToolServer.Running running) {
        return HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + running.url().getPort())
                .endpoint("/mcp").build();
    }

    private static McpClientTransport stdio() {
        List<String> command = ServedFixture.stdioCommand();
        return new StdioClientTransport(ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .build(), McpJsonDefaults.getMapper());
    }

    /** What every transport must do the same. */
    private static void exercise(McpSyncClient client, Heard heard) throws Exception {
        McpSchema.InitializeResult init = client.initialize();
        assertThat(init.capabilities().tools().listChanged()).isTrue();
        assertThat(init.capabilities().resources().subscribe()).isTrue();
        assertThat(init.capabilities().prompts().listChanged()).isTrue();
        assertThat(init.capabilities().completions()).isNotNull();

        // resources
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                .containsExactly("notes://today", "images://logo");
        McpSchema.TextResourceContents today = (McpSchema.TextResourceContents) client
                .readResource(new McpSchema.ReadResourceRequest("notes://today")).contents().get(0);
        assertThat(today.text()).isEqualTo("buy milk");
        assertThat(today.mimeType()).isEqualTo("text/plain");
        McpSchema.BlobResourceContents logo = (McpSchema.BlobResourceContents) client
                .readResource(new McpSchema.ReadResourceRequest("images://logo")).contents().get(0);
        assertThat(java.util.Base64.getDecoder().decode(logo.blob())).isEqualTo(ServedFixture.PNG);

        // templates and their completion
        assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
                .containsExactly("notes://day/{day}");
        McpSchema.TextResourceContents monday = (McpSchema.TextResourceContents) client
                .readResource(new McpSchema.ReadResourceRequest("notes://day/monday")).contents().get(0);
        assertThat(monday.text()).isEqualTo("notes of monday");
        assertThat(monday.uri()).isEqualTo("notes://day/monday");
        McpSchema.CompleteResult days = client.completeCompletion(new McpSchema.CompleteRequest(
                new McpSchema.ResourceReference("notes://day/{day}"), new McpSchema.CompleteRequest.CompleteArgument("day", "t")));
        assertThat(days.completion().values()).containsExactly("tuesday", "thursday");

        // prompts, their arguments and completion
        McpSchema.Prompt review = client.listPrompts().prompts().get(0);
        assertThat(review.name()).isEqualTo("review");
        assertThat(review.arguments()).extracting(McpSchema.PromptArgument::name, McpSchema.PromptArgument::required)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("path", true),
                        org.assertj.core.groups.Tuple.tuple("focus", false));
        McpSchema.GetPromptResult prompt = client.getPrompt(new McpSchema.GetPromptRequest("review",
                Map.of("path", "Main.java", "focus", "nulls")));
        assertThat(((McpSchema.TextContent) prompt.messages().get(0).content()).text()).isEqualTo("Review Main.java for nulls");
        McpSchema.EmbeddedResource embedded = (McpSchema.EmbeddedResource) prompt.messages().get(1).content();
        assertThat(((McpSchema.TextResourceContents) embedded.resource()).text()).isEqualTo("contents of Main.java");
        McpSchema.ImageContent image = (McpSchema.ImageContent) prompt.messages().get(2).content();
        assertThat(image.mimeType()).isEqualTo("image/png");
        assertThat(java.util.Base64.getDecoder().decode(image.data())).isEqualTo(ServedFixture.PNG);
        assertThatThrownBy(() -> client.getPrompt(new McpSchema.GetPromptRequest("review", Map.of("focus", "x"))))
                .isInstanceOf(McpError.class).hasMessageContaining("required argument(s) [path]");
        McpSchema.CompleteResult focus = client.completeCompletion(new McpSchema.CompleteRequest(
                new McpSchema.PromptReference("review"), new McpSchema.CompleteRequest.CompleteArgument("focus", "n")));
        assertThat(focus.completion().values()).containsExactly("naming", "nulls");
        McpSchema.CompleteResult path = client.completeCompletion(new McpSchema.CompleteRequest(
                new McpSchema.PromptReference("review"), new McpSchema.CompleteRequest.CompleteArgument("path", "Ma"),
                new McpSchema.CompleteRequest.CompleteContext(Map.of("focus", "tests/"))));
        assertThat(path.completion().values()).containsExactly("tests/Ma.java");

        // a tool with an image, a link and structured content that fits its output schema
        McpSchema.Tool chartTool = client.listTools().tools().stream().filter(t -> t.name().equals("chart")).findFirst()
                .orElseThrow();
        assertThat(chartTool.outputSchema()).containsKey("properties");
        assertThat(chartTool.annotations().readOnlyHint()).isTrue();
        McpSchema.CallToolResult chart = client.callTool(McpSchema.CallToolRequest.builder("chart")
                .arguments(Map.of("values", List.of(3, 9, 4))).build());
        assertThat(chart.isError()).isFalse();
        assertThat(chart.structuredContent()).isEqualTo(Map.of("max", 9.0, "count", 3));
        assertThat(chart.content()).hasSize(3);
        assertThat(((McpSchema.ImageContent) chart.content().get(1)).mimeType()).isEqualTo("image/png");
        assertThat(((McpSchema.ResourceLink) chart.content().get(2)).uri()).isEqualTo("images://logo");
        McpSchema.CallToolResult badArguments = client.callTool(McpSchema.CallToolRequest.builder("chart")
                .arguments(Map.of("values", "many")).build());
        assertThat(badArguments.isError()).isTrue();
        assertThat(((McpSchema.TextContent) badArguments.content().get(0)).text()).contains("values");

        // audio and an embedded blob
        McpSchema.CallToolResult media = client.callTool(McpSchema.CallToolRequest.builder("media").build());
        assertThat(((McpSchema.AudioContent) media.content().get(0)).mimeType()).isEqualTo("audio/wav");
        assertThat(((McpSchema.BlobResourceContents) ((McpSchema.EmbeddedResource) media.content().get(1)).resource())
                .uri()).isEqualTo("blob://x");

        // logging honours setLevel; progress reaches the client that sent a token
        client.setLoggingLevel(McpSchema.LoggingLevel.WARNING);
        McpSchema.CallToolResult chatty = client.callTool(McpSchema.CallToolRequest.builder("chatty")
                .progressToken("p-1").build());
        assertThat(((McpSchema.TextContent) chatty.content().get(0)).text()).isEqualTo("progress sent: true");
        await(() -> heard.progress.size() == 3 && !heard.logs.isEmpty());
        assertThat(heard.logs).extracting(McpSchema.LoggingMessageNotification::data).containsExactly("almost out of paper");
        assertThat(heard.logs.get(0).level()).isEqualTo(McpSchema.LoggingLevel.WARNING);
        assertThat(heard.logs.get(0).logger()).isEqualTo("chatty");
        // The SDK client hands notifications to its consumers on several threads, so their order is not kept.
        assertThat(heard.progress).extracting(McpSchema.ProgressNotification::progress)
                .containsExactlyInAnyOrder(1.0, 2.0, 3.0);
        assertThat(heard.progress).allSatisfy(p -> {
            assertThat(p.progressToken()).isEqualTo("p-1");
            assertThat(p.total()).isEqualTo(3.0);
        });
        client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
        heard.logs.clear();
        McpSchema.CallToolResult quiet = client.callTool(McpSchema.CallToolRequest.builder("chatty").build());
        assertThat(((McpSchema.TextContent) quiet.content().get(0)).text()).isEqualTo("progress sent: false");
        await(() -> heard.logs.size() == 3);
        assertThat(heard.logs).extracting(McpSchema.LoggingMessageNotification::data)
                .containsExactlyInAnyOrder("debug detail", "working", "almost out of paper");

        // sampling, elicitation and roots, answered by this client
        assertThat(text(client.callTool(McpSchema.CallToolRequest.builder("ask_model").build())))
                .isEqualTo("model test-model said: hello from Say hello");
        assertThat(text(client.callTool(McpSchema.CallToolRequest.builder("ask_user").build()))).isEqualTo("ACCEPT Ana");
        assertThat(text(client.callTool(McpSchema.CallToolRequest.builder("roots").build())))
                .isEqualTo("[project=file:///work/project]");
    }

    @Test
    void sdkClientUsesEverythingOverStdio() throws Exception {
        Heard heard = new Heard();
        try (McpSyncClient client = client(stdio(), heard)) {
            exercise(client, heard);
        }
    }

    @Test
    void sdkClientUsesEverythingOverStreamableHttp() throws Exception {
        Heard heard = new Heard();
        ServedFixture fixture = new ServedFixture();
        try (McpToolServer.Running running = fixture.server.startHttp("127.0.0.1", 0);
                McpSyncClient client = client(http(running), heard)) {
            exercise(client, heard);
        }
    }

    /**
     * Tomcat ends a connection after its 100th request with "Connection: close" unless told not
     * to. The SDK's client, on a busy machine, sometimes sent its next request on that connection
     * before it saw the close, and failed with "HTTP/1.1 header parser received no bytes": the CI
     * flake of the test above. Here, on one raw connection, 150 requests are all answered whole
     * and none of the answers closes the connection.
     */
    @Test
    void aKeptAliveConnectionIsNeverEndedByTheServerWhileInUse() throws Exception {
        ServedFixture fixture = new ServedFixture();
        try (McpToolServer.Running running = fixture.server.startHttp("127.0.0.1", 0);
                java.net.Socket socket = new java.net.Socket("127.0.0.1", running.url().getPort())) {
            socket.setSoTimeout(10_000);
            var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            var out = socket.getOutputStream();
            Map<String, List<String>> headers = exchange(in, out, null, "{\"jsonrpc\":\"2.0\",\"id\":0,"
                    + "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            String session = headers.get("mcp-session-id").getFirst();
            exchange(in, out, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            for (int id = 1; id <= 150; id++) {
                headers = exchange(in, out, session, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}");
                assertThat(headers.getOrDefault("connection", List.of())).as("answer %d", id)
                        .noneMatch(v -> v.equalsIgnoreCase("close"));
            }
        }
    }

    /** One request on a raw HTTP/1.1 connection; @return the answer's headers, names in lower case */
    private static Map<String, List<String>> exchange(java.io.DataInputStream in, java.io.OutputStream out,
            String session, String json) throws java.io.IOException {
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\nContent-Length: " + body.length + "\r\n"
                + (session == null ? "" : "Mcp-Session-Id: " + session + "\r\nMCP-Protocol-Version: 2025-06-18\r\n")
                + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String status = line(in);
        assertThat(status).startsWith("HTTP/1.1 2");
        Map<String, List<String>> headers = new java.util.HashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.computeIfAbsent(header.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                    k -> new java.util.ArrayList<>()).add(header.substring(colon + 1).strip());
        }
        if (headers.containsKey("content-length")) {
            in.readFully(new byte[Integer.parseInt(headers.get("content-length").getFirst())]);
        } else if (List.of("chunked").equals(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in), 16); ; size = Integer.parseInt(line(in), 16)) {
                in.readFully(new byte[size + 2]);
                if (size == 0) {
                    break;
                }
            }
        }
        return headers;
    }

    private static String line(java.io.DataInputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("the server closed the connection; read so far: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void invalidStructuredContentIsAServerErrorThatSaysWhy() {
        ServedFixture fixture = new ServedFixture();
        try (McpToolServer.Running running = fixture.server.startHttp("127.0.0.1", 0);
                McpSyncClient client = client(http(running), new Heard())) {
            client.initialize();
            McpSchema.CallToolResult bad = client.callTool(McpSchema.CallToolRequest.builder("bad_chart").build());
            assertThat(bad.isError()).isTrue();
            assertThat(text(bad)).startsWith("server error in tool bad_chart: its structuredContent does not fit its"
                    + " outputSchema").contains("max").contains("count");
            assertThat(bad.structuredContent()).isNull();
        }
    }

    @Test
    void subscribersHearOfUpdatesAndClientsOfListChanges() throws Exception {
        ServedFixture fixture = new ServedFixture();
        Heard heard = new Heard();
        try (McpToolServer.Running running = fixture.server.startHttp("127.0.0.1", 0);
                McpSyncClient client = client(http(running), heard)) {
            client.initialize();
            client.subscribeResource(new McpSchema.SubscribeRequest("notes://today"));
            fixture.today.set("buy bread");
            fixture.server.resourceUpdated("notes://today");
            List<McpSchema.ResourceContents> updated = heard.updates.poll(10, TimeUnit.SECONDS);
            assertThat(updated).as("resources/updated within 10 s").isNotNull();
            assertThat(((McpSchema.TextResourceContents) updated.get(0)).text()).isEqualTo("buy bread");

            fixture.server.addTool(ServedTool.builder("late").description("Added while running")
                    .handler((args, context) -> McpToolResult.text("late answer")).build());
            List<McpSchema.Tool> tools = heard.toolLists.poll(10, TimeUnit.SECONDS);
            assertThat(tools).as("tools/list_changed within 10 s").isNotNull();
            assertThat(tools).extracting(McpSchema.Tool::name).contains("late", "chart", "echo", "notes.count");
            assertThat(text(client.callTool(McpSchema.CallToolRequest.builder("late").build()))).isEqualTo("late answer");

            assertThat(fixture.server.removeTool("late")).isTrue();
            tools = heard.toolLists.poll(10, TimeUnit.SECONDS);
            assertThat(tools).extracting(McpSchema.Tool::name).doesNotContain("late").contains("chart");
            assertThat(fixture.server.removeTool("echo")).as("registry tools stay").isFalse();

            fixture.server.addResource(ServedResource.text("notes://late", "late", null, null, () -> "x"));
            await(() -> client.listResources().resources().size() == 3);
            fixture.server.addPrompt(ServedPrompt.of("hello", null, List.of(), args -> List.of(McpPromptMessage.user("hi"))));
            assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name).contains("review", "hello");
        }
    }

    @Test
    void askingForACapabilityTheClientLacksNamesIt() {
        ServedFixture fixture = new ServedFixture();
        try (McpToolServer.Running running = fixture.server.startHttp("127.0.0.1", 0);
                McpSyncClient plain = McpClient.sync(http(running)).requestTimeout(Duration.ofSeconds(20)).build()) {
            plain.initialize();
            assertThat(text(plain.callTool(McpSchema.CallToolRequest.builder("ask_model").build())))
                    .contains("did not declare the 'sampling' capability");
            assertThat(text(plain.callTool(McpSchema.CallToolRequest.builder("ask_user").build())))
                    .contains("did not declare the 'elicitation' capability");
            assertThat(text(plain.callTool(McpSchema.CallToolRequest.builder("roots").build())))
                    .contains("did not declare the 'roots' capability");
        }
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    static void await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
