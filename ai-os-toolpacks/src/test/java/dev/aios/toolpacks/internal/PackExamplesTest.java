package dev.aios.toolpacks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import org.junit.jupiter.api.Test;

class PackExamplesTest {

    @Test
    void aPackGivesEachToolTheExamplesItsFileListsAndNoneToTheRest() {
        Pack pack = Pack.named("demo").examples(PackExamplesTest.class)
                .tool("demo.echo", "Echoes text", ToolDescriptor.NO_ARGUMENTS, ToolRisk.READ_ONLY, Pack.Output.COMPUTED,
                        call -> ToolResult.success("echo"))
                .tool("demo.other", "Does something else", ToolDescriptor.NO_ARGUMENTS, ToolRisk.READ_ONLY,
                        Pack.Output.COMPUTED, call -> ToolResult.success("other"))
                .build();
        assertThat(pack.find("demo.echo").orElseThrow().examples())
                .containsExactly("say it back to me", "repeat what I typed");
        assertThat(pack.find("demo.other").orElseThrow().examples()).isEmpty();
    }

    @Test
    void examplesForAToolThePackDoesNotHaveAreRefusedNamingTheFileAndTool() {
        Pack.Builder builder = Pack.named("stray").examples(PackExamplesTest.class)
                .tool("stray.here", "Is here", ToolDescriptor.NO_ARGUMENTS, ToolRisk.READ_ONLY, Pack.Output.COMPUTED,
                        call -> ToolResult.success("here"));
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stray-examples.tsv").hasMessageContaining("stray.gone");
    }

    @Test
    void aMissingExamplesFileIsRefusedNamingIt() {
        assertThatThrownBy(() -> Pack.named("nothing").examples(PackExamplesTest.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing-examples.tsv");
    }
}
