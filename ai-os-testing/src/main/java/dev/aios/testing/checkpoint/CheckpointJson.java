package dev.aios.testing.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON mapper of the checkpoint writer. */
final class CheckpointJson {

    /** Indented, as Hugging Face's own files are, so a written folder reads like a downloaded one. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Safetensors headers are one line: their length is part of the file format. */
    static final ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private CheckpointJson() {}
}
