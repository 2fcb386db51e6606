package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import dev.aios.tools.McpCompleter;
import dev.aios.tools.McpToolResult;
import dev.aios.tools.ServedPrompt;
import dev.aios.tools.ServedResource;
import dev.aios.tools.ServedResourceTemplate;
import dev.aios.tools.ServedTool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManagerFactory;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns served tools, resources, templates and prompts into the MCP SDK's specifications for one
 * running SDK server: tool handlers get an {@link ExchangeCallContext} and the call's
 * {@link CancelSignal} from that server's {@link CallRelay}; arguments are checked against the
 * input schema and structured content against the output schema; prompts check their required
 * arguments; completions look the prompt or template up when asked, so a re-added one is found.
 */
public final class ServedSpecs {
    private static final Logger log = LoggerFactory.getLogger(ServedSpecs.class);
    private static final int MAX_COMPLETIONS = 100;

    private final McpJsonMapper mapper;
    private final CallRelay relay;
    private final Function<String, Optional<ServedPrompt>> prompts;
    private final Function<String, Optional<ServedResourceTemplate>> templates;
    private final McpUriTemplateManagerFactory uriTemplates = new DefaultMcpUriTemplateManagerFactory();

    /**
     * @param prompts finds a served prompt by name, now
     * @param templates finds a served resource template by its URI template, now
     */
    public ServedSpecs(McpJsonMapper mapper, CallRelay relay, Function<String, Optional<ServedPrompt>> prompts,
            Function<String, Optional<ServedResourceTemplate>> templates) {
        this.mapper = mapper;
        this.relay = relay;
        this.prompts = prompts;
        this.templates = templates;
    }

    /** @return the SDK specification of {@code tool} */
    public McpServerFeatures.SyncToolSpecification tool(ServedTool tool) {
        Map<String, Object> input = JsonCodec.readObject(tool.descriptor().inputSchema(), "input schema of tool " + tool.name());
        ArgumentSchema inputCheck = ArgumentSchema.compile(tool.name(), input);
        ArgumentSchema outputCheck = tool.outputSchema() == null ? null : ArgumentSchema.compile(tool.name(),
                JsonCodec.readObject(tool.outputSchema(), "output schema of tool " + tool.name()));
        McpSchema.Tool.Builder mcp = McpSchema.Tool.builder(tool.name(), mapper, tool.descriptor().inputSchema())
                .description(tool.descriptor().description())
                .annotations(RiskAnnotations.toAnnotations(null, tool.descriptor().risk()));
        if (tool.outputSchema() != null) {
            mcp.outputSchema(mapper, tool.outputSchema());
        }
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(mcp.build())
                .callHandler((exchange, request) -> call(tool, inputCheck, outputCheck, exchange, request))
                .build();
    }

    /**
     * @return the result, or null for a call the client cancelled: MCP asks a server not to answer
     *     those, and the SDK sends nothing for a handler that returns null (it closes the call's
     *     HTTP response stream without a message)
     */
    private McpSchema.@Nullable CallToolResult call(ServedTool tool, ArgumentSchema inputCheck,
            @Nullable ArgumentSchema outputCheck, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        List<String> problems = inputCheck.problems(arguments);
        if (!problems.isEmpty()) {
            return failure("tool " + tool.name() + " got arguments that do not fit its input schema: "
                    + String.join("; ", problems));
        }
        String key = request.meta() != null && request.meta().get(CallRelay.CALL_META) instanceof String k ? k : null;
        CancelSignal signal = relay.started(key);
        McpSchema.CallToolResult answer;
        signal.bind();
        try {
            answer = toMcp(tool, outputCheck, tool.handler().call(arguments,
                    new ExchangeCallContext(exchange, request.progressToken(), signal, tool.name())));
        } catch (AiOsException e) {
            answer = failure(e.getMessage());
        } catch (InterruptedException e) {
            answer = failure("tool " + tool.name() + " was interrupted");
        } catch (Exception e) {
            if (!signal.isCancelled()) {
                log.warn("served tool {} failed", tool.name(), e);
            }
            answer = failure("tool " + tool.name() + " failed: " + e);
        } finally {
            signal.unbind();
            relay.finished(key);
        }
        if (signal.isCancelled()) {
            log.debug("tool {} was cancelled by the client; no answer is sent", tool.name());
            return null;
        }
        return answer;
    }

    private static McpSchema.CallToolResult toMcp(ServedTool tool, @Nullable ArgumentSchema outputCheck,
            @Nullable McpToolResult result) {
        if (result == null) {
            return failure("tool " + tool.name() + " returned no result (null)");
        }
        if (!result.error() && outputCheck != null) {
            if (result.structuredContent() == null) {
                return serverError(tool, "it declares an outputSchema but returned no structuredContent");
            }
            List<String> problems = outputCheck.problems(result.structuredContent());
            if (!problems.isEmpty()) {
                return serverError(tool, "its structuredContent does not fit its outputSchema: "
                        + String.join("; ", problems).replace("argument", "field"));
            }
        }
        McpSchema.CallToolResult.Builder mcp = McpSchema.CallToolResult.builder()
                .content(result.content().stream().map(ContentMapping::toMcp).toList())
                .isError(result.error());
        if (result.structuredContent() != null) {
            mcp.structuredContent(result.structuredContent());
            if (result.content().isEmpty()) {
                // MCP asks a tool with structured content to send the same as text for older clients.
                mcp.addTextContent(JsonCodec.write(result.structuredContent()));
            }
        }
        return mcp.build();
    }

