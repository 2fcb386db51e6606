package dev.aios.runtime;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ToolRegistry} of Java lambdas, fixed when built. For hosts that expose their own
 * functions to an agent, and for tests and samples. The MCP-backed registry (ai-os-tools) offers
 * the same interface over MCP servers.
 * {@snippet :
 * ToolRegistry tools = InProcessToolRegistry.builder()
 *         .tool("clock.today", "Today's date, ISO-8601", ToolRisk.READ_ONLY,
 *                 args -> ToolResult.success(LocalDate.now().toString()))
 *         .build();
 * }
 */
public final class InProcessToolRegistry implements ToolRegistry {

    /** The Java code behind one tool. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param arguments the call's arguments, validated by nobody but the handler
         * @return the result; an exception thrown here becomes a failed result with its message
         */
        ToolResult call(Map<String, Object> arguments) throws Exception;
    }

    private record Entry(ToolDescriptor descriptor, Handler handler) {}

    private final Map<String, Entry> tools;
    private final List<ToolDescriptor> descriptors;

    private InProcessToolRegistry(Map<String, Entry> tools) {
        this.tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        List<ToolDescriptor> list = new ArrayList<>();
        tools.values().forEach(e -> list.add(e.descriptor()));
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
        Entry entry = tools.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.descriptor());
    }

    @Override
    public ToolResult call(ToolCall call) {
        Entry entry = tools.get(call.tool());
        if (entry == null) {
            throw AiOsException.permanent("no tool named '" + call.tool() + "'; available: " + tools.keySet());
        }
        try {
            ToolResult result = entry.handler().call(call.arguments());
            if (result == null) {
                return ToolResult.failure("tool " + call.tool() + " returned no result");
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.failure("tool " + call.tool() + " was interrupted");
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return ToolResult.failure("tool " + call.tool() + " failed: " + message);
        }
    }

    /** Builds an {@link InProcessToolRegistry}. */
    public static final class Builder {
        private final Map<String, Entry> tools = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a tool.
         *
         * @throws IllegalArgumentException if a tool with the same name was added
         */
        public Builder tool(ToolDescriptor descriptor, Handler handler) {
            if (handler == null) {
                throw new NullPointerException("handler of tool " + descriptor.name() + " must not be null");
            }
            if (tools.putIfAbsent(descriptor.name(), new Entry(descriptor, handler)) != null) {
                throw new IllegalArgumentException("a tool named '" + descriptor.name() + "' was already added");
            }
            return this;
        }

        /** Adds a tool that takes any arguments object. */
        public Builder tool(String name, String description, ToolRisk risk, Handler handler) {
            return tool(new ToolDescriptor(name, description, "{\"type\":\"object\"}", risk), handler);
        }

        /** @return the registry */
        public InProcessToolRegistry build() {
            return new InProcessToolRegistry(tools);
        }
    }
}
