package dev.aios.memory.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.Memory;
import dev.aios.api.spi.MemoryFactory;
import dev.aios.memory.CommitPolicy;
import dev.aios.memory.LuceneMemory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link MemoryFactory} named {@code lucene}. Settings:
 * <ul>
 *   <li>{@code path} (required): the store's directory, created if absent;
 *   <li>{@code quantized}: {@code true} to store vectors int8-quantized (default {@code false});
 *   <li>{@code commit}: {@code every-write} (default) or an ISO-8601 interval such as {@code PT1S}
 *       for background commits;
 *   <li>{@code contextTurns}: neighbouring session turns indexed with each turn (default 2);
 *   <li>{@code chunkChars}: the longest piece embedded as one (default 1000);
 *   <li>{@code maxTextChars}: the longest record text accepted (default 1000000).
 * </ul>
 * Unknown keys are an error, so a misspelt setting is never silently ignored.
 */
public final class LuceneMemoryFactory implements MemoryFactory {
    private static final Set<String> KEYS = Set.of("path", "quantized", "commit", "contextTurns", "chunkChars", "maxTextChars");

    /** For {@link java.util.ServiceLoader}. */
    public LuceneMemoryFactory() {}

    @Override
    public String name() {
        return "lucene";
    }

    @Override
    public Memory create(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw AiOsException.permanent("unknown setting '" + key + "' for memory 'lucene'; known settings: "
                        + new TreeSet<>(KEYS));
            }
        }
        String path = settings.get("path");
        if (path == null || path.isBlank()) {
            throw AiOsException.permanent("memory 'lucene' needs the setting 'path': the directory of the store");
        }
        LuceneMemory.Builder b;
        try {
            b = LuceneMemory.builder(Path.of(path));
        } catch (InvalidPathException e) {
            throw AiOsException.permanent("setting 'path' of memory 'lucene' is not a valid path: " + path, e);
        }
        String quantized = settings.get("quantized");
        if (quantized != null) {
            if (!quantized.equals("true") && !quantized.equals("false")) {
                throw AiOsException.permanent("setting 'quantized' must be true or false, was '" + quantized + "'");
            }
            b.quantized(Boolean.parseBoolean(quantized));
        }
        String commit = settings.get("commit");
        if (commit != null && !commit.equals("every-write")) {
            try {
                b.commitPolicy(CommitPolicy.every(Duration.parse(commit)));
            } catch (DateTimeParseException e) {
                throw AiOsException.permanent("setting 'commit' must be 'every-write' or an ISO-8601 duration such as PT1S, was '"
                        + commit + "'", e);
            }
        }
        if (settings.containsKey("contextTurns")) {
            b.contextTurns(integer(settings, "contextTurns"));
        }
        if (settings.containsKey("chunkChars")) {
            b.chunkChars(integer(settings, "chunkChars"));
        }
        if (settings.containsKey("maxTextChars")) {
            b.maxTextChars(integer(settings, "maxTextChars"));
        }
        return b.build();
    }

    private static int integer(Map<String, String> settings, String key) {
        try {
            return Integer.parseInt(settings.get(key).strip());
        } catch (NumberFormatException e) {
            throw AiOsException.permanent("setting '" + key + "' of memory 'lucene' must be a whole number, was '"
                    + settings.get(key) + "'", e);
        }
    }
}
