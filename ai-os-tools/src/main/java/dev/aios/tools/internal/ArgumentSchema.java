package dev.aios.tools.internal;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.aios.api.AiOsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One tool's input schema, compiled once, that checks a call's arguments and says in words which
 * argument is wrong and how ("missing required argument 'path'", "argument 'mode': does not have a
 * value in the enumeration [...]"). Built on networknt's json-schema-validator, the validator the
 * MCP SDK itself uses; JSON Schema 2020-12 unless the schema names another dialect in
 * {@code $schema}. A {@code $ref} to a remote document is never fetched: a tool's schema (which an
 * MCP server writes) must not make this process open URLs. Immutable and thread-safe.
 */
public final class ArgumentSchema {
    /** Shared: compiled schemas hold no per-call state. English messages whatever the host's locale. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().locale(Locale.ENGLISH).build())
                    .schemaLoader(loader -> loader.fetchRemoteResources(false))
                    // Each tool's schema is compiled once and kept by its caller; a registry-wide cache
                    // keyed by $id would let two tools' schemas with the same $id stand in for each other.
                    .schemaCacheEnabled(false));

    private final String tool;
    /** Null for a schema that takes any object: nothing to check, and no validator cost per call. */
    private final @Nullable Schema schema;

    private ArgumentSchema(String tool, @Nullable Schema schema) {
        this.tool = tool;
        this.schema = schema;
    }

    /**
     * @param tool the tool's name, for messages
     * @param inputSchema the tool's input schema, parsed
     * @return the compiled schema
     * @throws AiOsException if the schema is not a JSON Schema the validator can use (an unknown
     *     dialect, a {@code $ref} it cannot resolve, a malformed keyword); the message names the tool
     */
    public static ArgumentSchema compile(String tool, Map<String, Object> inputSchema) {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(inputSchema, "input schema of tool " + tool);
        if (acceptsAnyObject(inputSchema)) {
            return new ArgumentSchema(tool, null);
        }
        try {
            Schema compiled = REGISTRY.getSchema(JsonCodec.write(inputSchema), InputFormat.JSON);
            // Resolves every $ref now, so a schema that cannot be used fails here, not on some later call.
            compiled.initializeValidators();
            return new ArgumentSchema(tool, compiled);
        } catch (RuntimeException e) {
            throw AiOsException.permanent("the input schema of tool " + tool + " cannot be used to check arguments: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * @param arguments a call's arguments
     * @return what is wrong with them, one phrase per problem, each naming the argument; empty if
     *     they fit
     */
    public List<String> problems(Map<String, Object> arguments) {
        if (schema == null) {
            return List.of();
        }
        List<Error> errors;
        try {
            // The arguments as a tree directly: writing them as JSON text for the validator to parse
            // again cost more than the validation itself on a small call.
            JsonNode tree = ArgumentTree.of(arguments);
            errors = tree != null ? schema.validate(tree) : schema.validate(JsonCodec.write(arguments), InputFormat.JSON);
        } catch (RuntimeException e) {
            // Arguments the validator cannot even read are not arguments that fit.
            return List.of("the arguments cannot be checked: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        List<String> problems = new ArrayList<>(errors.size());
        for (Error error : errors) {
            problems.add(describe(error));
        }
        return List.copyOf(problems);
    }

    /** @return the tool whose schema this is */
    public String tool() {
        return tool;
    }

    /** {@code {"type":"object"}}, optionally with no properties: the schema of a tool that takes anything. */
    private static boolean acceptsAnyObject(Map<String, Object> schema) {
        for (Map.Entry<String, Object> keyword : schema.entrySet()) {
            boolean harmless = switch (keyword.getKey()) {
                case "type" -> "object".equals(keyword.getValue());
                case "properties" -> keyword.getValue() instanceof Map<?, ?> properties && properties.isEmpty();
                case "description", "title" -> true;
                default -> false;
            };
            if (!harmless) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Error error) {
        String at = path(error.getInstanceLocation());
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        String property = error.getProperty();
        if ("required".equals(keyword) && property != null) {
            return "missing required argument '" + join(at, property) + "'";
        }
        if (("additionalProperties".equals(keyword) || "unevaluatedProperties".equals(keyword)) && property != null) {
            return "unknown argument '" + join(at, property) + "': the schema allows no arguments but those it lists";
        }
        String message = error.getMessage();
        return (at.isEmpty() ? "arguments" : "argument '" + at + "'") + ": " + message;
    }

    /** @return the location as an argument path, {@code task.labels[0]}; empty for the arguments object itself */
    private static String path(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        return path.toString();
    }

    private static String join(String at, String property) {
        return at.isEmpty() ? property : at + "." + property;
    }
}
