package dev.aios.inference.local.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** The module's one JSON mapper, for the files of a model folder. */
final class ModelJson {

    /** Reads config.json, the shard index, tokenizer_config.json and generation_config.json. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Reads safetensors headers, where a tensor named twice would leave its bytes ambiguous: the
     * format forbids it, so the reader refuses it instead of keeping the last entry.
     */
    static final ObjectReader STRICT = MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ModelJson() {}
}
