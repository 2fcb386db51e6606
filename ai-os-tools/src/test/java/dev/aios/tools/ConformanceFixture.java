package dev.aios.tools;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link McpToolServer} that offers what the server scenarios of the official MCP conformance
 * suite ({@code @modelcontextprotocol/conformance} 0.1.16) ask for, by the names and with the
 * behaviour they expect, built with the public API of ai-os-tools only; see
 * {@link ConformanceServerIT}. To run the suite by hand:
 * {@snippet lang=sh :
 * java -cp ... dev.aios.tools.ConformanceFixture 3001
 * node --import file://$PWD/target/mcp-servers/node20-glob.mjs \
 *     target/mcp-servers/node_modules/@modelcontextprotocol/conformance/dist/index.js \
 *     server --url http://127.0.0.1:3001/mcp --scenario tools-call-simple-text
 * }
 */
final class ConformanceFixture {
    /** A 1x1 PNG. */
    static final byte[] PNG = ServedFixture.PNG;
    /** A WAV file of a few samples of silence (8 kHz, mono, 16 bit). */
    static final byte[] WAV = wav(8);

    private static final String NO_ARGUMENTS = "{\"type\":\"object\",\"properties\":{}}";
    private static final List<String> COMPLETIONS = List.of("paris", "park", "party");

    private ConformanceFixture() {}

