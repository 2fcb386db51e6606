package dev.aios.toolpacks;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Joins tool packs (and any other registries) into one {@link ToolRegistry}, for a host that
 * wants several packs behind one registry:
 * {@snippet :
 * ToolRegistry tools = ToolPacks.join(
 *         FilesPack.builder().root(Path.of("work")).build(),
 *         TimePack.builder().build());
 * }
 */
public final class ToolPacks {
    private ToolPacks() {}

    /**
     * @param registries the packs, in the order their tools should be listed
     * @return one registry with every tool of every pack
     * @throws IllegalArgumentException if two registries offer a tool of the same name
     */
    public static ToolRegistry join(ToolRegistry... registries) {
        return join(List.of(registries));
    }

    /** @see #join(ToolRegistry...) */
    public static ToolRegistry join(List<? extends ToolRegistry> registries) {
        Map<String, ToolRegistry> owners = new LinkedHashMap<>();
        List<ToolDescriptor> tools = new ArrayList<>();
        for (ToolRegistry registry : registries) {
            for (ToolDescriptor tool : registry.tools()) {
                if (owners.putIfAbsent(tool.name(), registry) != null) {
                    throw new IllegalArgumentException("two tool packs offer a tool named '" + tool.name() + "'");
                }
                tools.add(tool);
            }
        }
        List<ToolDescriptor> listed = List.copyOf(tools);
        return new ToolRegistry() {
            @Override
            public List<ToolDescriptor> tools() {
                return listed;
            }

            @Override
            public Optional<ToolDescriptor> find(String name) {
                ToolRegistry owner = owners.get(name);
                return owner == null ? Optional.empty() : owner.find(name);
            }

            @Override
            public ToolResult call(ToolCall call) {
                ToolRegistry owner = owners.get(call.tool());
                if (owner == null) {
                    throw AiOsException.permanent("no tool named '" + call.tool() + "' in these tool packs ("
                            + owners.size() + " tools)");
                }
                return owner.call(call);
            }
        };
    }
}
