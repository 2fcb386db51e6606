package dev.aios.tools;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.tools.internal.CallCheck;
import dev.aios.tools.internal.InProcessTool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ToolRegistry} of Java lambdas, fixed when built: for hosts that expose their own
 * functions to an agent, and for tests and samples. Each tool may declare a JSON Schema for its
 * arguments; a call that does not fit it is a failed result that says what is wrong, and the
 * handler is not run. That check, and how a throwing handler is reported, are the same as for the
 * in-process tools of {@link McpToolRegistry}, which also offers MCP servers.
 * {@snippet :
 * ToolRegistry tools = InProcessToolRegistry.builder()
 *         .tool("clock.today", "Today's date, ISO-8601", ToolRisk.READ_ONLY,
 *                 args -> ToolResult.success(LocalDate.now().toString()))
 *         .build();
 * }
 * Thread-safe.
 */
public final class InProcessToolRegistry implements ToolRegistry {
    private final Map<String, InProcessTool> tools;
    private final List<ToolDescriptor> descriptors;
    private final CallCheck check = new CallCheck();

    private InProcessToolRegistry(Map<String, InProcessTool> tools) {
        this.tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        List<ToolDescriptor> list = new ArrayList<>();
        tools.values().forEach(t -> list.add(t.descriptor()));
        this.descriptors = List.copyOf(list);
    }

    /** @return a registry with no tools */
    public static InProcessToolRegistry empty() {
        return new InProcessToolRegistry(Map.of());
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<ToolDescriptor> tools() {
        return descriptors;
    }

    @Override
    public Optional<ToolDescriptor> find(String name) {
        InProcessTool tool = tools.get(name);
        return tool == null ? Optional.empty() : Optional.of(tool.descriptor());
    }

    /**
     * Checks the arguments against the tool's input schema, then runs its handler.
     *
     * @return the handler's result; arguments that do not fit the schema, an exception or a null
     *     result from the handler, as a failed result that says why
     * @throws AiOsException if no tool has that name; the message lists the tools there are
     */
    @Override
    public ToolResult call(ToolCall call) {
        InProcessTool tool = tools.get(call.tool());
        if (tool == null) {
            throw CallCheck.noSuchTool(call.tool(), tools.keySet());
        }
        return check.reject(tool.descriptor(), tool.schema(), call.arguments()).orElseGet(() -> tool.run(call));
    }

    /** Builds an {@link InProcessToolRegistry}. */
    public static final class Builder {
        private final Map<String, InProcessTool> tools = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a tool; calls are checked against {@code descriptor}'s input schema.
         *
         * @throws IllegalArgumentException if a tool with the same name was added
         * @throws AiOsException if the input schema is not a JSON object
         */
        public Builder tool(ToolDescriptor descriptor, ToolHandler handler) {
            Objects.requireNonNull(descriptor, "descriptor");
            if (handler == null) {
                throw new NullPointerException("handler of tool " + descriptor.name() + " must not be null");
            }
            if (tools.containsKey(descriptor.name())) {
                throw new IllegalArgumentException("a tool named '" + descriptor.name() + "' was already added");
            }
            tools.put(descriptor.name(), InProcessTool.of(descriptor, handler));
            return this;
        }

        /** Adds a tool that takes any arguments object. */
        public Builder tool(String name, String description, ToolRisk risk, ToolHandler handler) {
            return tool(new ToolDescriptor(name, description, "{\"type\":\"object\"}", risk), handler);
        }

        /**
         * Adds a tool whose arguments must fit a JSON Schema.
         *
         * @param inputSchema the JSON Schema of its arguments object, as JSON text
         */
        public Builder tool(String name, String description, String inputSchema, ToolRisk risk, ToolHandler handler) {
            return tool(new ToolDescriptor(name, description, inputSchema, risk), handler);
        }

        /** @return the registry */
        public InProcessToolRegistry build() {
            return new InProcessToolRegistry(tools);
        }
    }
}