    /** @return the server the suite's server scenarios expect, not yet serving */
    static McpToolServer server() {
        return McpToolServer.builder()
                .serverInfo("ai-os-conformance-fixture", "1.0.0")
                // tools
                .tool(tool("test_simple_text", "Returns a simple text")
                        .handler((args, context) -> McpToolResult.text("This is a simple text response for testing."))
                        .build())
                .tool(tool("test_image_content", "Returns an image")
                        .handler((args, context) -> McpToolResult.of(McpContent.image(PNG, "image/png")))
                        .build())
                .tool(tool("test_audio_content", "Returns audio")
                        .handler((args, context) -> McpToolResult.of(McpContent.audio(WAV, "audio/wav")))
                        .build())
                .tool(tool("test_embedded_resource", "Returns an embedded resource")
                        .handler((args, context) -> McpToolResult.of(McpContent.resource(McpResourceContents.text(
                                "test://embedded-resource", "text/plain", "This is an embedded resource content."))))
                        .build())
                .tool(tool("test_multiple_content_types", "Returns text, an image and an embedded resource")
                        .handler((args, context) -> McpToolResult.of(
                                McpContent.text("Multiple content types test:"),
                                McpContent.image(PNG, "image/png"),
                                McpContent.resource(McpResourceContents.text("test://mixed-content-resource",
                                        "application/json", "{\"test\":\"data\",\"value\":123}"))))
                        .build())
                .tool(tool("test_tool_with_logging", "Logs three messages while it runs")
                        .handler((args, context) -> {
                            context.log(McpCallContext.LogLevel.INFO, "Tool execution started");
                            Thread.sleep(50);
                            context.log(McpCallContext.LogLevel.INFO, "Tool processing data");
                            Thread.sleep(50);
                            context.log(McpCallContext.LogLevel.INFO, "Tool execution completed");
                            return McpToolResult.text("Tool with logging executed successfully");
                        }).build())
                .tool(tool("test_error_handling", "Always fails")
                        .handler((args, context) -> {
                            throw new IllegalStateException("This tool intentionally returns an error for testing");
                        }).build())
                .tool(tool("test_tool_with_progress", "Reports progress while it runs")
                        .handler((args, context) -> {
                            context.progress(0, 100.0, null);
                            Thread.sleep(50);
                            context.progress(50, 100.0, null);
                            Thread.sleep(50);
                            context.progress(100, 100.0, null);
                            return McpToolResult.text("Tool with progress executed successfully");
                        }).build())
                .tool(ServedTool.builder("test_sampling").description("Asks the client's model")
                        .inputSchema(requiredString("prompt", "The prompt to send to the LLM"))
                        .handler((args, context) -> {
                            McpCallContext.Sample sample = context.sample(McpCallContext.SampleRequest.of(
                                    (String) args.get("prompt"), 100));
                            String answer = sample.content() instanceof McpContent.Text text ? text.text()
                                    : String.valueOf(sample.content());
                            return McpToolResult.text("LLM response: " + answer);
                        }).build())
                .tool(ServedTool.builder("test_elicitation").description("Asks the user for a name and an email")
                        .inputSchema(requiredString("message", "The message to show the user"))
                        .handler((args, context) -> {
                            McpCallContext.Elicitation answer = context.elicit((String) args.get("message"), Map.of(
                                    "type", "object",
                                    "properties", Map.of(
                                            "username", Map.of("type", "string", "description", "User's response"),
                                            "email", Map.of("type", "string", "description", "User's email address")),
                                    "required", List.of("username", "email")));
                            return McpToolResult.text("User response: action=" + action(answer) + ", content="
                                    + answer.content());
                        }).build())
                .tool(tool("test_elicitation_sep1034_defaults", "Asks the user with default values (SEP-1034)")
                        .handler((args, context) -> elicited(context.elicit("Please review and update the form fields"
                                + " with defaults", schema(
                                        "name", Map.of("type", "string", "description", "User name",
                                                "default", "John Doe"),
                                        "age", Map.of("type", "integer", "description", "User age", "default", 30),
                                        "score", Map.of("type", "number", "description", "User score",
                                                "default", 95.5),
                                        "status", Map.of("type", "string", "description", "User status",
                                                "enum", List.of("active", "inactive", "pending"), "default", "active"),
                                        "verified", Map.of("type", "boolean", "description", "Verification status",
                                                "default", true)))))
                        .build())
                .tool(tool("test_elicitation_sep1330_enums", "Asks the user with every kind of enum (SEP-1330)")
                        .handler((args, context) -> elicited(context.elicit("Please select options from the enum"
                                + " fields", schema(
                                        "untitledSingle", Map.of("type", "string", "description", "Select one option",
                                                "enum", List.of("option1", "option2", "option3")),
                                        "titledSingle", Map.of("type", "string", "description", "Select one option"
                                                + " with titles", "oneOf", List.of(
                                                        Map.of("const", "value1", "title", "First Option"),
                                                        Map.of("const", "value2", "title", "Second Option"),
                                                        Map.of("const", "value3", "title", "Third Option"))),
                                        "legacyEnum", Map.of("type", "string", "description", "Select one option"
                                                + " (legacy)", "enum", List.of("opt1", "opt2", "opt3"),
                                                "enumNames", List.of("Option One", "Option Two", "Option Three")),
                                        "untitledMulti", Map.of("type", "array", "description", "Select multiple"
                                                + " options", "minItems", 1, "maxItems", 3, "items", Map.of(
                                                        "type", "string",
                                                        "enum", List.of("option1", "option2", "option3"))),
                                        "titledMulti", Map.of("type", "array", "description", "Select multiple"
                                                + " options with titles", "minItems", 1, "maxItems", 3, "items", Map.of(
                                                        "anyOf", List.of(
                                                                Map.of("const", "value1", "title", "First Choice"),
                                                                Map.of("const", "value2", "title", "Second Choice"),
                                                                Map.of("const", "value3", "title", "Third Choice"))))))))
                        .build())
                .tool(ServedTool.builder("json_schema_2020_12_tool").description("Tool with JSON Schema 2020-12 features")
                        .inputSchema("""
                                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",\
                                "$defs":{"address":{"type":"object","properties":{"street":{"type":"string"},\
                                "city":{"type":"string"}}}},"properties":{"name":{"type":"string"},\
                                "address":{"$ref":"#/$defs/address"}},"additionalProperties":false}""")
                        .handler((args, context) -> McpToolResult.text("JSON Schema 2020-12 tool called with " + args))
                        .build())
                // There is no way (nor need) for a served tool to close the SSE stream of its own call;
                // the scenario then reports that the result came on the first stream.
                .tool(tool("test_reconnection", "Answers after a short while (SSE polling, SEP-1699)")
                        .handler((args, context) -> {
                            Thread.sleep(100);
                            return McpToolResult.text("Reconnection test completed");
                        }).build())
                // resources
                .resource(ServedResource.text("test://static-text", "Static Text Resource",
                        "A static text resource for testing", "text/plain",
                        () -> "This is the content of the static text resource."))
                .resource(ServedResource.bytes("test://static-binary", "Static Binary Resource",
                        "A static binary resource (image) for testing", "image/png", () -> PNG))
                .resource(ServedResource.text("test://watched-resource", "Watched Resource",
                        "A resource that can be subscribed to", "text/plain", () -> "Watched resource content"))
                .resourceTemplate(ServedResourceTemplate.of("test://template/{id}/data", "Resource Template",
                        "A resource template with parameter substitution", "application/json",
                        (uri, variables) -> McpResourceContents.text(uri, "application/json",
                                "{\"id\":\"" + variables.get("id") + "\",\"templateTest\":true,\"data\":\"Data for ID: "
                                        + variables.get("id") + "\"}"))
                        .withCompleter((argument, partial, others) -> List.of()))
                // prompts
                .prompt(ServedPrompt.of("test_simple_prompt", "A simple prompt without arguments", List.of(),
                        args -> List.of(McpPromptMessage.user("This is a simple prompt for testing."))))
                .prompt(ServedPrompt.of("test_prompt_with_arguments", "A prompt with required arguments", List.of(
                                ServedPrompt.Argument.required("arg1", "First test argument"),
                                ServedPrompt.Argument.required("arg2", "Second test argument")),
                        args -> List.of(McpPromptMessage.user("Prompt with arguments: arg1='" + args.get("arg1")
                                + "', arg2='" + args.get("arg2") + "'")))
                        .withCompleter((argument, partial, others) -> COMPLETIONS.stream()
                                .filter(value -> value.startsWith(partial)).toList()))
                .prompt(ServedPrompt.of("test_prompt_with_embedded_resource", "A prompt with an embedded resource",
                        List.of(ServedPrompt.Argument.required("resourceUri", "URI of the resource to embed")),
                        args -> List.of(
                                McpPromptMessage.user(McpContent.resource(McpResourceContents.text(
                                        args.get("resourceUri"), "text/plain", "Embedded resource content for testing."))),
                                McpPromptMessage.user("Please process the embedded resource above."))))
                .prompt(ServedPrompt.of("test_prompt_with_image", "A prompt with an image", List.of(),
                        args -> List.of(
                                McpPromptMessage.user(McpContent.image(PNG, "image/png")),
                                McpPromptMessage.user("Please analyze the image above."))))
                .build();
    }

