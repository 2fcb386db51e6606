package dev.aios.bench.tools;

import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.tools.McpToolRegistry;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tool retrieval, scored: natural-language requests, each with the tool(s) that serve it, run
 * through a registry's {@link ToolRegistry#search}; a request is found at k when one of its tools
 * is among the first k. The requests were written by someone who saw only the tools' names and
 * a one-line purpose, never their descriptions (see benchmarks/README).
 */
final class ToolRetrieval {
    /** One request and the tools that would serve it. */
    record Request(String text, Set<String> expected) {}

    /** Found-at-k counts of one run over a request set. */
    record Score(int n, int at1, int at3, int at5, int at10, double reciprocalRankSum, List<Request> missedAt5) {
        double recall(int k) {
            int hits = switch (k) {
                case 1 -> at1;
                case 3 -> at3;
                case 5 -> at5;
                case 10 -> at10;
                default -> throw new IllegalArgumentException("k " + k);
            };
            return (double) hits / n;
        }

        double mrr() {
            return reciprocalRankSum / n;
        }
    }

    private ToolRetrieval() {}

    /** @return the requests of a classpath resource in tool-retrieval/ (a TSV: request, expected names joined by |) */
    static List<Request> load(String file) {
        String path = "/tool-retrieval/" + file;
        try (InputStream in = ToolRetrieval.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + path);
            }
            List<Request> out = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t");
                if (parts.length != 2) {
                    throw new IllegalStateException(path + ": not 'request<TAB>expected': " + line);
                }
                out.add(new Request(parts[0].strip(), Set.of(parts[1].strip().split("\\|"))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a registry over {@code packs}, searching by words only, or also by {@code model} */
    static McpToolRegistry registry(List<? extends ToolRegistry> packs, @Nullable EmbeddingModel model) {
        McpToolRegistry.Builder b = McpToolRegistry.builder();
        packs.forEach(b::include);
        if (model != null) {
            b.embeddingModel(model);
        }
        return b.build();
    }

    /** @return {@code registry} with its tools' example requests left out, as a catalogue without them would be */
    static ToolRegistry withoutExamples(ToolRegistry registry) {
        List<ToolDescriptor> tools = registry.tools().stream().map(t -> t.withExamples(List.of())).toList();
        return new ToolRegistry() {
            @Override
            public List<ToolDescriptor> tools() {
                return tools;
            }

            @Override
            public ToolResult call(dev.aios.api.ToolCall call) {
                return registry.call(call);
            }
        };
    }

    /** @return how often the expected tools come first, in the top 3, 5 and 10 */
    static Score score(ToolRegistry registry, List<Request> requests) {
        int at1 = 0;
        int at3 = 0;
        int at5 = 0;
        int at10 = 0;
        double rr = 0;
        List<Request> missed = new ArrayList<>();
        for (Request r : requests) {
            List<ToolDescriptor> found = registry.search(r.text(), 10);
            int rank = rank(found, r.expected());
            at1 += rank <= 1 ? 1 : 0;
            at3 += rank <= 3 ? 1 : 0;
            at5 += rank <= 5 ? 1 : 0;
            at10 += rank <= 10 ? 1 : 0;
            rr += rank <= 10 ? 1.0 / rank : 0;
            if (rank > 5) {
                missed.add(r);
            }
        }
        return new Score(requests.size(), at1, at3, at5, at10, rr, missed);
    }

    /** @return the 1-based rank of the first expected tool, or Integer.MAX_VALUE when absent */
    static int rank(List<ToolDescriptor> found, Set<String> expected) {
        for (int i = 0; i < found.size(); i++) {
            if (expected.contains(found.get(i).name())) {
                return i + 1;
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * @param hits one entry per request, whether it was found
     * @return the 95% percentile-bootstrap interval of the hit rate, {low, high} (2,000 resamples, fixed seed)
     */
    static double[] bootstrap(boolean[] hits) {
        Random random = new Random(17);
        double[] rates = new double[2000];
        for (int b = 0; b < rates.length; b++) {
            int k = 0;
            for (int i = 0; i < hits.length; i++) {
                k += hits[random.nextInt(hits.length)] ? 1 : 0;
            }
            rates[b] = (double) k / hits.length;
        }
        Arrays.sort(rates);
        return new double[] {rates[(int) (rates.length * 0.025)], rates[(int) (rates.length * 0.975) - 1]};
    }

    /** @return whether each request was found in the top {@code k} */
    static boolean[] hits(ToolRegistry registry, List<Request> requests, int k) {
        boolean[] hits = new boolean[requests.size()];
        for (int i = 0; i < hits.length; i++) {
            hits[i] = rank(registry.search(requests.get(i).text(), k), requests.get(i).expected()) <= k;
        }
        return hits;
    }

    /** Everyday words the made-up tools (and McpTable's queries) are built from. */
    static final String[] WORDS = {"read", "write", "send", "archive", "search", "summarise", "translate",
            "calendar", "meeting", "invoice", "ticket", "mail", "file", "folder", "note", "contact", "task", "repo",
            "issue", "build", "deploy", "weather", "expense", "report", "slide", "chart", "image", "audio", "video",
            "message", "channel", "database", "query", "backup", "restore", "schedule", "reminder", "budget", "order",
            "payment", "customer", "lead", "playlist", "recipe", "flight", "hotel", "invoice", "shipment", "stock",
            "portfolio", "sensor", "light", "thermostat", "door", "camera", "printer", "scan", "form", "survey"};

    /**
     * @return {@code count} made-up tools of other vendors (CRM, smart home, travel...), each with
     *     a plausible name and description built from everyday words, to fill a catalogue to 1,000
     */
    static ToolRegistry distractors(int count) {
        dev.aios.tools.InProcessToolRegistry.Builder b = dev.aios.tools.InProcessToolRegistry.builder();
        Random random = new Random(42);
        for (int i = 0; i < count; i++) {
            String a = WORDS[random.nextInt(WORDS.length)];
            String o = WORDS[random.nextInt(WORDS.length)];
            String c = WORDS[random.nextInt(WORDS.length)];
            b.tool("vendor" + (i % 60) + "." + a + "_" + o + "_" + i, "Lets the agent " + a + " the " + o + " of a " + c
                    + " in the vendor's service and report what changed", ToolDescriptor.NO_ARGUMENTS, ToolRisk.READ_ONLY,
                    args -> ToolResult.success("ok"));
        }
        return b.build();
    }
}
