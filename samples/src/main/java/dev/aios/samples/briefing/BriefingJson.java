package dev.aios.samples.briefing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** The briefing's one configured JSON mapper: every class of the package reads and writes through it. */
final class BriefingJson {
    /** Reads JSON; configured once so every file the briefing reads is parsed by the same rules. */
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Writes the world's JSON files indented, as a person would read them. */
    static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private BriefingJson() {}
}
