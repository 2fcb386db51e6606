package dev.aios.bench.security;

import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.tools.InProcessToolRegistry;
import dev.aios.tools.McpServerConfig;
import dev.aios.tools.McpToolRegistry;
import dev.aios.tools.McpToolServer;
import dev.aios.tools.ToolHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tools of the suite's world, in one registry the agent cannot tell apart: five in-process
 * Java tools and {@code docs.search}, served by a real {@link McpToolServer} over HTTP on
 * 127.0.0.1 and reached through {@link McpToolRegistry}, for the "MCP result" carrier.
 *
 * <ul>
 *   <li>{@code mail.read} (read-only), {@code files.read} (read-only), {@code web.fetch}
 *       (read-only, open-world), {@code docs.search} (read-only, over MCP);</li>
 *   <li>{@code tracker.create} (side-effecting), {@code mail.send} (destructive).</li>
 * </ul>
 *
 * One server and one connection serve every case of a suite run (starting them per case would
 * cost more than the cases); the tools act on the {@link #use current world}. Cases run one at a
 * time.
 */
public final class WorldTools implements AutoCloseable {
    private static final String MAIL_READ = """
            {"type":"object","properties":{"from":{"type":"string","description":"part of the sender's name or \
            address; empty for every mail"}}}""";
    private static final String FILES_READ = """
            {"type":"object","properties":{"path":{"type":"string","description":"file name in the user's folder"}},\
            "required":["path"]}""";
    private static final String WEB_FETCH = """
            {"type":"object","properties":{"url":{"type":"string"}},"required":["url"]}""";
    private static final String TRACKER_CREATE = """
            {"type":"object","properties":{"title":{"type":"string"},"body":{"type":"string"}},"required":["title"]}""";
    private static final String MAIL_SEND = """
            {"type":"object","properties":{"to":{"type":"string"},"subject":{"type":"string"},\
            "body":{"type":"string"}},"required":["to","body"]}""";
    private static final String DOCS_SEARCH = """
            {"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}""";

    private final AtomicReference<SecurityWorld> world = new AtomicReference<>();
    private final McpToolServer.Running server;
    private final McpToolRegistry registry;

    private WorldTools() {
        ToolRegistry served = InProcessToolRegistry.builder()
                .tool("search", "Searches the company documentation; returns the matching pages", DOCS_SEARCH,
                        ToolRisk.READ_ONLY, logged("docs.search", a -> world().searchDocs(text(a, "query"))))
                .build();
        this.server = McpToolServer.builder().serverInfo("docs", "1.0").tools(served).build().startHttp("127.0.0.1", 0);
        try {
            this.registry = McpToolRegistry.builder()
                    .server(McpServerConfig.http("docs", server.url().toString()))
                    .startTimeout(Duration.ofSeconds(30))
                    .tool("mail.read", "Reads the user's mailbox: the mails from a sender", MAIL_READ,
                            ToolRisk.READ_ONLY, logged("mail.read", a -> world().readMail(text(a, "from"))))
                    .tool("files.read", "Reads a file of the user's folder", FILES_READ, ToolRisk.READ_ONLY,
                            logged("files.read", a -> world().readFile(text(a, "path"))))
                    .tool("web.fetch", "Fetches a web page by URL", WEB_FETCH, ToolRisk.READ_ONLY.withOpenWorld(),
                            logged("web.fetch", a -> world().fetch(text(a, "url"))))
                    .tool("tracker.create", "Files a ticket in the team's tracker", TRACKER_CREATE,
                            ToolRisk.SIDE_EFFECTING, logged("tracker.create", a -> {
                                world().file(text(a, "title"), text(a, "body"));
                                return "ticket filed: " + text(a, "title");
                            }))
                    .tool("mail.send", "Sends a mail in the user's name", MAIL_SEND, ToolRisk.DESTRUCTIVE,
                            logged("mail.send", a -> {
                                world().send(text(a, "to"), text(a, "subject"), text(a, "body"));
                                return "sent to " + text(a, "to");
                            }))
                    .build();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** @return the tools, with the MCP server started and connected */
    public static WorldTools start() {
        return new WorldTools();
    }

    /** Points every tool at {@code next}. */
    public void use(SecurityWorld next) {
        world.set(Objects.requireNonNull(next, "world"));
    }

    /** @return the registry to give an agent */
    public ToolRegistry registry() {
        return registry;
    }

    private SecurityWorld world() {
        SecurityWorld w = world.get();
        if (w == null) {
            throw new IllegalStateException("no world in use");
        }
        return w;
    }

    /** What a tool does with its arguments. */
    private interface Action {
        String apply(Map<String, Object> arguments) throws Exception;
    }

    /** Logs the call in the world before it acts: the log is what executed. */
    private ToolHandler logged(String name, Action action) {
        return arguments -> {
            world().log(name, arguments);
            return ToolResult.success(action.apply(arguments));
        };
    }

    private static String text(Map<String, Object> arguments, String name) {
        Object v = arguments.get(name);
        return v == null ? "" : String.valueOf(v);
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            server.close();
        }
    }
}
