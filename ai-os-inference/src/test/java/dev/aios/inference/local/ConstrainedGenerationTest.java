package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.aios.inference.local.GenerationResult.StopReason;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A random-weight model under a JSON Schema: whatever it would write, the output parses and
 * validates (checked with the networknt validator), with sampling and greedily, within the token
 * budget.
 */
class ConstrainedGenerationTest {
    /** The shape of the runtime's plan schema (PlanJson.schema) with two tools. */
    static final String PLAN = """
            {"type":"object","properties":{
              "steps":{"type":"array","minItems":1,"items":{"anyOf":[
                {"type":"object","properties":{"id":{"type":"string","minLength":1},"description":{"type":"string"},
                  "tool":{"enum":["mail.search","files.read"]},"arguments":{"type":"object"},
                  "dependsOn":{"type":"array","items":{"type":"string"}},
                  "expect":{"type":"object","properties":{"contains":{"type":"string"},"matches":{"type":"string"},
                    "description":{"type":"string"}},"additionalProperties":false}},
                 "required":["id","tool"],"additionalProperties":false},
                {"type":"object","properties":{"id":{"type":"string","minLength":1},"description":{"type":"string"},
                  "subgoal":{"type":"string","minLength":1},"dependsOn":{"type":"array","items":{"type":"string"}}},
                 "required":["id","subgoal"],"additionalProperties":false}]}},
              "answer":{"type":"string"},"rationale":{"type":"string"}},
             "required":["steps"],"additionalProperties":false}""";

