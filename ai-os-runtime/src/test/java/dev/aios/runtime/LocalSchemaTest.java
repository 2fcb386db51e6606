package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRouter;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.ToolRisk;
import dev.aios.testing.ScriptedChatModel;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A local brain is asked for the plan's schema and an extraction's schema (it decodes under them);
 * a cloud brain gets the same requests without a response format, as before.
 */
@Timeout(30)
class LocalSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = """
            {"steps": [{"id": "n", "tool": "notes.search", "arguments": {"text": "count"}},
             {"id": "x", "tool": "aios.extract", "arguments": {"text": "{{n}}", "instruction": "the count",
              "schema": {"type": "object", "properties": {"count": {"type": "integer"}}, "required": ["count"]}},
              "dependsOn": ["n"]}], "answer": "{{x}}"}""";

    private static boolean isExtractor(ChatRequest request) {
        return request.messages().get(0) instanceof SystemMessage s && s.text().startsWith("You are a quarantined extractor");
    }

    private static ScriptedChatModel brain() {
        return ScriptedChatModel.answering(request -> isExtractor(request) ? "{\"count\": 3}" : PLAN)
                .supporting(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    private static RunOutcome run(Brain brain) {
        RecordingTools tools = new RecordingTools().echo("notes.search", ToolRisk.READ_ONLY);
        return Agent.builder().brain(brain).tools(tools.registry()).listener(new RecordingListener())
                .retryBackoff(Duration.ofMillis(1)).build().run(Goal.of("how many notes?"));
    }

    private static JsonNode schemaOf(ChatRequest request) throws Exception {
        assertThat(request.responseFormat()).isNotNull();
        assertThat(request.responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
        return JSON.readTree(((JsonRawSchema) request.responseFormat().jsonSchema().rootElement()).schema());
    }

    @Test
    void aLocalBrainIsAskedForThePlanAndExtractionSchemas() throws Exception {
        ScriptedChatModel model = brain();
        RunOutcome outcome = run(Brain.local("local", model));

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(RunStatus.SUCCEEDED);
        List<ChatRequest> requests = model.requests();
        assertThat(requests).hasSize(2);
        JsonNode plan = schemaOf(requests.get(0));
        assertThat(plan.at("/required/0").asText()).isEqualTo("steps");
        JsonNode toolStep = plan.at("/properties/steps/items/anyOf/0");
        assertThat(toolStep.at("/required").toString()).isEqualTo("[\"id\",\"tool\"]");
        assertThat(toolStep.at("/properties/tool/enum").toString()).contains("notes.search", "aios.extract");
        assertThat(plan.at("/properties/steps/items/anyOf/1/required").toString()).isEqualTo("[\"id\",\"subgoal\"]");
        JsonNode extraction = schemaOf(requests.get(1));
        assertThat(extraction.at("/properties/count/type").asText()).isEqualTo("integer");
    }

    @Test
    void aCloudBrainGetsNoResponseFormatWhileTheLocalOneInTheSameRunDoes() throws Exception {
        ScriptedChatModel cloudModel = brain();
        ScriptedChatModel localModel = brain();
        // Free like the local one and listed first, so it plans; the extraction reads private data and stays local.
        BrainProfile cloud = new BrainProfile("acme", BrainProfile.Location.CLOUD, BigDecimal.ZERO, BigDecimal.ZERO,
                128_000, EnumSet.of(BrainProfile.Capability.JSON_OUTPUT), Duration.ofSeconds(2));
        RecordingTools tools = new RecordingTools().echo("notes.search", ToolRisk.READ_ONLY);
        RunOutcome outcome = Agent.builder()
                .brainRouter(BrainRouter.cheapestFit(List.of(new Brain("cloud", cloudModel, cloud),
                        Brain.local("local", localModel))))
                .tools(tools.registry()).listener(new RecordingListener()).retryBackoff(Duration.ofMillis(1)).build()
                .run(Goal.of("how many notes?"));

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(cloudModel.requests()).singleElement().satisfies(r -> {
            assertThat(isExtractor(r)).isFalse();
            assertThat(r.responseFormat()).isNull();
        });
        assertThat(localModel.requests()).singleElement().satisfies(r -> assertThat(isExtractor(r)).isTrue());
        assertThat(schemaOf(localModel.requests().get(0)).at("/required/0").asText()).isEqualTo("count");
    }

    @Test
    void aLocalBrainWithoutJsonOutputGetsNoResponseFormat() {
        ScriptedChatModel model = brain();
        BrainProfile plain = new BrainProfile("ollama", BrainProfile.Location.LOCAL, BigDecimal.ZERO, BigDecimal.ZERO, 8192,
                EnumSet.noneOf(BrainProfile.Capability.class), Duration.ofSeconds(1));
        RunOutcome outcome = run(new Brain("plain", model, plain));

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(model.requests()).allSatisfy(r -> assertThat(r.responseFormat()).isNull());
    }

    @Test
    void aLocalModelThatTakesNoSchemaGetsNoResponseFormat() {
        // JSON_OUTPUT in the profile, but the model itself does not declare schema support
        ScriptedChatModel model = ScriptedChatModel.answering(request -> isExtractor(request) ? "{\"count\": 3}" : PLAN);
        RunOutcome outcome = run(Brain.local("local", model));

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(model.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.responseFormat()).isNull());
    }
}
