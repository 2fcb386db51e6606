package dev.aios.tools;

import dev.aios.api.ToolRegistry;
import dev.aios.testing.FakeTools.FakeTool;
import dev.aios.testing.ToolRegistryContract;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link McpToolRegistry} honours the {@link ToolRegistry} contract for tools on an MCP server:
 * the fakes are served by our own {@link McpToolServer} over Streamable HTTP in this JVM (cheap,
 * and their calls stay observable), so every call crosses the real protocol.
 */
class McpServerBackedContractTest extends ToolRegistryContract {
    private static final String SERVER = "fake";
    private McpToolServer.Running server;

    @Override
    protected ToolRegistry registryOf(List<FakeTool> tools) {
        InProcessToolRegistry.Builder served = InProcessToolRegistry.builder();
        tools.forEach(tool -> served.tool(tool.descriptor(), tool::call));
        server = McpToolServer.builder().tools(served.build()).build().startHttp("127.0.0.1", 0);
        return McpToolRegistry.builder().server(McpServerConfig.http(SERVER, server.url().toString())).build();
    }

    @Override
    protected String nameOf(FakeTool tool) {
        return SERVER + "." + tool.name();
    }

    @AfterEach
    void stopServer() throws Exception {
        // The registry's sessions end first, while the server can still answer their goodbye.
        ((McpToolRegistry) registry()).close();
        if (server != null) {
            server.close();
        }
    }
}
