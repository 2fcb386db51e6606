package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProviderResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Presents a {@link ToolRegistry}'s tools as LangChain4j tool specifications and executors. */
public final class ToolProviders {
    private ToolProviders() {}

    /** @return every tool, named so chat-model providers accept it, calling {@code registry} */
    public static ToolProviderResult result(List<ToolDescriptor> tools, ToolRegistry registry) {
        ToolProviderResult.Builder builder = ToolProviderResult.builder();
        Set<String> used = new HashSet<>();
        for (ToolDescriptor tool : tools) {
            String name = tool.name().replaceAll("[^A-Za-z0-9_-]", "_");
            String unique = name;
            for (int i = 2; !used.add(unique); i++) {
                unique = name + "_" + i;
            }
            builder.add(specification(unique, tool), new Executor(tool.name(), registry));
        }
        return builder.build();
    }

    /** Properties keep their JSON Schema verbatim, so nothing is lost in translation. */
    static ToolSpecification specification(String name, ToolDescriptor tool) {
        Map<String, Object> schema = JsonCodec.readObject(tool.inputSchema(), "input schema of " + tool.name());
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((key, value) -> parameters.addProperty(String.valueOf(key),
                    JsonRawSchema.from(JsonCodec.write(value))));
        }
        if (schema.get("required") instanceof List<?> required) {
            parameters.required(required.stream().map(String::valueOf).toList());
        }
        return ToolSpecification.builder()
                .name(name)
                .description(tool.description())
                .parameters(parameters.build())
                .build();
    }

    /** Runs one tool through the registry; failures are told to the model, never thrown. */
    private record Executor(String tool, ToolRegistry registry) implements ToolExecutor {
        @Override
        public String execute(ToolExecutionRequest request, Object memoryId) {
            return run(request).text();
        }

        @Override
        public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
            ToolResult result = run(request);
            return ToolExecutionResult.builder().isError(result.error()).resultText(result.text()).build();
        }

        private ToolResult run(ToolExecutionRequest request) {
            String id = request.id() == null || request.id().isBlank() ? UUID.randomUUID().toString() : request.id();
            try {
                String arguments = request.arguments() == null || request.arguments().isBlank() ? "{}"
                        : request.arguments();
                return registry.call(new ToolCall(id, tool, JsonCodec.readObject(arguments, "arguments of " + tool)));
            } catch (AiOsException e) {
                return ToolResult.failure(e.getMessage());
            }
        }
    }
}
