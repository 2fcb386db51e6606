package dev.aios.bench.routing;

import dev.aios.api.AnswerVerdict;
import dev.aios.api.Brain;
import dev.aios.api.BrainTicket;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRequest;
import dev.aios.routing.LearnedBrainRouter;
import dev.aios.routing.RoutingThreshold;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The learned router's hot path, two brains (a free local one and a paid cloud one), a 430-character
 * MMLU-style prompt:
 * <ul>
 *   <li>{@code routeKnownEmbedding}: the routing decision when the prompt's embedding is already
 *       known: constraints, cheap features, two logistic scores, the threshold. Target p50
 *       &lt;= 5 µs and no allocation (check with {@code -prof gc}: the features go to a scratch
 *       array, the result is a configured brain).</li>
 *   <li>{@code embedAndRoute}: the same with the in-process all-MiniLM-L6-v2 embedding first.</li>
 *   <li>{@code onlineUpdate}: one learned verdict on an answer ({@code recordOutcome(ticket,
 *       verdict)}: one AdaGrad step on the features the ticket carries, and the ledger's count).</li>
 * </ul>
 * {@snippet lang=shell :
 * java -jar benchmarks/target/benchmarks.jar RoutingBenchmark -prof gc
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoutingBenchmark {
    static final String PROMPT = "Which of the following best describes the balance the Supreme Court has struck"
            + " between the establishment clause and the free-exercise clause?\nA. Freedom of speech is protected"
            + " except in certain situations, such as yelling \"fire\" in a crowded theater.\nB. Once a church has been"
            + " recognized by the federal government, its tax-exempt status can never be revoked.\nC. Once Congress"
            + " has created an administrative agency, that agency can be dissolved only by a constitutional amendment.";

    private LearnedBrainRouter router;
    private EmbeddingModel embeddings;
    private BrainRequest request;
    private float[] embedding;
    private BrainTicket ticket;
    private boolean accepted;

    /** Builds the router and warms its estimates with a few outcomes. */
    @Setup
    public void setUp() {
        embeddings = new AllMiniLmL6V2QuantizedEmbeddingModel();
        ChatModel answering = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest chat) {
                return ChatResponse.builder().aiMessage(AiMessage.from("B")).build();
            }
        };
        router = LearnedBrainRouter.builder()
                .brain(Brain.local("local", answering))
                .brain(new Brain("cloud", answering, new BrainProfile("bigco", BrainProfile.Location.CLOUD,
                        new BigDecimal("10"), new BigDecimal("30"), 128_000,
                        EnumSet.of(BrainProfile.Capability.JSON_OUTPUT), Duration.ofSeconds(2))))
                .embeddingModel(embeddings)
                .threshold(RoutingThreshold.strongShare(0.3))
                .build();
        request = new BrainRequest("answer", ChatRequest.builder().messages(UserMessage.from(PROMPT)).build(),
                Set.of(), false);
        embedding = embeddings.embed(PROMPT).content().vector();
        Brain weak = router.brains().get(0);
        for (int i = 0; i < 100; i++) {
            router.recordOutcome(weak, request, embedding, AnswerVerdict.of(i % 3 != 0));
        }
        // A verdict is learned from the features its ticket carries, as in use.
        ticket = router.chat(request).ticket();
    }

    /** @return the configured brain chosen for a prompt whose embedding is known */
    @Benchmark
    public Brain routeKnownEmbedding() {
        return router.route(request, embedding);
    }

    /** @return the brain chosen after embedding the prompt in process */
    @Benchmark
    public Brain embedAndRoute() {
        float[] vector = embeddings.embed(PROMPT).content().vector();
        return router.route(request, vector);
    }

    /** One online update of the answering brain's estimate, from the verdict on an answer the router gave. */
    @Benchmark
    public void onlineUpdate() {
        accepted = !accepted;
        router.recordOutcome(ticket, AnswerVerdict.of(accepted));
    }
}
