package dev.aios.tools.internal;

import dev.aios.api.ToolDescriptor;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A tool the MCP registry can call: in-process, or on a server.
 *
 * @param descriptor the tool as the registry shows it
 * @param schema its input schema, compiled
 * @param inProcess the Java code, for an in-process tool; null for a server's
 * @param server the server that offers it; null for an in-process tool
 * @param remoteName its name on that server (without the {@code server.} prefix)
 * @param fingerprint what tool pinning compares; null for in-process tools, which are never pinned
 */
public record ToolEntry(ToolDescriptor descriptor, ArgumentSchema schema, @Nullable InProcessTool inProcess,
        @Nullable String server, @Nullable String remoteName, @Nullable String fingerprint) {

    /** @return the entry of an in-process tool */
    public static ToolEntry of(InProcessTool tool) {
        return new ToolEntry(tool.descriptor(), tool.schema(), tool, null, null, null);
    }

    /**
     * @return the entry of a tool that {@code server} offers as {@code remoteName}
     * @throws dev.aios.api.AiOsException if its input schema cannot be used to check arguments
     */
    static ToolEntry remote(ToolDescriptor descriptor, Map<String, Object> schema, String server, String remoteName) {
        return new ToolEntry(descriptor, ArgumentSchema.compile(descriptor.name(), schema), null, server, remoteName,
                PinStore.fingerprint(descriptor));
    }
}
