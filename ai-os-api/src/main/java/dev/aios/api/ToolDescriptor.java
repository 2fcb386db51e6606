package dev.aios.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent knows about one tool: its registry-wide name, what it does, the JSON Schema of
 * its arguments, its {@link ToolRisk}, and optionally a few requests in a user's words that it
 * serves. MCP tools and in-process Java tools look the same through this record.
 *
 * @param name unique name in the registry, such as {@code files.read} or {@code github.create_issue}
 * @param description what the tool does, for the planner
 * @param inputSchema the JSON Schema (as JSON text) of the arguments object
 * @param risk what calling it may do, for the gate
 * @param examples requests a user might make that this tool serves, as users phrase them ("whats
 *     in todo.txt", "wipe the trash"); only {@link ToolRegistry#search} reads them, to find the
 *     tool for a request worded unlike its description. Empty when none are known; never shown to
 *     the planner.
 */
public record ToolDescriptor(String name, String description, String inputSchema, ToolRisk risk, List<String> examples) {

    /** The schema of a tool that takes no arguments. */
    public static final String NO_ARGUMENTS = "{\"type\":\"object\",\"properties\":{}}";

    /** Validates, and copies the examples. */
    public ToolDescriptor {
        Checks.notBlank(name, "tool name");
        Checks.notNull(description, "tool description of " + name);
        Checks.notBlank(inputSchema, "input schema of tool " + name);
        Checks.notNull(risk, "risk of tool " + name);
        Checks.notNull(examples, "examples of tool " + name);
        for (String example : examples) {
            Checks.notBlank(example, "an example request of tool " + name);
        }
        examples = List.copyOf(examples);
    }

    /** A tool with no example requests. */
    public ToolDescriptor(String name, String description, String inputSchema, ToolRisk risk) {
        this(name, description, inputSchema, risk, List.of());
    }

    /** @return this tool with {@code examples} in place of its example requests */
    public ToolDescriptor withExamples(List<String> examples) {
        return new ToolDescriptor(name, description, inputSchema, risk, examples);
    }

    /**
     * Reads example requests kept as a tab-separated file: one {@code tool<TAB>request} per line,
     * a header line {@code tool<TAB>example} where present, blank lines and lines starting with
     * {@code #} skipped. Tool packs keep theirs this way, beside the code.
     *
     * @param tsv the file's bytes, UTF-8; closed when read
     * @param source names the file in errors
     * @return the requests of each tool, in file order
     * @throws IllegalArgumentException naming the source and line when a line is not two fields
     * @throws UncheckedIOException when the stream cannot be read
     */
    public static Map<String, List<String>> readExamples(InputStream tsv, String source) {
        Checks.notNull(tsv, "example requests of " + source);
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#") || line.equals("tool\texample")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
                    throw new IllegalArgumentException(source + " line " + number
                            + ": expected 'tool<TAB>example request', got '" + line + "'");
                }
                out.computeIfAbsent(fields[0].strip(), k -> new ArrayList<>()).add(fields[1].strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the example requests of " + source, e);
        }
        return out;
    }
}