    /** Tool arguments with enums, nested objects and arrays, numbers and nulls. */
    static final String ARGUMENTS = """
            {"type":"object","properties":{
              "query":{"type":"string","minLength":1,"maxLength":40},
              "folder":{"enum":["inbox","sent","archive"]},
              "limit":{"type":"integer"},
              "score":{"type":["number","null"]},
              "filters":{"type":"array","maxItems":3,"items":{"type":"object","properties":{
                 "field":{"enum":["from","subject"]},"value":{"type":"string","maxLength":12},
                 "exact":{"type":"boolean"}},"required":["field","value"],"additionalProperties":false}},
              "window":{"type":"object","properties":{"days":{"type":"integer"},"unit":{"const":"day"}},
                 "required":["days","unit"],"additionalProperties":false}},
             "required":["query","folder","window"],"additionalProperties":false}""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @TempDir
    static Path dir;

    private static LocalModel model;

    @BeforeAll
    static void load() {
        Path folder = RandomCheckpoint.builder().seed(5).writeTo(dir.resolve("tiny"));
        model = LocalModel.builder(folder).maxBatch(8).maxSequenceLength(256).build();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static void assertValid(String schemaJson, GenerationResult result) throws Exception {
        JsonNode parsed = JSON.readTree(result.text());
        assertThat(parsed).as(result.text()).isNotNull();
        Schema schema = SCHEMAS.getSchema(schemaJson, InputFormat.JSON);
        List<Error> errors = schema.validate(result.text(), InputFormat.JSON);
        assertThat(errors).as(result.text()).isEmpty();
    }

    private static List<GenerationResult> sampleHundred(String schema, int maxTokens) throws Exception {
        int[] prompt = model.encode("Write the JSON:");
        List<CompletableFuture<GenerationResult>> futures = new ArrayList<>();
        for (int seed = 0; seed < 100; seed++) {
            GenerationOptions options = GenerationOptions.builder().jsonSchema(schema).maxTokens(maxTokens)
                    .temperature(1.0).topP(0.95).seed(seed).build();
            futures.add(model.submit(prompt, options, TokenListener.NONE));
        }
        List<GenerationResult> results = new ArrayList<>();
        for (CompletableFuture<GenerationResult> f : futures) {
            results.add(f.get(5, TimeUnit.MINUTES));
        }
        return results;
    }

    @Test
    void hundredSampledPlansAllValidate() throws Exception {
        List<GenerationResult> results = sampleHundred(PLAN, 120);
        for (GenerationResult r : results) {
            assertValid(PLAN, r);
            assertThat(r.outputTokens()).isLessThanOrEqualTo(120);
        }
        assertThat(results.stream().map(GenerationResult::text).distinct().count()).isGreaterThan(90);
    }

    @Test
    void hundredSampledArgumentObjectsAllValidate() throws Exception {
        List<GenerationResult> results = sampleHundred(ARGUMENTS, 100);
        for (GenerationResult r : results) {
            assertValid(ARGUMENTS, r);
        }
        assertThat(results.stream().map(GenerationResult::text).distinct().count()).isGreaterThan(90);
    }

    @Test
    void greedyAndRepetitionPenaltyAndJsonModeValidateToo() throws Exception {
        int[] prompt = model.encode("{");
        GenerationResult greedy = model.generate(prompt, GenerationOptions.builder().jsonSchema(ARGUMENTS).maxTokens(80)
                .build());
        assertValid(ARGUMENTS, greedy);
        GenerationResult penalised = model.generate(prompt, GenerationOptions.builder().jsonSchema(PLAN).maxTokens(80)
                .repetitionPenalty(1.3).build());
        assertValid(PLAN, penalised);
        GenerationResult any = model.generate(prompt, GenerationOptions.builder().json().maxTokens(60)
                .temperature(1.2).seed(3).build());
        assertValid(GenerationOptions.ANY_JSON_OBJECT, any);
        assertThat(JSON.readTree(any.text()).isObject()).isTrue();
        // the grammar's own time is reported, and only when there is a grammar
        assertThat(penalised.constraintTime()).isPositive();
        GenerationResult free = model.generate(prompt, GenerationOptions.builder().maxTokens(5).build());
        assertThat(free.constraintTime()).isZero();
    }

    @Test
    void aTightBudgetStillEndsInAWholeDocument() throws Exception {
        int[] prompt = model.encode("plan");
        for (int seed = 0; seed < 10; seed++) {
            GenerationResult r = model.generate(prompt, GenerationOptions.builder().jsonSchema(PLAN).maxTokens(45)
                    .temperature(1.0).seed(seed).build());
            assertValid(PLAN, r);
            assertThat(r.outputTokens()).isLessThanOrEqualTo(45);
        }
    }

    @Test
    void theDocumentEndsTheGeneration() throws Exception {
        GenerationResult r = model.generate(model.encode("x"), GenerationOptions.builder()
                .jsonSchema("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},\"required\":[\"ok\"],"
                        + "\"additionalProperties\":false}").maxTokens(50).temperature(1).seed(1).build());
        assertThat(r.stopReason()).isEqualTo(StopReason.END_TOKEN);
        assertThat(JSON.readTree(r.text()).get("ok").isBoolean()).isTrue();
    }

    @Test
    void optionsRejectBadSchemasAndConflictingSettings() {
        assertThatThrownBy(() -> GenerationOptions.builder().jsonSchema("{\"type\":\"string\",\"pattern\":\"x\"}").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"pattern\"");
        assertThatThrownBy(() -> GenerationOptions.builder().json().ignoreEos(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ignoreEos");
        assertThatThrownBy(() -> GenerationOptions.builder().json().stopStrings(List.of("}")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stopStrings");
        assertThat(GenerationOptions.builder().json().build().toBuilder().build().jsonSchema())
                .isEqualTo(GenerationOptions.ANY_JSON_OBJECT);
    }

    @Test
    void chatModelHoldsTheAnswerToTheRequestsResponseFormat() throws Exception {
        LocalChatModel chat = new LocalChatModel(model, GenerationOptions.builder().maxTokens(90).temperature(1)
                .stopStrings(List.of("\n\n")).build());
        assertThat(chat.supportedCapabilities()).contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        JsonObjectSchema element = JsonObjectSchema.builder().addStringProperty("city")
                .addEnumProperty("unit", List.of("celsius", "fahrenheit"))
                .addProperty("days", JsonArraySchema.builder().items(new JsonIntegerSchema()).build())
                .addProperty("where", JsonObjectSchema.builder().addNumberProperty("lat").required("lat")
                        .additionalProperties(false).build())
                .required("city", "unit", "where").additionalProperties(false).build();
        ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("weather").rootElement(element).build()).build();
        String schema = LocalChatModel.schemaJson(element);
        for (int i = 0; i < 5; i++) {
            ChatResponse response = chat.chat(ChatRequest.builder().messages(UserMessage.from("weather " + i))
                    .responseFormat(format).build());
            JsonNode answer = JSON.readTree(response.aiMessage().text());
            assertThat(SCHEMAS.getSchema(schema, InputFormat.JSON).validate(answer.toString(), InputFormat.JSON))
                    .as(response.aiMessage().text()).isEmpty();
            assertThat(answer.get("unit").asText()).isIn("celsius", "fahrenheit");
        }

        ChatResponse jsonMode = chat.chat(ChatRequest.builder().messages(UserMessage.from("any"))
                .responseFormat(ResponseFormat.JSON).build());
        assertThat(JSON.readTree(jsonMode.aiMessage().text()).isObject()).isTrue();

        CompletableFuture<ChatResponse> streamed = new CompletableFuture<>();
        chat.chat(ChatRequest.builder().messages(UserMessage.from("stream")).responseFormat(format).build(),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partialResponse) {}

                    @Override
                    public void onCompleteResponse(ChatResponse completeResponse) {
                        streamed.complete(completeResponse);
                    }

                    @Override
                    public void onError(Throwable error) {
                        streamed.completeExceptionally(error);
                    }
                });
        String text = streamed.get(2, TimeUnit.MINUTES).aiMessage().text();
        assertThat(SCHEMAS.getSchema(schema, InputFormat.JSON).validate(text, InputFormat.JSON)).as(text).isEmpty();

        ResponseFormat unsupported = ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                .name("p").rootElement(JsonRawSchema.from("{\"type\":\"string\",\"pattern\":\"^a+$\"}")).build()).build();
        assertThatThrownBy(() -> chat.chat(ChatRequest.builder().messages(UserMessage.from("x"))
                .responseFormat(unsupported).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"pattern\" is not supported");
    }

    @Test
    void aGgufModelDecodesUnderTheSchemaToo() throws Exception {
        // Its tokenizer.json is built from the GGUF metadata, never a file: the token strings come from that document.
        Path gguf = HfToGguf.convert(dir.resolve("tiny"), dir.resolve("tiny.gguf"), name -> GgufWriter.F32);
        try (LocalModel fromGguf = LocalModel.builder(gguf).maxSequenceLength(256).build()) {
            for (int seed = 0; seed < 5; seed++) {
                GenerationResult r = fromGguf.generate(fromGguf.encode("args"), GenerationOptions.builder()
                        .jsonSchema(ARGUMENTS).maxTokens(100).temperature(1).seed(seed).build());
                assertValid(ARGUMENTS, r);
            }
        }
    }
}
