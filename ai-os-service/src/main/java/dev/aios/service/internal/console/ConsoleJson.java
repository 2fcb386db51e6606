package dev.aios.service.internal.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The console's one JSON mapper, for the CLI's API and for arguments shown on pages. */
final class ConsoleJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ConsoleJson() {}

    /** @return {@code value} as indented JSON; its {@code toString()} when it does not map to JSON */
    static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** @return {@code value} as compact JSON */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the console's answer as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @return the JSON object in {@code body}, or an empty map for an empty body
     * @throws IllegalArgumentException when the body is not a JSON object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(String body) {
        if (body.isBlank()) {
            return Map.of();
        }
        try {
            Object value = MAPPER.readValue(body, Object.class);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getOriginalMessage());
        }
        throw new IllegalArgumentException("the body must be a JSON object, such as {\"note\": \"...\"}");
    }
}
