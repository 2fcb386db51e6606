package dev.aios.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The runtime's one configured {@link ObjectMapper}: plans, skills and tool-call keys all read and
 * write JSON through it, so a setting changed here changes it everywhere at once. Jackson's
 * defaults are kept on purpose: plans written by {@link PlanJson#write} keep the order a brain
 * gave their arguments in.
 */
final class RuntimeJson {
    /** The mapper; thread-safe once configured, as Jackson's mappers are. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Writes map entries sorted by key, so that two equal argument maps written in different
     * orders give the same text: the key under which a run remembers a succeeded tool call.
     */
    private static final ObjectWriter CANONICAL = MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RuntimeJson() {}

    /** @return {@code value} as JSON with every map's entries sorted by key */
    static String canonical(Object value) throws JsonProcessingException {
        return CANONICAL.writeValueAsString(value);
    }
}
