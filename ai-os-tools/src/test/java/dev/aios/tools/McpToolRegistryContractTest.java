package dev.aios.tools;

import dev.aios.api.ToolRegistry;
import dev.aios.testing.FakeTools.FakeTool;
import dev.aios.testing.ToolRegistryContract;
import java.util.List;

/** {@link McpToolRegistry} with in-process Java tools honours the {@link ToolRegistry} contract. */
class McpToolRegistryContractTest extends ToolRegistryContract {
    @Override
    protected ToolRegistry registryOf(List<FakeTool> tools) {
        McpToolRegistry.Builder builder = McpToolRegistry.builder();
        tools.forEach(tool -> builder.tool(tool.descriptor(), tool::call));
        return builder.build();
    }
}
