package dev.aios.bench.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The RouteLLM evaluation tables, read in place: MMLU prompts with whether each model answered
 * correctly, and MT-Bench questions with each model's mean judge score; contaminated prompts left
 * out as the paper does.
 */
final class RouteLlmData {
    static final String WEAK = "mistralai/Mixtral-8x7B-Instruct-v0.1";
    static final String STRONG = "gpt-4-1106-preview";

    /** One prompt with both models' results. {@code group}: MMLU subject or MT-Bench category. */
    record Item(String prompt, String group, double weak, double strong) {}

    private RouteLlmData() {}

    static List<Item> mmlu(Path dir) {
        Set<String> contaminated = contaminated(dir.resolve("mmlu/contaminated_prompts.jsonl"));
        List<Item> items = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("mmlu"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                String subject = file.getFileName().toString().replaceFirst("^mmlu_", "").replaceFirst("\\.csv$", "");
                List<List<String>> rows = csv(Files.readString(file, StandardCharsets.UTF_8));
                List<String> header = rows.get(0);
                int p = header.indexOf("prompt");
                int w = header.indexOf(WEAK);
                int s = header.indexOf(STRONG);
                if (p < 0 || w < 0 || s < 0) {
                    throw new IllegalStateException(file + " lacks a prompt, " + WEAK + " or " + STRONG + " column");
                }
                for (List<String> row : rows.subList(1, rows.size())) {
                    if (row.size() <= Math.max(p, Math.max(w, s)) || contaminated.contains(row.get(p))) {
                        continue;
                    }
                    items.add(new Item(row.get(p), subject, bool(row.get(w)), bool(row.get(s))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    static List<Item> mtBench(Path dir) {
        Set<String> contaminated = contaminated(dir.resolve("mt_bench/contaminated_prompts.jsonl"));
        Map<String, double[]> scores = new HashMap<>(); // question|model -> sum, count
        for (JsonNode j : jsonl(dir.resolve("mt_bench/judgements.jsonl"))) {
            double[] acc = scores.computeIfAbsent(j.get("question_id").asText() + "|" + j.get("model").asText(),
                    k -> new double[2]);
            acc[0] += j.get("score").asDouble();
            acc[1]++;
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode q : jsonl(dir.resolve("mt_bench/question.jsonl"))) {
            String turn1 = q.get("turns").get(0).asText();
            String turn2 = q.get("turns").size() > 1 ? q.get("turns").get(1).asText() : "";
            if (contaminated.contains(turn1) || contaminated.contains(turn2)) {
                continue;
            }
            String id = q.get("question_id").asText();
            double[] weak = scores.get(id + "|" + WEAK);
            double[] strong = scores.get(id + "|" + STRONG);
            if (weak == null || strong == null) {
                throw new IllegalStateException("MT-Bench question " + id + " lacks judgements for both models");
            }
            // Routed on the first turn only, as the paper does.
            items.add(new Item(turn1, q.get("category").asText(), weak[0] / weak[1], strong[0] / strong[1]));
        }
        return items;
    }

    private static double bool(String value) {
        return value.strip().equalsIgnoreCase("true") ? 1 : 0;
    }

    private static Set<String> contaminated(Path file) {
        Set<String> out = new HashSet<>();
        for (JsonNode j : jsonl(file)) {
            out.add(j.get("eval_prompt").asText());
        }
        return out;
    }

    private static List<JsonNode> jsonl(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** RFC 4180: quoted fields may hold commas, newlines and doubled quotes. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