    /**
     * Serves on {@code http://127.0.0.1:PORT/mcp} until the process is stopped.
     *
     * @param args the port (default 3001; 0 for any free one)
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3001;
        McpToolServer.Running running = server().startHttp("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close));
        System.out.println("MCP conformance fixture listening at " + running.url());
        new CountDownLatch(1).await();
    }

    private static ServedTool.Builder tool(String name, String description) {
        return ServedTool.builder(name).description(description).inputSchema(NO_ARGUMENTS);
    }

    private static String requiredString(String name, String description) {
        return "{\"type\":\"object\",\"properties\":{\"" + name + "\":{\"type\":\"string\",\"description\":\""
                + description + "\"}},\"required\":[\"" + name + "\"]}";
    }

    /** @return an object schema of these properties, in order: name, schema, name, schema, ... */
    private static Map<String, Object> schema(Object... properties) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            fields.put((String) properties[i], properties[i + 1]);
        }
        return Map.of("type", "object", "properties", fields);
    }

    private static McpToolResult elicited(McpCallContext.Elicitation answer) {
        return McpToolResult.text("Elicitation completed: action=" + action(answer) + ", content=" + answer.content());
    }

    private static String action(McpCallContext.Elicitation answer) {
        return answer.action().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return a WAV file of {@code samples} samples of silence */
    private static byte[] wav(int samples) {
        int data = samples * 2;
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + data)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(new byte[data]);
        return out.toByteArray();
    }
}
