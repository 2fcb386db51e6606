package dev.aios.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrainRequestSchemaTest {
    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"steps\"]}";
    private static final BrainProfile CLOUD = new BrainProfile("acme", BrainProfile.Location.CLOUD, BigDecimal.ONE,
            BigDecimal.ONE, 100_000, EnumSet.of(BrainProfile.Capability.JSON_OUTPUT), Duration.ofSeconds(1));

    private static ChatRequest chat() {
        return ChatRequest.builder().messages(UserMessage.from("plan"))
                .parameters(ChatRequestParameters.builder().temperature(0.3).maxOutputTokens(500)
                        .stopSequences(List.of("END")).build())
                .build();
    }

    @Test
    void onlyLocalBrainsWithJsonOutputReceiveALocalOnlySchema() {
        BrainRequest request = new BrainRequest("plan", BrainRequest.withLocalOnlySchema(chat(), "plan", SCHEMA),
                Set.of(), false);

        ChatRequest local = request.chatFor(BrainProfile.local("djl"));
        assertThat(((JsonRawSchema) local.responseFormat().jsonSchema().rootElement()).schema()).isEqualTo(SCHEMA);
        assertThat(local.temperature()).isEqualTo(0.3);

        ChatRequest cloud = request.chatFor(CLOUD);
        assertThat(cloud.responseFormat()).isNull();
        assertThat(cloud.temperature()).isEqualTo(0.3);
        assertThat(cloud.maxOutputTokens()).isEqualTo(500);
        assertThat(cloud.stopSequences()).containsExactly("END");
        assertThat(cloud.messages()).isEqualTo(chat().messages());

        BrainProfile plainLocal = new BrainProfile("ollama", BrainProfile.Location.LOCAL, BigDecimal.ZERO,
                BigDecimal.ZERO, 8192, Set.of(), Duration.ofSeconds(1));
        assertThat(request.chatFor(plainLocal).responseFormat()).isNull();
    }

    @Test
    void aCapForTheAllowanceKeepsTheDecisionPerBrain() {
        BrainRequest request = new BrainRequest("plan", BrainRequest.withLocalOnlySchema(chat(), "plan", SCHEMA),
                Set.of(), false, 0, null, new BrainRequest.Allowance(200, BigDecimal.valueOf(1000)));
        assertThat(request.chatFor(CLOUD).responseFormat()).isNull();
        assertThat(request.chatFor(CLOUD).maxOutputTokens()).isLessThan(200);
        assertThat(request.chatFor(BrainProfile.local("djl")).responseFormat()).isNotNull();
    }

    @Test
    void aResponseFormatTheCallerSetItselfReachesEveryBrain() {
        ChatRequest json = ChatRequest.builder().messages(UserMessage.from("x")).responseFormat(ResponseFormat.JSON).build();
        assertThat(new BrainRequest("answer", json, Set.of(), false).chatFor(CLOUD).responseFormat())
                .isEqualTo(ResponseFormat.JSON);
    }
}
