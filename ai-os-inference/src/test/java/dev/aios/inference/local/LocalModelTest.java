package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.inference.local.GenerationResult.StopReason;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generation through the public API on a tiny random checkpoint the test writes. */
class LocalModelTest {
    @TempDir
    static Path dir;

    private static LocalModel model;

    @BeforeAll
    static void load() {
        Path folder = RandomCheckpoint.builder().seed(21).writeTo(dir.resolve("tiny"));
        model = LocalModel.builder(folder).maxBatch(4).maxSequenceLength(128).build();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static GenerationOptions sampled(long seed) {
        return GenerationOptions.builder().maxTokens(24).temperature(0.9).topK(50).topP(0.95).minP(0.01)
                .repetitionPenalty(1.1).seed(seed).ignoreEos(true).build();
    }

    @Test
    void sameSeedGivesTheSameTokensAndAnotherSeedDiffers() {
        int[] prompt = model.encode("hello world");
        int[] a = model.generate(prompt, sampled(1)).tokens();
        int[] b = model.generate(prompt, sampled(1)).tokens();
        int[] c = model.generate(prompt, sampled(2)).tokens();
        assertThat(a).hasSize(24).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void streamingDeliversTheSameTextAsTheBlockingCall() throws Exception {
        GenerationOptions options = GenerationOptions.builder().maxTokens(40).ignoreEos(true).build();
        GenerationResult blocking = model.generate("stream me", options);
        StringBuilder streamed = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        GenerationResult result = model.submit("stream me", options, piece -> {
            pieces.add(piece);
            streamed.append(piece);
        }).get(60, TimeUnit.SECONDS);
        assertThat(pieces).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p).isNotEmpty());
        assertThat(streamed.toString()).isEqualTo(result.text()).isEqualTo(blocking.text());
        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void aStopStringEndsGenerationAndIsLeftOutEvenWhenStreamed() {
        GenerationOptions free = GenerationOptions.builder().maxTokens(40).ignoreEos(true).build();
        String full = model.generate("stop test", free).text();
        assertThat(full.length()).isGreaterThan(6);
        String stop = full.substring(4, 6);
        StringBuilder streamed = new StringBuilder();
        GenerationResult r = model.submit("stop test", free.toBuilder().stopStrings(List.of(stop)).build(),
                streamed::append).join();
        assertThat(r.stopReason()).isEqualTo(StopReason.STOP_STRING);
        assertThat(r.text()).isEqualTo(full.substring(0, full.indexOf(stop)));
        assertThat(streamed.toString()).isEqualTo(r.text());
    }

    @Test
    void aStopTokenEndsGenerationWithTheEndReason() {
        GenerationOptions free = GenerationOptions.builder().maxTokens(20).ignoreEos(true).build();
        int[] tokens = model.generate("token stop", free).tokens();
        int stopToken = tokens[5];
        GenerationResult r = model.generate("token stop", free.toBuilder().stopTokens(List.of(stopToken)).build());
        assertThat(r.stopReason()).isEqualTo(StopReason.END_TOKEN);
        int firstAt = 0;
        while (tokens[firstAt] != stopToken) {
            firstAt++;
        }
        assertThat(r.outputTokens()).isEqualTo(firstAt + 1);
    }

    @Test
    void requestsSubmittedWhileOthersRunAreBatchedAndGiveTheirSoloResults() {
        GenerationOptions options = GenerationOptions.builder().maxTokens(30).ignoreEos(true).build();
        List<int[]> prompts = List.of(model.encode("first prompt"), model.encode("a second, longer prompt"),
                model.encode("third"));
        List<int[]> solo = prompts.stream().map(p -> model.generate(p, options).tokens()).toList();
        CompletableFuture<GenerationResult> early = model.submit(prompts.get(0), options, TokenListener.NONE);
        List<GenerationResult> later = model.generateBatch(prompts.subList(1, 3), options);
        assertThat(early.join().tokens()).isEqualTo(solo.get(0));
        assertThat(later.get(0).tokens()).isEqualTo(solo.get(1));
        assertThat(later.get(1).tokens()).isEqualTo(solo.get(2));
    }

    @Test
    void aLongPromptIsPrefilledInChunksWhileRunningGenerationsKeepGoing() {
        Path folder = dir.resolve("tiny");
        try (LocalModel chunky = LocalModel.builder(folder).maxBatch(2).maxSequenceLength(256).prefillChunk(16).build()) {
            GenerationOptions options = GenerationOptions.builder().maxTokens(60).ignoreEos(true).build();
            java.util.concurrent.atomic.AtomicInteger shortPieces = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger piecesWhenLongStarted = new java.util.concurrent.atomic.AtomicInteger(-1);
            int[] longPrompt = new int[150];
            java.util.Arrays.fill(longPrompt, 50);
            CompletableFuture<GenerationResult> shortOne = chunky.submit(new int[] {7, 8, 9}, options,
                    piece -> shortPieces.incrementAndGet());
            CompletableFuture<GenerationResult> longOne = chunky.submit(longPrompt,
                    options.toBuilder().maxTokens(4).build(),
                    piece -> piecesWhenLongStarted.compareAndSet(-1, shortPieces.get()));
            GenerationResult longResult = longOne.join();
            shortOne.join();
            // 150 prompt tokens in chunks of 16 take ~10 steps; the short generation decoded during them.
            assertThat(piecesWhenLongStarted.get()).isGreaterThanOrEqualTo(3);
            assertThat(longResult.tokens()).isEqualTo(chunky.generate(longPrompt,
                    options.toBuilder().maxTokens(4).build()).tokens());
        }
    }

    @Test
    void aLongGenerationLeavesNoTensorsBehind() {
        GenerationOptions options = GenerationOptions.builder().maxTokens(100).temperature(0.8).topK(40)
                .ignoreEos(true).build();
        model.generate("warm up", options.toBuilder().maxTokens(2).build());
        int before = model.liveTensors();
        GenerationResult r = model.generate("a long one", options);
        List<GenerationResult> batch = model.generateBatch(List.of(model.encode("one"), model.encode("two, three")),
                options);
        assertThat(r.outputTokens()).isEqualTo(100);
        assertThat(batch).allSatisfy(b -> assertThat(b.outputTokens()).isEqualTo(100));
        assertThat(model.liveTensors()).as("tensors alive after 300 tokens").isEqualTo(before);
    }

    @Test
    void moreRequestsThanSlotsAllFinish() {
        GenerationOptions options = GenerationOptions.builder().maxTokens(8).ignoreEos(true).build();
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            prompts.add(model.encode("prompt number " + i));
        }
        List<GenerationResult> results = model.generateBatch(prompts, options);
        assertThat(results).hasSize(10).allSatisfy(r -> assertThat(r.outputTokens()).isEqualTo(8));
    }

