package dev.aios.toolpacks.internal;

import dev.aios.api.Provenance;
import dev.aios.api.Source;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.ToolPack;
import dev.aios.tools.InProcessToolRegistry;
import dev.aios.tools.ToolHandler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one {@link ToolPack} implementation every pack builds: an {@link InProcessToolRegistry}
 * (which checks each call against the tool's schema and turns a thrown exception into a failed
 * result with its message) plus the provenance label of each tool's results.
 * {@snippet :
 * return Pack.named("time")
 *         .tool("time.now", "The current date and time in a time zone", schema, ToolRisk.READ_ONLY,
 *                 Pack.Output.COMPUTED, args -> ToolResult.success(...))
 *         .build();
 * }
 * Handlers throw {@link IllegalArgumentException} (or an {@link java.io.IOException}) with a message that
 * names the problem; the caller gets {@code "tool X failed: <message>"}.
 */
public final class Pack implements ToolPack {
    /** Where a tool's result text comes from, which decides its label. */
    public enum Output {
        /**
         * Content from outside the user's instructions: a file, a page, a mail, a process list.
         * Labelled untrusted (it must not steer the agent).
         */
        OUTSIDE,
        /**
         * Computed only from the arguments and the clock (a sum, a date): labelled trusted from
         * the tool; the runtime still joins it with the arguments' own labels.
         */
        COMPUTED
    }

    private final String name;
    private final InProcessToolRegistry registry;

    private Pack(String name, InProcessToolRegistry registry) {
        this.name = name;
        this.registry = registry;
    }

    /** @return a builder of the pack {@code name} */
    public static Builder named(String name) {
        return new Builder(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ToolDescriptor> tools() {
        return registry.tools();
    }

    @Override
    public Optional<ToolDescriptor> find(String tool) {
        return registry.find(tool);
    }

    @Override
    public ToolResult call(ToolCall call) {
        return registry.call(call);
    }

    @Override
    public String toString() {
        return "ToolPack[" + name + ", " + registry.tools().size() + " tools]";
    }

    /** Collects a pack's tools. */
    public static final class Builder {
        private final String name;
        private final InProcessToolRegistry.Builder tools = InProcessToolRegistry.builder();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "pack name");
        }

        /**
         * Adds a tool.
         *
         * @param schema the JSON Schema of its arguments ({@link Schema} writes one)
         * @param output where its result text comes from, for the label
         * @param handler its code; the arguments it gets already fit the schema
         */
        public Builder tool(String tool, String description, String schema, ToolRisk risk, Output output,
                ToolHandler handler) {
            Provenance label = output == Output.COMPUTED
                    ? Provenance.trusted(Source.tool(tool))
                    : risk.openWorld()
                            ? new Provenance(Provenance.untrusted(Source.tool(tool)).sources(),
                                    Provenance.Trust.UNTRUSTED, Provenance.Readers.ANYONE)
                            : Provenance.untrusted(Source.tool(tool));
            tools.tool(new ToolDescriptor(tool, description, schema, risk),
                    ToolHandler.ofCall(call -> handler.call(call).withProvenance(label)));
            return this;
        }

        /** @return the pack */
        public Pack build() {
            return new Pack(name, tools.build());
        }
    }
}
