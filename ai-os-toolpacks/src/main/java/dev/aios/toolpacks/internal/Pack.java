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
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one {@link ToolPack} implementation every pack builds: an {@link InProcessToolRegistry}
 * (which checks each call against the tool's schema and turns a thrown exception into a failed
 * result with its message) plus the provenance label of each tool's results.
 * {@snippet :
 * return Pack.named("time")
 *         .examples(TimePack.class) // time-examples.tsv beside TimePack: requests as users word them
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
        private final List<ToolDescriptor> descriptors = new ArrayList<>();
        private final List<ToolHandler> handlers = new ArrayList<>();
        private Map<String, List<String>> examples = Map.of();
        private String examplesSource = "";

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "pack name");
        }

        /**
         * Gives the pack's tools their example requests (see {@link ToolDescriptor#examples()}),
         * read from {@code <pack name>-examples.tsv} beside {@code anchor}'s class file (in the
         * format of {@link ToolDescriptor#readExamples}).
         *
         * @throws IllegalStateException when the file is missing
         */
        public Builder examples(Class<?> anchor) {
            String file = name + "-examples.tsv";
            InputStream in = anchor.getResourceAsStream(file);
            if (in == null) {
                throw new IllegalStateException("the " + name + " pack's example requests, " + file + " beside "
                        + anchor.getName() + ", are missing from the class path");
            }
            this.examplesSource = file;
            this.examples = ToolDescriptor.readExamples(in, file);
            return this;
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
            descriptors.add(new ToolDescriptor(tool, description, schema, risk));
            handlers.add(ToolHandler.ofCall(call -> handler.call(call).withProvenance(label)));
            return this;
        }

        /**
         * @return the pack
         * @throws IllegalStateException when the example requests name a tool the pack does not have
         */
        public Pack build() {
            Set<String> names = new HashSet<>();
            descriptors.forEach(d -> names.add(d.name()));
            for (String tool : examples.keySet()) {
                if (!names.contains(tool)) {
                    throw new IllegalStateException(examplesSource + " gives examples for '" + tool
                            + "', which is not a tool of the " + name + " pack " + names);
                }
            }
            InProcessToolRegistry.Builder tools = InProcessToolRegistry.builder();
            for (int i = 0; i < descriptors.size(); i++) {
                ToolDescriptor d = descriptors.get(i);
                tools.tool(d.withExamples(examples.getOrDefault(d.name(), List.of())), handlers.get(i));
            }
            return new Pack(name, tools.build());
        }
    }
}
