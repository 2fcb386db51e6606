package dev.aios.toolpacks.mail.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.toolpacks.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The idempotency keys of mails already sent, each with the answer its first call gave, so that
 * a call repeated with the same key sends nothing and answers the same. Kept in memory, and when
 * a file is named also appended to it (one JSON object a line), so the record outlives a restart.
 */
public final class SentKeys {
    private final Map<String, String> answers = new LinkedHashMap<>();
    private final @Nullable Path file;

    private SentKeys(@Nullable Path file) {
        this.file = file;
    }

    /** @return a record kept in memory only */
    public static SentKeys inMemory() {
        return new SentKeys(null);
    }

    /**
     * @return a record kept in {@code file}, read now when it exists
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if a line of it is not a record of a key
     */
    public static SentKeys file(Path file) {
        SentKeys keys = new SentKeys(file);
        if (Files.exists(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).isBlank()) {
                        continue;
                    }
                    JsonNode node = Json.MAPPER.readTree(lines.get(i));
                    if (!node.hasNonNull("key") || !node.hasNonNull("answer")) {
                        throw new IllegalArgumentException("line " + (i + 1) + " of the sent keys file " + file
                                + " has no key and answer");
                    }
                    keys.answers.put(node.get("key").asText(), node.get("answer").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sent keys file " + file + ": " + e.getMessage(), e);
            }
        }
        return keys;
    }

    /** @return the answer given when {@code key} was first used, if it was */
    synchronized Optional<String> answer(String key) {
        return Optional.ofNullable(answers.get(key));
    }

    /** Records that {@code key} was used and answered {@code answer}; on disk first, when there is a file. */
    synchronized void record(String key, String answer) throws IOException {
        if (file != null) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, Json.text(Map.of("key", key, "answer", answer)) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.DSYNC);
        }
        answers.put(key, answer);
    }
}
