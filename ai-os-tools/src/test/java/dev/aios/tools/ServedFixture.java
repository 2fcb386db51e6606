package dev.aios.tools;

import dev.aios.api.ToolRisk;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A {@link McpToolServer} that serves one of everything MCP has (resources, a template, a prompt
 * with an image, completion, tools with images and structured content, logging, progress,
 * cancellation, sampling, elicitation, roots), with the state the tests look at. Run as a child
 * process by {@link #main}, it serves stdio.
 */
final class ServedFixture {
    /** A 1x1 PNG. */
    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday");
    static final String CHART_OUTPUT = "{\"type\":\"object\",\"properties\":{\"max\":{\"type\":\"number\"},"
            + "\"count\":{\"type\":\"integer\"}},\"required\":[\"max\",\"count\"]}";

    final AtomicReference<String> today = new AtomicReference<>("buy milk");
    final CountDownLatch slowStarted = new CountDownLatch(1);
    final CountDownLatch slowCancelled = new CountDownLatch(1);
    final AtomicBoolean slowInterrupted = new AtomicBoolean();
    final AtomicBoolean onCancelRan = new AtomicBoolean();
    final McpToolServer server;

    ServedFixture() {
        this(McpHttpAuth.none());
    }

    ServedFixture(McpHttpAuth auth) {
        server = McpToolServer.builder()
                .serverInfo("fixture", "1.0")
                .httpAuth(auth)
                .tools(DemoToolServer.registry())
                .resource(ServedResource.text("notes://today", "today", "Today's notes", "text/plain", today::get))
                .resource(ServedResource.bytes("images://logo", "logo", "The logo", "image/png", () -> PNG))
                .resourceTemplate(ServedResourceTemplate.of("notes://day/{day}", "day", "Notes of a weekday", "text/plain",
                        (uri, vars) -> McpResourceContents.text(uri, "text/plain", "notes of " + vars.get("day")))
                        .withCompleter((argument, partial, others) -> DAYS.stream().filter(d -> d.startsWith(partial))
                                .toList()))
                .prompt(ServedPrompt.of("review", "Reviews a file", List.of(
                                ServedPrompt.Argument.required("path", "the file"),
                                ServedPrompt.Argument.optional("focus", "what to look at")),
                        args -> List.of(
                                McpPromptMessage.user("Review " + args.get("path")
                                        + (args.containsKey("focus") ? " for " + args.get("focus") : "")),
                                McpPromptMessage.user(McpContent.resource(McpResourceContents.text("file://"
                                        + args.get("path"), "text/plain", "contents of " + args.get("path")))),
                                McpPromptMessage.user(McpContent.image(PNG, "image/png"))))
                        .withCompleter((argument, partial, others) -> argument.equals("focus")
                                ? Stream.of("naming", "nulls", "tests").filter(f -> f.startsWith(partial)).toList()
                                : List.of(others.getOrDefault("focus", "") + partial + ".java")))
                .tool(ServedTool.builder("chart").description("Charts numbers: an image and their maximum")
                        .inputSchema("{\"type\":\"object\",\"properties\":{\"values\":{\"type\":\"array\","
                                + "\"items\":{\"type\":\"number\"}}},\"required\":[\"values\"]}")
                        .outputSchema(CHART_OUTPUT).risk(ToolRisk.READ_ONLY)
                        .handler((args, context) -> {
                            List<?> values = (List<?>) args.get("values");
                            double max = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0);
                            return McpToolResult.structured(Map.of("max", max, "count", values.size()),
                                    McpContent.text("max " + max), McpContent.image(PNG, "image/png"),
                                    McpContent.link("images://logo", "logo", null, "image/png"));
                        }).build())
                .tool(ServedTool.builder("bad_chart").description("Breaks its own output schema")
                        .outputSchema(CHART_OUTPUT)
                        .handler((args, context) -> McpToolResult.structured(Map.of("max", "high")))
                        .build())
                .tool(ServedTool.builder("media").description("Returns audio and an embedded resource")
                        .handler((args, context) -> McpToolResult.of(McpContent.audio(new byte[] {1, 2, 3}, "audio/wav"),
                                McpContent.resource(McpResourceContents.bytes("blob://x", "application/octet-stream",
                                        "xyz".getBytes(StandardCharsets.UTF_8)))))
                        .build())
                .tool(ServedTool.builder("chatty").description("Logs at three levels and reports progress")
                        .handler((args, context) -> {
                            context.log(McpCallContext.LogLevel.DEBUG, "debug detail");
                            context.log(McpCallContext.LogLevel.INFO, "working");
                            context.log(McpCallContext.LogLevel.WARNING, "almost out of paper");
                            boolean sent = false;
                            for (int i = 1; i <= 3; i++) {
                                sent = context.progress(i, 3.0, "step " + i);
                            }
                            return McpToolResult.text("progress sent: " + sent);
                        }).build())
                .tool(ServedTool.builder("slow").description("Waits up to 30 s unless cancelled")
                        .handler((args, context) -> {
                            context.onCancel(() -> onCancelRan.set(true));
                            slowStarted.countDown();
                            try {
                                Thread.sleep(30_000);
                                return McpToolResult.text("finished");
                            } catch (InterruptedException e) {
                                slowInterrupted.set(true);
                                if (context.isCancelled()) {
                                    slowCancelled.countDown();
                                }
                                throw e;
                            }
                        }).build())
                .tool(ServedTool.builder("ask_model").description("Asks the client's model")
                        .handler((args, context) -> {
                            McpCallContext.Sample sample = context.sample(McpCallContext.SampleRequest.of(
                                    "Say hello", 20));
                            return McpToolResult.text("model " + sample.model() + " said: "
                                    + ((McpContent.Text) sample.content()).text());
                        }).build())
                .tool(ServedTool.builder("ask_user").description("Asks the user for a name")
                        .handler((args, context) -> {
                            McpCallContext.Elicitation answer = context.elicit("Your name?", Map.of("type", "object",
                                    "properties", Map.of("name", Map.of("type", "string")), "required", List.of("name")));
                            return McpToolResult.text(answer.action() + " " + answer.content().get("name"));
                        }).build())
                .tool(ServedTool.builder("roots").description("Lists the client's roots")
                        .handler((args, context) -> McpToolResult.text(context.roots().stream()
                                .map(r -> r.name() + "=" + r.uri()).toList().toString()))
                        .build())
                .build();
    }

    public static void main(String[] args) throws Exception {
        new ServedFixture().server.serveStdio();
    }

    /** @return the command line that starts this fixture as a child process serving stdio */
    static List<String> stdioCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), ServedFixture.class.getName());
    }
}
