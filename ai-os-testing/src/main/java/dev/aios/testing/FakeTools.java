package dev.aios.testing;

import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tools for tests that record every call they receive: echoing tools with a chosen risk, tools
 * that report a failure, and tools that throw. Hand {@link #tools()} to the registry under test;
 * each {@link FakeTool#call} has the shape of a handler ({@code Map -> ToolResult}), so it fits
 * any registry that runs Java code:
 * {@snippet :
 * FakeTools fakes = FakeTools.builder()
 *         .echo("notes.search", ToolRisk.READ_ONLY)
 *         .failing("mail.send", ToolRisk.DESTRUCTIVE, "mail server refused")
 *         .build();
 * InProcessToolRegistry.Builder registry = InProcessToolRegistry.builder();
 * fakes.tools().forEach(t -> registry.tool(t.descriptor(), t::call));
 * // ... run the agent, then:
 * assertThat(fakes.tool("mail.send").calls()).hasSize(1);
 * }
 * Thread-safe.
 */
public final class FakeTools {
    /**
     * The input schema of every fake tool but those {@link Builder#echoRequiring} adds: an object
     * with an optional string {@code text}.
     */
    public static final String SCHEMA = """
            {"type":"object","properties":{"text":{"type":"string"}}}""";

    private final Map<String, FakeTool> tools;

    private FakeTools(Map<String, FakeTool> tools) {
        this.tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
    }

    /** @return a builder with no tools */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the tools, in the order they were added */
    public List<FakeTool> tools() {
        return List.copyOf(tools.values());
    }

    /**
     * @return the tool named {@code name}
     * @throws IllegalArgumentException if there is none; the message lists the names there are
     */
    public FakeTool tool(String name) {
        FakeTool tool = tools.get(name);
        if (tool == null) {
            throw new IllegalArgumentException("no fake tool named '" + name + "'; there are " + tools.keySet());
        }
        return tool;
    }

    /** @return how many calls all the tools received together */
    public int totalCalls() {
        return tools.values().stream().mapToInt(t -> t.calls().size()).sum();
    }

    /** What a fake tool does when called. */
    public enum Behaviour {
        /** Succeeds with {@code name:text}, the tool's name and its {@code text} argument (empty if absent). */
        ECHO,
        /** Returns a failed result whose text is the tool's message. */
        FAIL,
        /** Throws an {@link IllegalStateException} with the tool's message. */
        THROW
    }

    /** One fake tool: its descriptor, what it does, and the arguments of every call it received. */
    public static final class FakeTool {
        private final ToolDescriptor descriptor;
        private final Behaviour behaviour;
        private final String message;
        private final List<String> requiredArguments;
        private final List<Map<String, Object>> calls = Collections.synchronizedList(new ArrayList<>());

        private FakeTool(ToolDescriptor descriptor, Behaviour behaviour, String message, List<String> requiredArguments) {
            this.descriptor = descriptor;
            this.behaviour = behaviour;
            this.message = message;
            this.requiredArguments = List.copyOf(requiredArguments);
        }

        /** @return the tool as a registry should show it */
        public ToolDescriptor descriptor() {
            return descriptor;
        }

        /** @return the tool's name */
        public String name() {
            return descriptor.name();
        }

        /** @return what the tool does when called */
        public Behaviour behaviour() {
            return behaviour;
        }

        /**
         * @return the string arguments its input schema requires (a registry must refuse a call
         *     without them); empty for most fakes, whose only argument {@code text} is optional
         */
        public List<String> requiredArguments() {
            return requiredArguments;
        }

        /** @return the failure text of a {@link Behaviour#FAIL} or {@link Behaviour#THROW} tool; empty for an echo */
        public String message() {
            return message;
        }

        /**
         * Records the call, then behaves as chosen: the handler to register.
         *
         * @return the result
         * @throws IllegalStateException if the tool was built to throw
         */
        public ToolResult call(Map<String, Object> arguments) {
            calls.add(Collections.unmodifiableMap(new LinkedHashMap<>(arguments)));
            return switch (behaviour) {
                case ECHO -> ToolResult.success(name() + ":" + arguments.getOrDefault("text", ""));
                case FAIL -> ToolResult.failure(message);
                case THROW -> throw new IllegalStateException(message);
            };
        }

        /** @return the arguments of every call received so far, in order (a copy) */
        public List<Map<String, Object>> calls() {
            synchronized (calls) {
                return List.copyOf(calls);
            }
        }
    }

    /** Builds {@link FakeTools}; tool names must be unique. */
    public static final class Builder {
        private final Map<String, FakeTool> tools = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a tool that succeeds with {@code name:text}. */
        public Builder echo(String name, ToolRisk risk) {
            return add(name, risk, Behaviour.ECHO, "");
        }

        /**
         * Adds a tool that succeeds with {@code name:text} and whose input schema requires the
         * string argument {@code required} (besides the optional {@code text}): the tool on which
         * a registry shows that it refuses a call missing a required argument.
         *
         * @param required the name of the required argument; not {@code text}
         */
        public Builder echoRequiring(String name, ToolRisk risk, String required) {
            Objects.requireNonNull(required, "required argument of fake tool " + name);
            if (!required.matches("[A-Za-z_][A-Za-z0-9_]*") || required.equals("text")) {
                throw new IllegalArgumentException("the required argument of fake tool '" + name + "' must be a plain "
                        + "name other than 'text', was '" + required + "'");
            }
            String schema = "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"},\"" + required
                    + "\":{\"type\":\"string\"}},\"required\":[\"" + required + "\"]}";
            return add(name, risk, Behaviour.ECHO, "", schema, List.of(required));
        }

        /** Adds a tool that returns a failed result with {@code message}. */
        public Builder failing(String name, ToolRisk risk, String message) {
            return add(name, risk, Behaviour.FAIL, message);
        }

        /** Adds a tool whose code throws an {@link IllegalStateException} with {@code message}. */
        public Builder throwing(String name, ToolRisk risk, String message) {
            return add(name, risk, Behaviour.THROW, message);
        }

        private Builder add(String name, ToolRisk risk, Behaviour behaviour, String message) {
            return add(name, risk, behaviour, message, SCHEMA, List.of());
        }

        private Builder add(String name, ToolRisk risk, Behaviour behaviour, String message, String schema,
                List<String> required) {
            Objects.requireNonNull(risk, "risk of fake tool " + name);
            ToolDescriptor descriptor = new ToolDescriptor(name, "fake tool " + name + " (" + behaviour.name()
                    .toLowerCase(java.util.Locale.ROOT) + ")", schema, risk);
            if (tools.putIfAbsent(name, new FakeTool(descriptor, behaviour, Objects.requireNonNull(message), required))
                    != null) {
                throw new IllegalArgumentException("a fake tool named '" + name + "' was already added");
            }
            return this;
        }

        /** @return the tools */
        public FakeTools build() {
            return new FakeTools(tools);
        }
    }
}
