package dev.aios.tools;

import dev.aios.api.AiOsException;
import dev.aios.tools.internal.ServersJson;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one MCP server: a command the registry starts and supervises (stdio), or a URL
 * (Streamable HTTP, or legacy SSE). The same fields as an entry of the {@code mcpServers} JSON
 * that Claude Desktop and other MCP hosts use, so a pasted config works as is:
 * {@snippet :
 * List<McpServerConfig> servers = McpServerConfig.parse("""
 *     {"mcpServers": {
 *       "files":  {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/me/notes"]},
 *       "remote": {"url": "https://example.com/mcp", "headers": {"Authorization": "Bearer ..."}}
 *     }}""");
 * }
 *
 * <p>A stdio server gets only the environment variables in {@link #env()}, plus the few the MCP
 * SDK passes so that a command can start at all ({@code PATH}, {@code HOME}, {@code USER},
 * {@code LOGNAME}, {@code SHELL}, {@code TERM}; on Windows {@code PATH}, {@code SYSTEMROOT},
 * {@code TEMP} and the like), never the rest of the host's environment.
 *
 * <p>The server's tools named in {@link #idempotencyKeys()} honour idempotency keys: their
 * descriptors' risk {@linkplain dev.aios.api.ToolRisk#acceptsIdempotencyKey() says so}, so a
 * durable run sends a call whose outcome a crash left unknown again, with the same key, instead
 * of asking a person. Every call that has a key sends it in the request's {@code _meta} under
 * {@value dev.aios.api.ToolCall#IDEMPOTENCY_KEY_META}, to any tool; the list only says which
 * tools do the effect once per key. Declare only tools that really do. In the JSON:
 * {@code "idempotencyKeys": ["create_issue", "add_comment"]}, or {@code true} for every tool of
 * the server.
 *
 * @param name the server's name; its tools are registered as {@code name.tool}, so it may hold
 *     only letters, digits, {@code _} and {@code -}
 * @param transport how to talk to it
 * @param command the program to start (stdio only), such as {@code node} or {@code npx}
 * @param args its arguments (stdio only; copied)
 * @param env environment variables for the process (stdio only; copied)
 * @param url the endpoint (HTTP and SSE only), such as {@code http://localhost:3001/mcp}
 * @param headers HTTP headers sent with every request, such as {@code Authorization} (copied;
 *     their values are never logged)
 * @param idempotencyKeys the names of the server's tools (as the server names them, without the
 *     {@code name.} prefix) that honour idempotency keys, or just {@link #ALL_TOOLS}; empty for
 *     none (copied). A name the server does not offer is logged as a warning when its tools are
 *     listed.
 */
public record McpServerConfig(
        String name,
        Transport transport,
        @Nullable String command,
        List<String> args,
        Map<String, String> env,
        @Nullable URI url,
        Map<String, String> headers,
        Set<String> idempotencyKeys) {

    /**
     * In {@link #idempotencyKeys()}, alone: every tool of the server honours idempotency keys
     * ({@code "idempotencyKeys": true} in the JSON). No MCP tool can have this name.
     */
    public static final String ALL_TOOLS = "*";

    /**
     * The longest {@code mcpServers} JSON that {@link #parse(String)} reads: 4 MiB (4,194,304
     * characters of text, or bytes of a file). Real configs are a few kilobytes; the limit keeps
     * a wrong or hostile file from costing memory and time.
     */
    public static final int MAX_JSON_CHARS = 4 * 1024 * 1024;

    /**
     * The deepest nesting of objects and arrays that {@link #parse(String)} accepts: 64. A config
     * needs about four ({@code mcpServers} → server → {@code env} → value); the limit stops
     * pathological nesting before it costs stack.
     */
    public static final int MAX_JSON_DEPTH = 64;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** How the registry talks to a server. */
    public enum Transport {
        /** A local process, JSON-RPC over its standard input and output. */
        STDIO,
        /** MCP Streamable HTTP (the current remote transport). */
        STREAMABLE_HTTP,
        /** The legacy HTTP+SSE transport of MCP 2024-11-05. */
        SSE
    }

    /** Validates and copies. */
    public McpServerConfig {
        Objects.requireNonNull(name, "server name");
        if (!NAME.matcher(name).matches()) {
            throw AiOsException.permanent("MCP server name '" + name + "' may hold only letters, digits, '_' and '-' "
                    + "(its tools are named '<server>.<tool>'); rename it");
        }
        Objects.requireNonNull(transport, "transport of MCP server " + name);
        args = List.copyOf(Objects.requireNonNull(args, "args of MCP server " + name));
        env = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(env, "env of MCP server " + name)));
        headers = Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(headers, "headers of MCP server " + name)));
        idempotencyKeys = toolNames(name, Objects.requireNonNull(idempotencyKeys, "idempotencyKeys of MCP server " + name));
        if (transport == Transport.STDIO) {
            if (command == null || command.isBlank()) {
                throw AiOsException.permanent("MCP server '" + name + "' uses stdio but has no command; give the program "
                        + "to start, such as \"command\": \"npx\"");
            }
        } else {
            if (url == null) {
                throw AiOsException.permanent("MCP server '" + name + "' uses " + transport + " but has no url; give one, "
                        + "such as \"url\": \"http://localhost:3001/mcp\"");
            }
            String scheme = url.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw AiOsException.permanent("MCP server '" + name + "' has url '" + url + "'; only http and https URLs "
                        + "are supported");
            }
        }
    }

    /**
     * A server none of whose tools is declared to honour idempotency keys; the form of the fields
     * before {@link #idempotencyKeys()}.
     */
    public McpServerConfig(String name, Transport transport, @Nullable String command, List<String> args,
            Map<String, String> env, @Nullable URI url, Map<String, String> headers) {
        this(name, transport, command, args, env, url, headers, Set.of());
    }

    /**
     * @return a server the registry starts as {@code command args...} and talks to over stdio
     */
    public static McpServerConfig stdio(String name, String command, String... args) {
        return new McpServerConfig(name, Transport.STDIO, command, List.of(args), Map.of(), null, Map.of());
    }

    /** @return a Streamable HTTP server at {@code url} */
    public static McpServerConfig http(String name, String url) {
        return new McpServerConfig(name, Transport.STREAMABLE_HTTP, null, List.of(), Map.of(), parseUrl(name, url),
                Map.of());
    }

    /** @return a legacy HTTP+SSE server whose SSE endpoint is {@code url} */
    public static McpServerConfig sse(String name, String url) {
        return new McpServerConfig(name, Transport.SSE, null, List.of(), Map.of(), parseUrl(name, url), Map.of());
    }

    /** @return a copy whose process also gets the environment variable {@code key} */
    public McpServerConfig withEnv(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(Objects.requireNonNull(key, "env key"), Objects.requireNonNull(value, "env value of " + key));
        return new McpServerConfig(name, transport, command, args, copy, url, headers, idempotencyKeys);
    }

    /** @return a copy that sends the HTTP header {@code key} with every request */
    public McpServerConfig withHeader(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(Objects.requireNonNull(key, "header name"), Objects.requireNonNull(value, "value of header " + key));
        return new McpServerConfig(name, transport, command, args, env, url, copy, idempotencyKeys);
    }

    /**
     * @param tools names of the server's tools, as the server names them, that do their effect
     *     once per idempotency key; {@link #ALL_TOOLS} for every tool
     * @return a copy that declares those tools, too, as honouring idempotency keys
     * @throws AiOsException if a name is blank, or {@link #ALL_TOOLS} would stand beside names
     */
    public McpServerConfig withIdempotencyKeys(String... tools) {
        Set<String> copy = new LinkedHashSet<>(idempotencyKeys);
        for (String tool : Objects.requireNonNull(tools, "tools")) {
            copy.add(Objects.requireNonNull(tool, "tool name"));
        }
        return new McpServerConfig(name, transport, command, args, env, url, headers, copy);
    }

    /**
     * @param tool the tool's name on the server (without the {@code name.} prefix)
     * @return whether {@link #idempotencyKeys()} declares that it honours idempotency keys
     */
    public boolean acceptsIdempotencyKey(String tool) {
        return idempotencyKeys.contains(ALL_TOOLS) || idempotencyKeys.contains(tool);
    }

    /**
     * Reads servers from JSON in the {@code mcpServers} form: an object whose {@code mcpServers}
     * member maps names to {@code {command, args, env}} (stdio) or {@code {url, headers, type}}
     * (HTTP; {@code "type": "sse"} for legacy SSE). A bare map of names is accepted too. Any
     * entry may add {@code "idempotencyKeys"}: a list of its tool names, or {@code true} for all
     * ({@link #idempotencyKeys()}).
     *
     * <p>The text may be at most {@link #MAX_JSON_CHARS} long and nest at most
     * {@link #MAX_JSON_DEPTH} deep. A key given twice in one object (two servers of the same
     * name, or a field twice in one entry) is an error, not "the last one wins".
     *
     * @param json the config text
     * @return the servers, in the order written
     * @throws NullPointerException if {@code json} is null
     * @throws AiOsException if the JSON is malformed, too long, too deep, has a duplicate key, or an
     *     entry is incomplete; the message names the limit, the key, or the entry and the field
     */
    public static List<McpServerConfig> parse(String json) {
        return ServersJson.parse(json);
    }

    /**
     * Reads servers from a JSON file in the {@code mcpServers} form ({@link #parse(String)}, with
     * the same limits).
     *
     * @param file the config file
     * @return the servers, in the order written
     * @throws NullPointerException if {@code file} is null
     * @throws AiOsException if the file cannot be read, is larger than {@link #MAX_JSON_CHARS}
     *     bytes, or is not valid
     */
    public static List<McpServerConfig> parse(Path file) {
        Objects.requireNonNull(file, "file (the MCP servers config file) must not be null");
        String json;
        try {
            // Checked before reading, so a huge file is never loaded into memory.
            long size = Files.size(file);
            if (size > MAX_JSON_CHARS) {
                throw AiOsException.permanent("the MCP servers file " + file + " is " + size + " bytes; the limit is "
                        + MAX_JSON_CHARS + " (4 MiB); a list of servers is far smaller, so check that this is the "
                        + "right file");
            }
            json = Files.readString(file);
        } catch (IOException e) {
            throw AiOsException.permanent("cannot read the MCP servers file " + file + ": " + e.getMessage()
                    + "; check that it exists and is readable", e);
        }
        try {
            return parse(json);
        } catch (AiOsException e) {
            throw AiOsException.permanent(file + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> toolNames(String server, Set<String> names) {
        Set<String> copy = new LinkedHashSet<>();
        for (String tool : names) {
            if (tool == null || tool.isBlank()) {
                throw AiOsException.permanent("\"idempotencyKeys\" of MCP server '" + server + "' holds a blank or null "
                        + "tool name; give the names of its tools, as the server names them");
            }
            if (!tool.equals(tool.strip())) {
                throw AiOsException.permanent("\"idempotencyKeys\" of MCP server '" + server + "' holds the tool name '"
                        + tool + "' with spaces around it; no tool is named so");
            }
            copy.add(tool);
        }
        if (copy.contains(ALL_TOOLS) && copy.size() > 1) {
            copy.remove(ALL_TOOLS);
            throw AiOsException.permanent("\"idempotencyKeys\" of MCP server '" + server + "' says both every tool ("
                    + ALL_TOOLS + ", true) and " + copy + "; keep one");
        }
        return Collections.unmodifiableSet(copy);
    }

    private static URI parseUrl(String name, String url) {
        try {
            return URI.create(Objects.requireNonNull(url, "url of MCP server " + name));
        } catch (IllegalArgumentException e) {
            throw AiOsException.permanent("MCP server '" + name + "' has a malformed url '" + url + "': " + e.getMessage(), e);
        }
    }

    /** Hides header values and env values: they often hold secrets. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(name);
        parts.add(transport.name());
        if (command != null) {
            parts.add("command=" + command + " " + String.join(" ", args));
        }
        if (!env.isEmpty()) {
            parts.add("env=" + env.keySet());
        }
        if (url != null) {
            parts.add("url=" + url);
        }
        if (!headers.isEmpty()) {
            parts.add("headers=" + headers.keySet());
        }
        if (!idempotencyKeys.isEmpty()) {
            parts.add("idempotencyKeys=" + idempotencyKeys);
        }
        return "McpServerConfig[" + String.join(", ", parts) + "]";
    }
}
