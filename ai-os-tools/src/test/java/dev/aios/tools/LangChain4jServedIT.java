package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpBlobResourceContents;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.McpGetPromptResult;
import dev.langchain4j.mcp.client.McpImageContent;
import dev.langchain4j.mcp.client.McpPrompt;
import dev.langchain4j.mcp.client.McpResource;
import dev.langchain4j.mcp.client.McpResourceTemplate;
import dev.langchain4j.mcp.client.McpTextContent;
import dev.langchain4j.mcp.client.McpTextResourceContents;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.service.tool.ToolExecutionResult;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LangChain4j's MCP client uses our served tools (image and structured results), resources, templates and prompts. */
class LangChain4jServedIT {

    @Test
    @SuppressWarnings("try") // McpClient.close() declares Exception
    void langChain4jClientUsesServedToolsResourcesAndPrompts() throws Exception {
        ServedFixture fixture = new ServedFixture();
        try (McpToolServer.Running running = fixture.server.startHttp("127.0.0.1", 0);
                McpClient client = new DefaultMcpClient.Builder()
                        .transport(new StreamableHttpMcpTransport.Builder().url(running.url().toString()).build())
                        .toolExecutionTimeout(Duration.ofSeconds(20))
                        .build()) {
            assertThat(client.listTools()).extracting(ToolSpecification::name).contains("chart", "media", "echo");
            ToolExecutionResult chart = client.executeTool(ToolExecutionRequest.builder().id("1").name("chart")
                    .arguments("{\"values\":[1,4]}").build());
            assertThat(chart.isError()).isFalse();
            assertThat(chart.resultText()).contains("4");

            assertThat(client.listResources()).extracting(McpResource::uri).containsExactly("notes://today", "images://logo");
            assertThat(((McpTextResourceContents) client.readResource("notes://today").contents().get(0)).text())
                    .isEqualTo("buy milk");
            assertThat(Base64.getDecoder().decode(((McpBlobResourceContents) client.readResource("images://logo")
                    .contents().get(0)).blob())).isEqualTo(ServedFixture.PNG);
            assertThat(client.listResourceTemplates()).extracting(McpResourceTemplate::uriTemplate)
                    .containsExactly("notes://day/{day}");
            assertThat(((McpTextResourceContents) client.readResource("notes://day/friday").contents().get(0)).text())
                    .isEqualTo("notes of friday");

            assertThat(client.listPrompts()).extracting(McpPrompt::name).containsExactly("review");
            McpGetPromptResult prompt = client.getPrompt("review", Map.of("path", "App.java"));
            assertThat(((McpTextContent) prompt.messages().get(0).content()).text()).isEqualTo("Review App.java");
            assertThat(((McpImageContent) prompt.messages().get(2).content()).mimeType()).isEqualTo("image/png");
            // Not tested with this client: resources/updated (1.18.1-beta28 opens no listening GET stream
            // unless subsidiaryChannel(true), and with it did not finish initialize against our server) and
            // requests from the server (it did not answer roots/list over stdio nor HTTP within 10 s).
            // ServedFeaturesIT and TypeScriptClientIT cover those with the MCP SDK clients.
        }
    }
}
