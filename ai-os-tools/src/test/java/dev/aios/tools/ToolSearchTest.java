package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolSearchTest {

    private static McpToolRegistry.Builder catalogue() {
        McpToolRegistry.Builder builder = McpToolRegistry.builder();
        String[][] tools = {
                {"calendar.today", "Lists today's meetings with their attendees and rooms"},
                {"mail.send", "Sends an e-mail message to one or more recipients"},
                {"files.read", "Reads a text file from the user's documents"},
                {"weather.forecast", "Gives the forecast of rain, wind and temperature for a city"},
                {"tracker.create_issue", "Files a bug report in the issue tracker"},
                {"expenses.submit", "Submits a receipt for reimbursement"},
        };
        for (String[] t : tools) {
            builder.tool(t[0], t[1], ToolDescriptor.NO_ARGUMENTS, ToolRisk.READ_ONLY, args -> ToolResult.success("ok"));
        }
        for (int i = 0; i < 120; i++) {
            builder.tool("filler.tool_" + i, "Does unrelated chore number " + i, ToolDescriptor.NO_ARGUMENTS,
                    ToolRisk.READ_ONLY, args -> ToolResult.success("ok"));
        }
        return builder;
    }

    @Test
    void lexicalSearchFindsToolsSharingWords() {
        McpToolRegistry registry = catalogue().build();
        assertThat(registry.search("send an email to Bob", 3)).first().extracting(ToolDescriptor::name)
                .isEqualTo("mail.send");
        assertThat(registry.search("file a bug", 1)).extracting(ToolDescriptor::name)
                .containsExactly("tracker.create_issue");
        assertThat(registry.search("zzz qqq", 5)).hasSize(5);
    }

    @Test
    void embeddingsFindToolsThatShareNoWordWithTheQuery() {
        McpToolRegistry words = catalogue().build();
        McpToolRegistry semantic = catalogue().embeddingModel(new AllMiniLmL6V2QuantizedEmbeddingModel()).build();
        String query = "will I need an umbrella in Paris tomorrow";
        assertThat(words.search(query, 3)).extracting(ToolDescriptor::name).doesNotContain("weather.forecast");
        assertThat(semantic.search(query, 3)).extracting(ToolDescriptor::name).contains("weather.forecast");
        assertThat(semantic.search("who am I seeing this afternoon", 3)).extracting(ToolDescriptor::name)
                .contains("calendar.today");
    }

    @Test
    void exampleRequestsFindAToolWhoseDescriptionSharesNoWordWithTheQuery() {
        ToolDescriptor bin = new ToolDescriptor("files.empty_bin", "Permanently deletes everything in the recycle bin",
                ToolDescriptor.NO_ARGUMENTS, ToolRisk.DESTRUCTIVE, List.of("wipe the trash", "clear out the bin for good"));
        McpToolRegistry bare = catalogue().tool(bin.withExamples(List.of()), args -> ToolResult.success("ok")).build();
        McpToolRegistry withExamples = catalogue().tool(bin, args -> ToolResult.success("ok")).build();
        String query = "wipe my trash please";
        assertThat(bare.search(query, 5)).extracting(ToolDescriptor::name).doesNotContain("files.empty_bin");
        assertThat(withExamples.search(query, 1)).extracting(ToolDescriptor::name).containsExactly("files.empty_bin");
    }

    @Test
    void embeddingsOfExampleRequestsFindAToolThatNoWordFinds() {
        ToolDescriptor thermostat = new ToolDescriptor("home.thermostat", "Sets the target of the device",
                ToolDescriptor.NO_ARGUMENTS, ToolRisk.SIDE_EFFECTING,
                List.of("warmer lounge please", "heating down a notch"));
        McpToolRegistry words = catalogue().tool(thermostat, args -> ToolResult.success("ok")).build();
        McpToolRegistry semantic = catalogue().tool(thermostat, args -> ToolResult.success("ok"))
                .embeddingModel(new AllMiniLmL6V2QuantizedEmbeddingModel()).build();
        String query = "I am freezing, crank it up";
        assertThat(words.search(query, 3)).extracting(ToolDescriptor::name).doesNotContain("home.thermostat");
        assertThat(semantic.search(query, 3)).extracting(ToolDescriptor::name).contains("home.thermostat");
    }
}
