package dev.aios.api.spi;

import java.util.Objects;
import dev.aios.api.Provenance;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the gate decides on: a tool call about to run, the tool, where each argument's value came
 * from, and the run.
 *
 * @param call the call, with its arguments filled in
 * @param tool what the tool is and its risk
 * @param flows the provenance of each argument value, by path: {@code to} for a top-level
 *     argument, {@code message.to} inside an object, {@code cc[1]} inside a list; one entry per
 *     string, number or boolean in the arguments (copied)
 * @param run the run the call belongs to
 */
public record GateRequest(ToolCall call, ToolDescriptor tool, Map<String, Provenance> flows, RunContext run) {

    /** Validates and copies. */
    public GateRequest {
        Objects.requireNonNull(call, "call must not be null");
        Objects.requireNonNull(tool, "tool must not be null");
        flows = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(flows, "flows must not be null")));
        Objects.requireNonNull(run, "run must not be null");
    }

    /**
     * @param path an argument path as in {@link #flows()}
     * @return its provenance; {@link Provenance#unknown()} for a path with no entry (nothing
     *     unlabelled is trusted)
     */
    public Provenance provenance(String path) {
        return flows.getOrDefault(path, Provenance.unknown());
    }

    /** @return the provenance of all the arguments together */
    public Provenance joined() {
        return Provenance.joinAll(flows.values());
    }

    /** @return the paths of the arguments that did not come from the user, with their provenance */
    public Map<String, Provenance> untrusted() {
        Map<String, Provenance> out = new LinkedHashMap<>();
        flows.forEach((path, p) -> {
            if (!p.isTrusted()) {
                out.put(path, p);
            }
        });
        return out;
    }
}
