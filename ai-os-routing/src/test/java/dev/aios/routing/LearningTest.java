package dev.aios.routing;

import dev.aios.api.BrainAnswer;
import dev.aios.api.AnswerVerdict;
import static dev.aios.routing.Fixtures.local;
import static dev.aios.routing.Fixtures.strongCloud;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Brain;
import dev.aios.api.BrainRequest;
import dev.aios.routing.Fixtures.FakeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bandit loop with scripted brains: the weak brain gets arithmetic wrong and chit-chat right,
 * the strong brain gets both right. Routing, calling and verifying go through the public API,
 * and the router learns only from the brain it picked.
 */
class LearningTest {
    private static final String[] MATHS = {
        "Compute 37 * 91 and show the steps", "What is 1234 + 5678 - 910?", "Solve 3x + 7 = 22 for x",
        "Calculate the derivative of x^3 + 2x", "How many primes are there below 100?", "Evaluate 17^2 - 13^2",
        "Solve the system x + y = 10, x - y = 2", "Compute the integral of 2x from 0 to 3",
        "What is 15% of 240?", "Calculate 2^10 / 4", "Find the roots of x^2 - 5x + 6 = 0",
        "Compute the sum of the first 50 odd numbers"};
    private static final String[] CHAT = {
        "Say hello to my team", "Suggest a name for a cat", "Write a friendly reminder about lunch",
        "Thank Anna for the flowers", "Give me a synonym for happy", "Wish Tom a happy birthday",
        "Suggest a colour for the kitchen", "Write a short greeting for the newsletter",
        "Recommend a relaxing weekend activity", "Say good morning in French", "Describe a sunny day in one line",
        "Write a polite note declining a meeting"};

    private static boolean isMaths(String prompt) {
        for (String m : MATHS) {
            if (m.equals(prompt)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void learnsToSendMathsToTheStrongBrainAndChatToTheWeakOne() {
        FakeModel weakModel = new FakeModel(r -> isMaths(Fixtures.lastUserText(r)) ? "wrong" : "right");
        FakeModel strongModel = FakeModel.replying("right");
        // Pay for the strong brain only when its chance of acceptance is estimated 30 points higher.
        LearnedBrainRouter router = Fixtures.router(local("weak", weakModel), strongCloud("strong", strongModel))
                .threshold(RoutingThreshold.qualityPerCost(0.3)).exploration(0.1).learningRate(0.3).seed(1).build();

        // Train on the first 8 of each kind, in random order, with outcomes only from the picked brain.
        List<String> training = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            training.add(MATHS[i]);
            training.add(CHAT[i]);
        }
        Random random = new Random(3);
        for (int round = 0; round < 12; round++) {
            java.util.Collections.shuffle(training, random);
            for (String prompt : training) {
                BrainAnswer answer = router.chat(Fixtures.request(prompt));
                router.recordOutcome(answer.ticket(), AnswerVerdict.of(answer.text().equals("right")));
            }
        }

        // Unseen prompts of each kind: the learned gap decides the route (exploration aside).
        for (int i = 8; i < 12; i++) {
            assertThat(gap(router, MATHS[i])).as("strong minus weak estimate for '%s'", MATHS[i]).isGreaterThan(0.3);
            assertThat(gap(router, CHAT[i])).as("strong minus weak estimate for '%s'", CHAT[i]).isLessThan(0.3);
        }
    }

    private static double gap(LearnedBrainRouter router, String prompt) {
        BrainRequest request = Fixtures.request(prompt);
        float[] embedding = router.embed(prompt);
        return router.acceptanceEstimate(router.brains().get(1), request, embedding)
                - router.acceptanceEstimate(router.brains().get(0), request, embedding);
    }

    @Test
    void strongShareThresholdKeepsTheShareOfStrongCallsNearTheTarget() {
        LearnedBrainRouter router = Fixtures.router(local("weak", FakeModel.replying("x")),
                strongCloud("strong", FakeModel.replying("y"))).threshold(RoutingThreshold.strongShare(0.3)).build();
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            prompts.add((i % 2 == 0 ? MATHS[i % MATHS.length] : CHAT[i % CHAT.length]) + " #" + (i % 7));
        }
        int strong = 0;
        for (String prompt : prompts) {
            strong += router.route(Fixtures.request(prompt)).name().equals("strong") ? 1 : 0;
        }
        assertThat(strong / 300.0).isBetween(0.2, 0.4);
    }
}
