package dev.aios.toolpacks;

import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.toolpacks.internal.ToolHandlers;
import dev.aios.tools.ToolHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Tools over an agent's {@link Memory}: remember a fact or note (long-term layer, with tags),
 * recall by words, forget by id. A remembered text comes from the planner's arguments, so the
 * record is labelled as the host says ({@link Builder#label}); by default untrusted and private,
 * from {@code tool:memory.remember}, never as the user's own words. Recalled text is labelled
 * untrusted. Without a memory every tool is refused.
 * {@snippet :
 * ToolPack memoryTools = MemoryPack.builder()
 *         .memory(memory)   // the agent's Memory; required
 *         .build();
 * }
 */
public final class MemoryPack {
    private static final int MAX_TEXT = 20_000;

    private MemoryPack() {}

    /** @return a builder; no memory by default (every tool is refused until one is set) */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a memory pack. */
    public static final class Builder {
        private @Nullable Memory memory;
        private Function<ToolCall, Provenance> label = call -> Provenance.untrusted(Source.tool("memory.remember"));
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Sets the memory the tools read and write (none by default: every tool is refused). */
        public Builder memory(Memory memory) {
            this.memory = Objects.requireNonNull(memory, "memory");
            return this;
        }

        /**
         * Sets the label a remembered record gets from its call (default: untrusted and private,
         * from {@code tool:memory.remember}). A host that knows its planner's arguments came from
         * the user alone may label them so.
         */
        public Builder label(Function<ToolCall, Provenance> label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /** Sets the clock that dates new records (default: the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the pack {@code memory} */
        public ToolPack build() {
            Memory m = memory;
            Function<ToolCall, Provenance> labels = label;
            Clock c = clock;
            return Pack.named("memory").examples(MemoryPack.class)
                    .tool("memory.remember", "Remember a fact or note for later by saving it in long-term memory,"
                            + " with optional tags and importance; returns its id.",
                            Schema.object().string("text", "the fact or note").strings("tags", "words to file it under")
                                    .number("importance", "0 (trivia) to 1 (must not forget); default 0.5")
                                    .required("text").json(),
                            new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, false, true), Pack.Output.COMPUTED,
                            ToolHandler.ofCall(call -> remember(need(m), call, labels, c)))
                    .tool("memory.recall", "Recall what was remembered: search long-term memory for saved facts and"
                            + " notes by words, returning the best matches with their ids.",
                            Schema.object().string("query", "what to look for").integer("k", "how many (default 5, at"
                                    + " most 50)").strings("tags", "only memories with all these tags")
                                    .required("query").json(), ToolRisk.READ_ONLY, Pack.Output.OUTSIDE,
                            args -> recall(need(m), args))
                    .tool("memory.forget", "Forget (delete) a remembered fact or note by its id, together with any"
                            + " memories derived from it.",
                            Schema.object().string("id", "the memory's id, from memory.recall or memory.remember")
                                    .required("id").json(),
                            new ToolRisk(ToolRisk.Level.DESTRUCTIVE, false, true), Pack.Output.COMPUTED, args -> {
                                String id = Args.string(args, "id");
                                if (!need(m).forget(id)) {
                                    throw new IllegalArgumentException("argument 'id': no memory with id " + id);
                                }
                                return ToolResult.success("forgot memory " + id + " and any memories derived from it");
                            })
                    .build();
        }
    }

    private static Memory need(@Nullable Memory memory) {
        ToolHandlers.require(memory != null, "no memory is configured for these tools; the host sets one with"
                + " MemoryPack.builder().memory(memory)");
        return Objects.requireNonNull(memory);
    }

    private static ToolResult remember(Memory memory, ToolCall call, Function<ToolCall, Provenance> labels, Clock clock) {
        Map<String, Object> args = call.arguments();
        String text = Args.string(args, "text");
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("argument 'text' is " + text.length() + " characters; at most " + MAX_TEXT);
        }
        Object raw = args.get("importance");
        double importance = raw instanceof Number n ? n.doubleValue() : 0.5;
        if (!(importance >= 0 && importance <= 1)) {
            throw new IllegalArgumentException("argument 'importance' must be within 0..1, was " + importance);
        }
        List<String> tags = Args.strings(args, "tags").stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        // the same call re-sent after a crash (same idempotency key) writes the same record, not a second one
        String id = call.idempotencyKey() == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("memory.remember:" + call.idempotencyKey()).getBytes(StandardCharsets.UTF_8))
                        .toString();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("source", "tool:memory.remember");
        if (!tags.isEmpty()) {
            metadata.put("tags", String.join(",", tags));
        }
        MemoryRecord record = new MemoryRecord(id, MemoryLayer.LONG_TERM, text, clock.instant(), importance, metadata)
                .withProvenance(labels.apply(call));
        memory.remember(record);
        return ToolResult.success(Json.text(Map.of("id", id, "tags", tags)));
    }

    private static ToolResult recall(Memory memory, Map<String, Object> args) {
        String query = Args.string(args, "query");
        long k = Args.integer(args, "k", 5);
        if (k < 1 || k > 50) {
            throw new IllegalArgumentException("argument 'k' must be within 1..50");
        }
        List<String> tags = Args.strings(args, "tags");
        List<MemoryHit> hits = memory.recall(new MemoryQuery(query, (int) (tags.isEmpty() ? k : k * 5), Set.of(),
                Map.of()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (MemoryHit hit : hits) {
            MemoryRecord r = hit.record();
            List<String> has = List.of(r.metadata().getOrDefault("tags", "").split(","));
            if (!has.containsAll(tags)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("text", ToolHandlers.cut(r.text(), 2000));
            m.put("layer", r.layer().name().toLowerCase(java.util.Locale.ROOT));
            m.put("at", r.at().toString());
            if (r.metadata().containsKey("tags")) {
                m.put("tags", has);
            }
            m.put("score", Math.round(hit.score() * 1000) / 1000.0);
            m.put("label", r.provenance().summary());
            out.add(m);
            if (out.size() >= k) {
                break;
            }
        }
        return ToolResult.success(out.isEmpty() ? "no memories match '" + query + "'" : Json.text(out));
    }
}
