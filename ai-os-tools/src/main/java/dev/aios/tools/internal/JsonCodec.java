package dev.aios.tools.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aios.api.AiOsException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The module's one configured Jackson mapper and the reads and writes it does: tool input schemas,
 * arguments and results, the pin file and the {@code mcpServers} configuration. The MCP SDK
 * keeps its own mapper for the protocol.
 */
public final class JsonCodec {
    /** Shared, thread-safe; map keys sorted so the same value always prints the same text. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private JsonCodec() {}

    /**
     * A mapper for configuration that people paste or other programs write: a key given twice in
     * one object is an error (a lenient reader silently keeps the last, so one of two entries
     * would vanish unnoticed), and so is JSON nested deeper than {@code maxDepth}.
     *
     * @param maxDepth the deepest nesting of objects and arrays accepted
     * @return a new, thread-safe mapper; keep it
     */
    public static ObjectMapper strictMapper(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new ObjectMapper(factory);
    }

    /** @return {@code value} as JSON text */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw AiOsException.permanent("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param what what the text is, for the error message
     * @return the JSON object in {@code text} as a map
     */
    public static Map<String, Object> readObject(String text, String what) {
        try {
            Map<String, Object> map = MAPPER.readValue(text, MAP);
            if (map == null) {
                throw AiOsException.permanent(what + " must be a JSON object, was null");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw AiOsException.permanent(what + " is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
