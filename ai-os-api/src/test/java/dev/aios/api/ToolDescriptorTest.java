package dev.aios.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolDescriptorTest {

    private static InputStream tsv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aToolWithoutExamplesHasNoneAndExamplesAreCopied() {
        ToolDescriptor plain = new ToolDescriptor("files.read", "Reads a file", ToolDescriptor.NO_ARGUMENTS,
                ToolRisk.READ_ONLY);
        assertThat(plain.examples()).isEmpty();

        List<String> mine = new ArrayList<>(List.of("whats in todo.txt"));
        ToolDescriptor withExamples = plain.withExamples(mine);
        mine.add("changed later");
        assertThat(withExamples.examples()).containsExactly("whats in todo.txt");
        assertThat(withExamples.name()).isEqualTo("files.read");
        assertThat(withExamples.risk()).isEqualTo(ToolRisk.READ_ONLY);
    }

    @Test
    void aBlankExampleIsRefusedNamingTheTool() {
        ToolDescriptor plain = new ToolDescriptor("files.read", "Reads a file", ToolDescriptor.NO_ARGUMENTS,
                ToolRisk.READ_ONLY);
        assertThatThrownBy(() -> plain.withExamples(List.of("fine", " "))).hasMessageContaining("files.read");
    }

    @Test
    void readsExamplesSkippingTheHeaderCommentsAndBlankLines() {
        Map<String, List<String>> examples = ToolDescriptor.readExamples(tsv("""
                # how users ask
                tool\texample
                files.read\twhats in todo.txt

                files.read\t show me server.log\s
                files.trash\tget rid of old.csv
                """), "files-examples.tsv");
        assertThat(examples).containsOnlyKeys("files.read", "files.trash");
        assertThat(examples.get("files.read")).containsExactly("whats in todo.txt", "show me server.log");
        assertThat(examples.get("files.trash")).containsExactly("get rid of old.csv");
    }

    @Test
    void aLineThatIsNotTwoFieldsIsRefusedNamingTheFileAndLine() {
        assertThatThrownBy(() -> ToolDescriptor.readExamples(tsv("tool\texample\nfiles.read\tok\nfiles.read only one field\n"),
                "files-examples.tsv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("files-examples.tsv line 3")
                .hasMessageContaining("files.read only one field");
        assertThatThrownBy(() -> ToolDescriptor.readExamples(tsv("files.read\ta\tb\n"), "x.tsv"))
                .hasMessageContaining("x.tsv line 1");
    }
}
