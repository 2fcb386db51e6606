package dev.aios.bench.routing;

import dev.aios.api.AnswerVerdict;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRequest;
import dev.aios.bench.routing.RouteLlmData.Item;
import dev.aios.routing.LearnedBrainRouter;
import dev.aios.routing.RoutingThreshold;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The learned router as {@link RouteLlmTable} runs it: the paper's two brains (weak and strong,
 * never called), offline training from both brains' recorded outcomes, the strong-minus-weak
 * acceptance gain that ranks prompts, and the online bandit that routes, sees only the picked
 * brain's outcome, and learns from it. Kept apart from the table so the table only scores curves.
 */
final class RouteLlmRouters {
    private RouteLlmRouters() {}

    static LearnedBrainRouter router(EmbeddingModel model, RoutingThreshold threshold, double exploration, long seed) {
        return router(model, threshold, exploration, seed, DEFAULT_L2);
    }

    /** The router's default L2 ({@link LearnedBrainRouter.Builder#l2}). */
    static final double DEFAULT_L2 = 1e-4;

    static LearnedBrainRouter router(EmbeddingModel model, RoutingThreshold threshold, double exploration, long seed,
            double l2) {
        return LearnedBrainRouter.builder()
                .l2(l2)
                .brain(brain("weak", "0.60", "0.60"), 0.70)
                .brain(brain("strong", "10", "30"), 0.85)
                .embeddingModel(model)
                .threshold(threshold)
                .exploration(exploration)
                .seed(seed)
                .build();
    }

    private static Brain brain(String name, String in, String out) {
        // Never called: the benchmark only asks the router to choose.
        ChatModel never = new ChatModel() {};
        return new Brain(name, never, new BrainProfile(name, BrainProfile.Location.CLOUD, new BigDecimal(in),
                new BigDecimal(out), 32_000, EnumSet.noneOf(BrainProfile.Capability.class), Duration.ofSeconds(1)));
    }

    static BrainRequest request(Item item) {
        return new BrainRequest("answer", ChatRequest.builder().messages(UserMessage.from(item.prompt())).build(),
                Set.of(), false);
    }

    static void trainOffline(LearnedBrainRouter router, List<Item> items, List<float[]> embeddings,
            List<Integer> train, double acceptAt, long seed) {
        Brain weak = router.brains().get(0);
        Brain strong = router.brains().get(1);
        List<Integer> order = new ArrayList<>(train);
        Random random = new Random(seed);
        for (int epoch = 0; epoch < RouteLlmTable.EPOCHS; epoch++) {
            java.util.Collections.shuffle(order, random);
            for (int i : order) {
                Item item = items.get(i);
                BrainRequest request = request(item);
                router.recordOutcome(weak, request, embeddings.get(i), AnswerVerdict.of(item.weak() >= acceptAt));
                router.recordOutcome(strong, request, embeddings.get(i), AnswerVerdict.of(item.strong() >= acceptAt));
            }
        }
    }

    static double gain(LearnedBrainRouter router, Item item, float[] embedding) {
        BrainRequest request = request(item);
        return router.acceptanceEstimate(router.brains().get(1), request, embedding)
                - router.acceptanceEstimate(router.brains().get(0), request, embedding);
    }

    static RouteLlmTable.Curve online(EmbeddingModel model, List<Item> items, List<float[]> embeddings, double acceptAt,
            int repeats) {
        int targets = 9;
        double[] share = new double[targets];
        double[] quality = new double[targets];
        for (int t = 0; t < targets; t++) {
            double target = (t + 1) / 10.0;
            for (int r = 0; r < repeats; r++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    order.add(i);
                }
                java.util.Collections.shuffle(order, new Random(1000L * r + t));
                LearnedBrainRouter router = router(model, RoutingThreshold.strongShare(target), 0.02, r);
                double q = 0;
                int strongCalls = 0;
                for (int i : order) {
                    Item item = items.get(i);
                    BrainRequest request = request(item);
                    Brain picked = router.route(request, embeddings.get(i));
                    boolean strong = picked.name().equals("strong");
                    double outcome = strong ? item.strong() : item.weak();
                    q += outcome;
                    strongCalls += strong ? 1 : 0;
                    router.recordOutcome(picked, request, embeddings.get(i), AnswerVerdict.of(outcome >= acceptAt));
                }
                share[t] += (double) strongCalls / items.size() / repeats;
                quality[t] += q / items.size() / repeats;
            }
        }
        return new RouteLlmTable.Curve(share, quality);
    }
}
