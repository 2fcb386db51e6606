package dev.aios.tools.internal;

import dev.aios.api.Provenance;
import dev.aios.tools.McpElicitation;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a server's {@code elicitation/create} (form mode) through the host's
 * {@link McpElicitation}: the request labelled untrusted, the person's answer completed with the
 * schema's defaults and checked against the schema before it is sent.
 */
final class ElicitationBridge {
    private static final Logger log = LoggerFactory.getLogger(ElicitationBridge.class);

    private final McpElicitation handler;

    ElicitationBridge(McpElicitation handler) {
        this.handler = handler;
    }

    /**
     * @throws McpError (sent to the server) if the handler failed or its answer does not fit the schema
     */
    McpSchema.ElicitResult answer(String server, McpSchema.ElicitFormRequest request) {
        Map<String, Object> schema = request.requestedSchema() == null ? Map.of("type", "object")
                : request.requestedSchema();
        McpElicitation.Request seen = new McpElicitation.Request(server, request.message() == null ? ""
                : request.message(), schema, Provenance.untrusted(McpElicitation.Request.source(server)));
        McpElicitation.Answer answer;
        try {
            answer = handler.answer(seen);
        } catch (RuntimeException e) {
            log.warn("the elicitation handler failed on a request of MCP server '{}': {}", server, e.toString());
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("the user could not be asked: " + e.getMessage()).build();
        }
        if (answer == null) {
            answer = McpElicitation.Answer.cancel();
        }
        return switch (answer.action()) {
            case DECLINE -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
            case CANCEL -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.CANCEL, null);
            case ACCEPT -> {
                Map<String, Object> content = withDefaults(schema, answer.content());
                List<String> problems = ArgumentSchema.compile("the elicitation of " + server, schema).problems(content);
                if (!problems.isEmpty()) {
                    log.warn("an answer to MCP server '{}' does not fit its schema and was not sent: {}", server,
                            problems);
                    throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                            .message("the answer does not fit the requested schema: " + String.join("; ", problems))
                            .build();
                }
                yield new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, content);
            }
        };
    }

    /** @return {@code content} with each property the answer left out set to the schema's {@code default}, if any */
    static Map<String, Object> withDefaults(Map<String, Object> schema, Map<String, Object> content) {
        Map<String, Object> out = new LinkedHashMap<>(content);
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, property) -> {
                if (property instanceof Map<?, ?> p && p.containsKey("default") && !out.containsKey(name.toString())) {
                    out.put(name.toString(), p.get("default"));
                }
            });
        }
        return out;
    }
}
