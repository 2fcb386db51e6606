package dev.aios.tools.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.AiOsException;
import dev.aios.tools.McpServerConfig;
import dev.aios.tools.McpServerConfig.Transport;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the {@code mcpServers} JSON that Claude Desktop and other MCP hosts use. */
public final class ServersJson {
    private static final Logger log = LoggerFactory.getLogger(ServersJson.class);
    /** Fields other hosts write that this registry reads past: said once, not an error, so pasted configs load. */
    private static final Set<String> IGNORED = Set.of("description", "cwd", "timeout", "alwaysAllow", "autoApprove");
    private static final Set<String> FIELDS = Set.of("command", "args", "env", "url", "headers", "type", "transport",
            "disabled", "idempotencyKeys", "description", "cwd", "timeout", "alwaysAllow", "autoApprove");

    /** Rejects keys given twice and deep nesting; limits in {@link McpServerConfig}. */
    private static final ObjectMapper MAPPER = JsonCodec.strictMapper(McpServerConfig.MAX_JSON_DEPTH);

    private ServersJson() {}

    /**
     * @return the servers, in the order written; skips entries with {@code "disabled": true}
     * @throws NullPointerException if {@code json} is null
     * @throws AiOsException if the text is over {@link McpServerConfig#MAX_JSON_CHARS}, nests deeper
     *     than {@link McpServerConfig#MAX_JSON_DEPTH}, has a key twice in one object, or is otherwise
     *     not a valid config; the message says which
     */
    public static List<McpServerConfig> parse(String json) {
        Objects.requireNonNull(json, "json (the MCP servers config text) must not be null");
        if (json.length() > McpServerConfig.MAX_JSON_CHARS) {
            // Checked before parsing, so a huge document costs nothing but this comparison.
            throw AiOsException.permanent("the MCP servers config is " + json.length() + " characters long; the limit "
                    + "is " + McpServerConfig.MAX_JSON_CHARS + " (4 MiB); a list of servers is far smaller, so check "
                    + "that this is the right file");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            // Jackson gives no location for a broken limit; the only limit set here is the depth.
            throw AiOsException.permanent("the MCP servers config nests objects and arrays deeper than "
                    + McpServerConfig.MAX_JSON_DEPTH + " levels (the limit); a list of servers needs only a few", e);
        } catch (JsonProcessingException e) {
            String duplicate = duplicateKey(e);
            if (duplicate != null) {
                throw AiOsException.permanent(duplicate + where(e), e);
            }
            throw AiOsException.permanent("the MCP servers config is not valid JSON: " + e.getOriginalMessage()
                    + where(e), e);
        }
        if (root == null || !root.isObject()) {
            throw AiOsException.permanent("the MCP servers config must be a JSON object like {\"mcpServers\": {...}}");
        }
        JsonNode servers = root.has("mcpServers") ? root.get("mcpServers") : root.has("servers") ? root.get("servers") : root;
        if (!servers.isObject()) {
            throw AiOsException.permanent("\"mcpServers\" must be an object that maps server names to their settings");
        }
        List<McpServerConfig> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : servers.properties()) {
            String name = entry.getKey();
            JsonNode node = entry.getValue();
            if (!node.isObject()) {
                throw AiOsException.permanent("MCP server '" + name + "' must be an object with a command or a url");
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!FIELDS.contains(field.getKey())) {
                    throw AiOsException.permanent("MCP server '" + name + "' has an unknown field '" + field.getKey()
                            + "'; known fields: command, args, env, url, headers, type, idempotencyKeys");
                }
            }
            if (node.path("disabled").asBoolean(false)) {
                continue;
            }
            for (String ignored : IGNORED) {
                if (node.has(ignored)) {
                    log.warn("MCP server '{}': field '{}' is not supported here and is ignored", name, ignored);
                }
            }
            result.add(server(name, node));
        }
        return List.copyOf(result);
    }

    /**
     * @return what to say about a key given twice, naming the server when the key is a server
     *     name; null if {@code e} is about something else
     */
    private static @Nullable String duplicateKey(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")
                || !(e.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        JsonStreamContext object = parser.getParsingContext();
        String key = object.getCurrentName();
        JsonStreamContext parent = object.getParent();
        String container = parent == null || parent.inRoot() ? null : parent.getCurrentName();
        if ("mcpServers".equals(container) || "servers".equals(container)) {
            return "MCP server '" + key + "' is defined twice in \"" + container + "\"; keep one (names must be unique)";
        }
        String at = object.inRoot() || object.getParent() == null || object.getParent().inRoot()
                ? "at the top level" : "in " + parent.pathAsPointer();
        return "the MCP servers config has the key '" + key + "' twice " + at + "; keep one (keys must be unique)";
    }

    /** @return " (line L, column C)", or nothing when Jackson knows no location (a broken limit, say) */
    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static McpServerConfig server(String name, JsonNode node) {
        String type = text(node, "type", name);
        if (type == null) {
            type = text(node, "transport", name);
        }
        String command = text(node, "command", name);
        String url = text(node, "url", name);
        if (command != null && url != null) {
            throw AiOsException.permanent("MCP server '" + name + "' has both a command and a url; keep one");
        }
        Transport transport;
        if (type == null) {
            if (command == null && url == null) {
                throw AiOsException.permanent("MCP server '" + name + "' needs a \"command\" (stdio) or a \"url\" (HTTP)");
            }
            transport = command != null ? Transport.STDIO : Transport.STREAMABLE_HTTP;
        } else {
            transport = switch (type.toLowerCase(Locale.ROOT)) {
                case "stdio" -> Transport.STDIO;
                case "http", "streamable-http", "streamablehttp", "streamable_http" -> Transport.STREAMABLE_HTTP;
                case "sse" -> Transport.SSE;
                default -> throw AiOsException.permanent("MCP server '" + name + "' has type '" + type
                        + "'; use stdio, http (Streamable HTTP) or sse");
            };
        }
        List<String> args = new ArrayList<>();
        JsonNode argsNode = node.get("args");
        if (argsNode != null && !argsNode.isNull()) {
            if (!argsNode.isArray()) {
                throw AiOsException.permanent("\"args\" of MCP server '" + name + "' must be an array of strings");
            }
            for (JsonNode arg : argsNode) {
                if (!arg.isValueNode()) {
                    throw AiOsException.permanent("\"args\" of MCP server '" + name + "' must hold strings only");
                }
                args.add(arg.asText());
            }
        }
        return new McpServerConfig(name, transport, command, args, stringMap(node, "env", name),
                url == null ? null : uri(name, url), stringMap(node, "headers", name), idempotencyKeys(node, name));
    }

    /** @return {@code "idempotencyKeys"}: {@code true} as {@link McpServerConfig#ALL_TOOLS}, or a list of tool names */
    private static Set<String> idempotencyKeys(JsonNode node, String name) {
        JsonNode value = node.get("idempotencyKeys");
        if (value == null || value.isNull() || (value.isBoolean() && !value.asBoolean())) {
            return Set.of();
        }
        if (value.isBoolean()) {
            return Set.of(McpServerConfig.ALL_TOOLS);
        }
        if (!value.isArray()) {
            throw AiOsException.permanent("\"idempotencyKeys\" of MCP server '" + name + "' must be true (every tool) "
                    + "or an array of the names of its tools that honour idempotency keys");
        }
        Set<String> tools = new LinkedHashSet<>();
        for (JsonNode tool : value) {
            if (!tool.isTextual()) {
                throw AiOsException.permanent("\"idempotencyKeys\" of MCP server '" + name + "' must hold tool names "
                        + "(strings) only, found " + tool);
            }
            if (!tools.add(tool.asText())) {
                throw AiOsException.permanent("\"idempotencyKeys\" of MCP server '" + name + "' names the tool '"
                        + tool.asText() + "' twice; keep one");
            }
        }
        return tools;
    }

    private static URI uri(String name, String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw AiOsException.permanent("MCP server '" + name + "' has a malformed url '" + url + "'", e);
        }
    }

    private static String text(JsonNode node, String field, String name) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw AiOsException.permanent("\"" + field + "\" of MCP server '" + name + "' must be a string");
        }
        return value.asText();
    }

    private static Map<String, String> stringMap(JsonNode node, String field, String name) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            throw AiOsException.permanent("\"" + field + "\" of MCP server '" + name + "' must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw AiOsException.permanent("\"" + field + "\"." + e.getKey() + " of MCP server '" + name
                        + "' must be a string");
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }
}
