package dev.aios.tools;

import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRisk;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tool that {@link McpToolServer} serves with the whole of MCP: its handler gets a
 * {@link McpCallContext} (log, progress, cancellation, sampling, elicitation, roots) and returns
 * any content blocks and structured content. Build one with {@link #builder(String)}:
 * {@snippet :
 * ServedTool chart = ServedTool.builder("chart")
 *         .description("Draws a chart of the numbers")
 *         .inputSchema("{\"type\":\"object\",\"properties\":{\"values\":{\"type\":\"array\"}}}")
 *         .outputSchema("{\"type\":\"object\",\"properties\":{\"max\":{\"type\":\"number\"}},\"required\":[\"max\"]}")
 *         .handler((args, context) -> McpToolResult.structured(Map.of("max", 3), McpContent.image(png, "image/png")))
 *         .build();
 * }
 *
 * @param descriptor its name, description, input schema and risk (sent as MCP annotations)
 * @param outputSchema the JSON Schema (as JSON text) of its structured content, or null if it has none
 * @param handler the code behind it
 */
public record ServedTool(ToolDescriptor descriptor, @Nullable String outputSchema, Handler handler) {

    /** The code behind a served tool. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param arguments the call's arguments, already validated against the input schema
         * @param context what the handler can do while it runs
         * @return the result; its structured content must fit the output schema
         * @throws Exception anything; the client gets a failed result with the message
         */
        McpToolResult call(Map<String, Object> arguments, McpCallContext context) throws Exception;
    }

    /** Validates. */
    public ServedTool {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(handler, "handler of tool " + descriptor.name());
        if (outputSchema != null && !outputSchema.strip().startsWith("{")) {
            throw new IllegalArgumentException("the output schema of tool " + descriptor.name()
                    + " must be a JSON Schema object, was: " + outputSchema);
        }
    }

    /** @return the tool's name */
    public String name() {
        return descriptor.name();
    }

    /** @return a builder for a tool named {@code name} */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link ServedTool}; description, input schema and risk have defaults. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private String inputSchema = ToolDescriptor.NO_ARGUMENTS;
        private @Nullable String outputSchema;
        private ToolRisk risk = ToolRisk.SIDE_EFFECTING;
        private @Nullable Handler handler;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** What the tool does, for the client's model (default: empty). */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** The JSON Schema of its arguments, as JSON text (default: no arguments). */
        public Builder inputSchema(String inputSchema) {
            this.inputSchema = Objects.requireNonNull(inputSchema, "inputSchema");
            return this;
        }

        /** The JSON Schema of its structured content, as JSON text (default: none). */
        public Builder outputSchema(String outputSchema) {
            this.outputSchema = Objects.requireNonNull(outputSchema, "outputSchema");
            return this;
        }

        /** What calling it may do (default: {@link ToolRisk#SIDE_EFFECTING}). */
        public Builder risk(ToolRisk risk) {
            this.risk = Objects.requireNonNull(risk, "risk");
            return this;
        }

        /** The code behind it (required). */
        public Builder handler(Handler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** @return the tool */
        public ServedTool build() {
            if (handler == null) {
                throw new IllegalStateException("tool " + name + " has no handler; call handler(...) before build()");
            }
            return new ServedTool(new ToolDescriptor(name, description, inputSchema, risk), outputSchema, handler);
        }
    }
}
