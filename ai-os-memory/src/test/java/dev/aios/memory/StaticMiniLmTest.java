package dev.aios.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.text.Vectors;
import dev.aios.tools.McpToolRegistry;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The static model distilled from the shipped all-MiniLM-L6-v2 encoder, and a tool search built on it. */
class StaticMiniLmTest {

    @Test
    void isDistilledOnceAndPlacesRelatedTextsCloserAsUnitVectors() {
        EmbeddingModel fast = Embedders.staticMiniLm();
        assertThat(Embedders.staticMiniLm()).isSameAs(fast);
        assertThat(fast.dimension()).isEqualTo(384);
        float[] delete = fast.embed("delete the old report file").content().vector();
        float[] remove = fast.embed("remove that document from my folder").content().vector();
        float[] weather = fast.embed("will it rain in Paris tomorrow").content().vector();
        assertThat(delete).hasSize(384);
        assertThat(Vectors.norm(delete)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Vectors.cosine(delete, remove)).isGreaterThan(Vectors.cosine(delete, weather));
        // the same text gives the same vector, alone or in a batch
        assertThat(fast.embedAll(List.of(TextSegment.from("delete the old report file"))).content().get(0).vector())
                .containsExactly(delete);
    }

    @Test
    void aTextOfUnknownTokensOnlyGivesTheZeroVectorNotAnError() {
        // a private-use character is the tokenizer's [UNK], which carries no meaning
        float[] empty = Embedders.staticMiniLm().embed("\uE000").content().vector();
        assertThat(empty).hasSize(384).containsOnly(0f);
    }

    @Test
    void aToolSearchFindsByMeaningWithIt() {
        McpToolRegistry.Builder builder = McpToolRegistry.builder().embeddingModel(Embedders.staticMiniLm());
        builder.tool(new ToolDescriptor("weather.forecast", "Gives the forecast of rain, wind and temperature for a city",
                ToolDescriptor.NO_ARGUMENTS, ToolRisk.READ_ONLY), args -> ToolResult.success("sunny"));
        builder.tool(new ToolDescriptor("mail.send", "Sends an e-mail message to one or more recipients",
                ToolDescriptor.NO_ARGUMENTS, ToolRisk.SIDE_EFFECTING), args -> ToolResult.success("sent"));
        for (int i = 0; i < 40; i++) {
            builder.tool(new ToolDescriptor("filler.chore_" + i, "Does unrelated chore number " + i,
                    ToolDescriptor.NO_ARGUMENTS, ToolRisk.READ_ONLY), args -> ToolResult.success("ok"));
        }
        McpToolRegistry registry = builder.build();
        assertThat(registry.search("do I need an umbrella today", 3)).extracting(ToolDescriptor::name)
                .contains("weather.forecast");
    }
}