    private static McpSchema.CallToolResult serverError(ServedTool tool, String problem) {
        String message = "server error in tool " + tool.name() + ": " + problem;
        log.warn(message);
        return failure(message);
    }

    private static McpSchema.CallToolResult failure(@Nullable String message) {
        return McpSchema.CallToolResult.builder().addTextContent(String.valueOf(message)).isError(true).build();
    }

    /** @return the SDK specification of {@code resource} */
    public McpServerFeatures.SyncResourceSpecification resource(ServedResource resource) {
        McpSchema.Resource mcp = McpSchema.Resource.builder().uri(resource.uri()).name(resource.name())
                .description(resource.description()).mimeType(resource.mimeType()).build();
        return new McpServerFeatures.SyncResourceSpecification(mcp, (exchange, request) -> read(request.uri(),
                () -> resource.reader().read(request.uri())));
    }

    /** @return the SDK specification of {@code template} */
    public McpServerFeatures.SyncResourceTemplateSpecification template(ServedResourceTemplate template) {
        McpSchema.ResourceTemplate mcp = McpSchema.ResourceTemplate.builder().uriTemplate(template.uriTemplate())
                .name(template.name()).description(template.description()).mimeType(template.mimeType()).build();
        return new McpServerFeatures.SyncResourceTemplateSpecification(mcp, (exchange, request) -> read(request.uri(),
                () -> template.reader().read(request.uri(),
                        uriTemplates.create(template.uriTemplate()).extractVariableValues(request.uri()))));
    }

    private interface Read {
        dev.aios.tools.McpResourceContents read() throws Exception;
    }

    private static McpSchema.ReadResourceResult read(String uri, Read read) {
        try {
            return new McpSchema.ReadResourceResult(List.of(ContentMapping.toMcp(read.read())));
        } catch (McpError e) {
            throw e;
        } catch (Exception e) {
            log.warn("reading resource {} failed: {}", uri, e.toString());
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("reading resource " + uri + " failed: " + e.getMessage()).build();
        }
    }

    /** @return the SDK specification of {@code prompt} */
    public McpServerFeatures.SyncPromptSpecification prompt(ServedPrompt prompt) {
        McpSchema.Prompt mcp = new McpSchema.Prompt(prompt.name(), prompt.description(), prompt.arguments().stream()
                .map(a -> new McpSchema.PromptArgument(a.name(), a.description(), a.required())).toList());
        return new McpServerFeatures.SyncPromptSpecification(mcp, (exchange, request) -> render(prompt, request));
    }

    private static McpSchema.GetPromptResult render(ServedPrompt prompt, McpSchema.GetPromptRequest request) {
        Map<String, String> given = new LinkedHashMap<>();
        if (request.arguments() != null) {
            request.arguments().forEach((k, v) -> given.put(k, String.valueOf(v)));
        }
        List<String> missing = prompt.arguments().stream().filter(ServedPrompt.Argument::required)
                .map(ServedPrompt.Argument::name).filter(n -> !given.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("prompt " + prompt.name()
                    + " needs the required argument(s) " + missing + "; given: " + given.keySet()).build();
        }
        try {
            List<McpSchema.PromptMessage> messages = prompt.renderer().render(Map.copyOf(given)).stream()
                    .map(ContentMapping::toMcp).toList();
            return new McpSchema.GetPromptResult(prompt.description(), messages);
        } catch (Exception e) {
            log.warn("rendering prompt {} failed: {}", prompt.name(), e.toString());
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("rendering prompt " + prompt.name() + " failed: " + e.getMessage()).build();
        }
    }

    /** @return completion for a prompt's arguments, answered by whatever prompt has that name when asked */
    public McpServerFeatures.SyncCompletionSpecification promptCompletion(String name) {
        return new McpServerFeatures.SyncCompletionSpecification(new McpSchema.PromptReference(name),
                (exchange, request) -> complete(prompts.apply(name).map(ServedPrompt::completer).orElse(null), request));
    }

    /** @return completion for a template's variables, answered by whatever template has that URI template when asked */
    public McpServerFeatures.SyncCompletionSpecification templateCompletion(String uriTemplate) {
        return new McpServerFeatures.SyncCompletionSpecification(new McpSchema.ResourceReference(uriTemplate),
                (exchange, request) -> complete(templates.apply(uriTemplate).map(ServedResourceTemplate::completer)
                        .orElse(null), request));
    }

    private static McpSchema.CompleteResult complete(@Nullable McpCompleter completer, McpSchema.CompleteRequest request) {
        if (completer == null) {
            return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.of(), 0, false));
        }
        String argument = request.argument().name();
        String partial = request.argument().value() == null ? "" : request.argument().value();
        Map<String, String> others = request.context() == null || request.context().arguments() == null ? Map.of()
                : request.context().arguments();
        List<String> values;
        try {
            values = List.copyOf(completer.complete(argument, partial, others));
        } catch (Exception e) {
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("completing argument " + argument + " failed: " + e.getMessage()).build();
        }
        List<String> sent = values.size() > MAX_COMPLETIONS ? values.subList(0, MAX_COMPLETIONS) : values;
        return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(sent, values.size(),
                values.size() > MAX_COMPLETIONS));
    }
}
