package dev.aios.tools;

import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.Usage;
import java.time.Duration;
import java.util.List;

/**
 * An MCP server made with {@link McpToolServer}, run as a child process by the tests: ordinary
 * tools, tools that misbehave on purpose (garbage on stdout, a hang, a crash), and an agent as a
 * tool.
 */
public final class DemoToolServer {

    /** In-process tools declared with annotations. */
    public static final class Tools {
        @ToolMethod(value = "Echoes the message back", level = ToolRisk.Level.READ_ONLY, openWorld = false)
        public String echo(@ToolParam(name = "message", value = "what to echo") String message) {
            return "Echo: " + message;
        }

        @ToolMethod(value = "Adds two integers", level = ToolRisk.Level.READ_ONLY, openWorld = false)
        public long add(@ToolParam(name = "a") long a, @ToolParam(name = "b") long b) {
            return a + b;
        }

        @ToolMethod(value = "Writes a line that is not JSON-RPC to stdout, then never answers", openWorld = false)
        public String garbage() throws InterruptedException {
            System.out.println("}}} this is not JSON-RPC {{{");
            System.out.flush();
            Thread.sleep(Duration.ofHours(1));
            return "unreachable";
        }

        @ToolMethod(value = "Exits the server process in the middle of the call", openWorld = false)
        public String crash() {
            Runtime.getRuntime().halt(3);
            return "unreachable";
        }
    }

    /** The agent offered as a tool: answers by restating the goal, and fails goals that say "fail". */
    static RunOutcome agent(Goal goal) {
        RunStatus status = goal.text().contains("fail") ? RunStatus.FAILED : RunStatus.SUCCEEDED;
        return new RunOutcome("run-" + goal.id(), goal, status, "done: " + goal.text()
                + (goal.isPrivate() ? " (private)" : ""), status == RunStatus.FAILED ? "the goal asked to fail" : "ok",
                null, List.of(), 1, Usage.NONE, Duration.ZERO, null);
    }

    /** @return the demo's in-process tools: echo, add, notes.count and the misbehaving ones */
    static McpToolRegistry registry() {
        return McpToolRegistry.builder()
                .tools(new Tools())
                .tool("notes.count", "Counts the words of a text", "{\"type\":\"object\",\"properties\":"
                        + "{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}", ToolRisk.READ_ONLY,
                        args -> ToolResult.success(String.valueOf(((String) args.get("text")).split("\\s+").length)))
                .build();
    }

    static McpToolServer server() {
        McpToolRegistry tools = registry();
        return McpToolServer.builder()
                .serverInfo("demo", "1.0")
                .tools(tools)
                .agent("run_goal", "Runs a goal to completion with an AI-OS agent", DemoToolServer::agent)
                .build();
    }

    public static void main(String[] args) throws Exception {
        server().serveStdio();
    }

    /** @return the command line that starts this server as a child process */
    static McpServerConfig stdio(String name) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return McpServerConfig.stdio(name, java, "-cp", System.getProperty("java.class.path"),
                DemoToolServer.class.getName());
    }
}