    @Test
    void badRequestsFailWithAMessageAndTheModelKeepsWorking() {
        GenerationOptions options = GenerationOptions.builder().maxTokens(4).build();
        assertThatThrownBy(() -> model.generate(new int[0], options)).hasMessageContaining("no tokens");
        assertThatThrownBy(() -> model.generate(new int[] {99999}, options)).hasMessageContaining("outside the vocabulary");
        assertThatThrownBy(() -> model.generate(new int[200], options)).hasMessageContaining("maxSequenceLength");
        assertThatThrownBy(() -> GenerationOptions.builder().topP(0).build()).hasMessageContaining("topP");
        CompletableFuture<GenerationResult> thrower = model.submit("listener throws", options, t -> {
            throw new IllegalStateException("listener broke");
        });
        assertThatThrownBy(thrower::join).hasRootCauseMessage("listener broke");
        assertThat(model.generate("still alive", options).outputTokens()).isPositive();
    }

    @Test
    void generationRunsToTheCacheLengthAndSaysSo() {
        int[] prompt = new int[120];
        java.util.Arrays.fill(prompt, 40);
        GenerationResult r = model.generate(prompt, GenerationOptions.builder().maxTokens(50).ignoreEos(true).build());
        assertThat(r.stopReason()).isEqualTo(StopReason.CONTEXT_FULL);
        assertThat(r.outputTokens()).isEqualTo(9); // 120 + 8 fill the cache; the 9th needs no slot
    }

    @Test
    void chatModelAppliesTheTemplateAndReportsUsage() {
        LocalChatModel chat = new LocalChatModel(model, GenerationOptions.builder().maxTokens(12).build());
        String prompt = model.chatPrompt(List.of(Map.entry("system", "be brief"), Map.entry("user", "hi")));
        assertThat(prompt).isEqualTo("<|im_start|>system\nbe brief<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n"
                + "<|im_start|>assistant\n");
        ChatResponse response = chat.chat(ChatRequest.builder()
                .messages(SystemMessage.from("be brief"), UserMessage.from("hi")).maxOutputTokens(12).build());
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(model.encode(prompt).length);
        assertThat(response.tokenUsage().outputTokenCount()).isBetween(1, 12);
        assertThat(response.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
        assertThat(response.aiMessage().text()).isEqualTo(model.generate(prompt,
                GenerationOptions.builder().maxTokens(12).build()).text());
    }

    @Test
    void streamingChatModelGivesPartialsThatAddUpToTheResponse() throws Exception {
        LocalChatModel chat = new LocalChatModel(model, GenerationOptions.builder().maxTokens(16).ignoreEos(true).build());
        StringBuilder partials = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        chat.chat(ChatRequest.builder().messages(UserMessage.from("stream please")).build(),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        partials.append(partial);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        ChatResponse response = done.get(60, TimeUnit.SECONDS);
        assertThat(partials.toString()).isEqualTo(response.aiMessage().text());
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
    }
}
