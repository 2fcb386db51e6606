package dev.aios.service;

import com.fasterxml.jackson.core.JsonToken;
import dev.aios.service.ConfigNode.Mapping;
import dev.aios.service.ConfigNode.Scalar;
import dev.aios.service.ConfigNode.Sequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed values out of a {@link ConfigNode} tree, each failure an {@link AiosConfigException}
 * naming the key path, the line and the column. Paths expand {@code ~/} to the home folder and
 * resolve relative ones against the configuration file's folder.
 */
final class ConfigReader {
    /** Key names that hold a secret: written literally, they would sit in a file that gets copied and shared. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(api[-_]?key|token|secret|password).*|key");
    private static final Pattern DURATION = Pattern.compile("(?i)(\\d+)\\s*(s|m|h|d)");

    private final @Nullable Path file;
    private final Path base;
    private final Path home;

    ConfigReader(@Nullable Path file, Path base, Path home) {
        this.file = file;
        this.base = base;
        this.home = home;
    }

    AiosConfigException error(String path, ConfigNode at, String problem) {
        return new AiosConfigException(path, file, at.at().line(), at.at().column(), problem, null);
    }

    AiosConfigException error(String path, ConfigNode.Where at, String problem) {
        return new AiosConfigException(path, file, at.line(), at.column(), problem, null);
    }

    /** A section: every key must be one of {@code known}; the nearest known key is suggested for a typo. */
    Mapping mapping(ConfigNode node, String path, Set<String> known) {
        if (!(node instanceof Mapping m)) {
            throw error(path, node, "expected a section of keys (" + String.join(", ", known) + "), found " + node.kind());
        }
        for (Map.Entry<String, ConfigNode.Where> key : m.keys().entrySet()) {
            String k = key.getKey();
            if (known.contains(k)) {
                continue;
            }
            String at = path.isEmpty() ? k : path + "." + k;
            if (SECRET_KEY.matcher(k).matches()) {
                throw error(at, key.getValue(), "a secret must not be written in the configuration file; name the"
                        + " environment variable instead (api-key-env: OPENAI_API_KEY)");
            }
            String near = nearest(k, known);
            throw error(at, key.getValue(), "unknown key '" + k + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
                    + " Known keys here: " + String.join(", ", known));
        }
        return m;
    }

    @Nullable ConfigNode optional(Mapping m, String key) {
        ConfigNode n = m.values().get(key);
        return n instanceof Scalar s && s.token() == JsonToken.VALUE_NULL ? null : n;
    }

    ConfigNode required(Mapping m, String path, String key) {
        ConfigNode n = optional(m, key);
        if (n == null) {
            throw error(join(path, key), m, "'" + key + "' is missing");
        }
        return n;
    }

    String text(ConfigNode node, String path) {
        if (!(node instanceof Scalar s) || s.text() == null || s.token() == JsonToken.VALUE_TRUE
                || s.token() == JsonToken.VALUE_FALSE) {
            throw error(path, node, "expected a text, found " + node.kind());
        }
        if (s.text().isBlank()) {
            throw error(path, node, "is empty");
        }
        return s.text().strip();
    }

    boolean bool(ConfigNode node, String path) {
        if (node instanceof Scalar s && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
            return s.token() == JsonToken.VALUE_TRUE;
        }
        throw error(path, node, "expected true or false, found " + node.kind());
    }

    int integer(ConfigNode node, String path, int min, int max) {
        if (node instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
            try {
                int v = Integer.parseInt(s.text());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // out of int range: reported below
            }
            throw error(path, node, "must be a whole number from " + min + " to " + max + ", was " + s.text());
        }
        throw error(path, node, "expected a whole number, found " + node.kind());
    }

    double number(ConfigNode node, String path) {
        if (node instanceof Scalar s && (s.token() == JsonToken.VALUE_NUMBER_INT || s.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
            double v = Double.parseDouble(s.text());
            if (v >= 0) {
                return v;
            }
            throw error(path, node, "must not be negative, was " + s.text());
        }
        throw error(path, node, "expected a number, found " + node.kind());
    }

    /** A list of texts; a single text counts as a list of one. */
    List<String> texts(@Nullable ConfigNode node, String path) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> item : items(node, path)) {
            out.add(text(item.getValue(), item.getKey()));
        }
        return List.copyOf(out);
    }

    /** Each item of a list with its key path ({@code path[i]}); a single value counts as a list of one. */
    List<Map.Entry<String, ConfigNode>> items(@Nullable ConfigNode node, String path) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof Sequence seq) {
            List<Map.Entry<String, ConfigNode>> out = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                out.add(Map.entry(path + "[" + i + "]", seq.items().get(i)));
            }
            return out;
        }
        if (node instanceof Scalar) {
            return List.of(Map.entry(path, node));
        }
        throw error(path, node, "expected a list, found " + node.kind());
    }

    /** A path: {@code ~/} expanded, relative to the configuration file's folder, normalised. */
    Path path(ConfigNode node, String path) {
        String text = text(node, path);
        Path p;
        if (text.equals("~")) {
            p = home;
        } else if (text.startsWith("~/")) {
            p = home.resolve(text.substring(2));
        } else if (text.startsWith("~")) {
            throw error(path, node, "'" + text + "': only ~/ (your own home folder) is expanded; write the full path");
        } else {
            p = base.resolve(text);
        }
        return p.toAbsolutePath().normalize();
    }

    /** A path that must exist ({@code folder}: and be a folder). */
    Path existing(ConfigNode node, String path, boolean folder) {
        Path p = path(node, path);
        if (!Files.exists(p)) {
            throw error(path, node, p + " does not exist; check the path, or remove the entry");
        }
        if (folder && !Files.isDirectory(p)) {
            throw error(path, node, p + " is not a folder");
        }
        return p;
    }

    /** {@code 90s}, {@code 30m}, {@code 24h}, {@code 2d}, or ISO-8601 ({@code PT24H}); positive. */
    Duration duration(ConfigNode node, String path) {
        String text = node instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT ? s.text() : text(node, path);
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        Duration d = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(text == null ? "" : text.strip());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw error(path, node, "'" + text + "' is not a positive duration; write it as 90s, 30m, 24h or 2d");
        }
        return d;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The known key nearest to {@code key} by edit distance, if near enough to be a typo. */
    static @Nullable String nearest(String key, Set<String> known) {
        String lower = key.toLowerCase(Locale.ROOT).replace('_', '-');
        return known.stream().min(Comparator.comparingInt(k -> distance(lower, k)))
                .filter(k -> distance(lower, k) <= Math.max(2, k.length() / 3)).orElse(null);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
