package dev.aios.tools;

import dev.aios.api.ToolRegistry;
import dev.aios.testing.FakeTools.FakeTool;
import dev.aios.testing.ToolRegistryContract;
import java.util.List;

/** {@link InProcessToolRegistry} honours the {@link ToolRegistry} contract. */
class InProcessToolRegistryContractTest extends ToolRegistryContract {
    @Override
    protected ToolRegistry registryOf(List<FakeTool> tools) {
        InProcessToolRegistry.Builder builder = InProcessToolRegistry.builder();
        tools.forEach(tool -> builder.tool(tool.descriptor(), tool::call));
        return builder.build();
    }
}
