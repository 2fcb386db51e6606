package dev.aios.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.testing.FakeTools.FakeTool;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit itself: its argument check catches a registry that runs a tool without checking the arguments. */
class ToolRegistryContractTest {

    /** Runs every call as given: what a registry that ignores input schemas does. */
    private record UncheckedRegistry(List<FakeTool> fakes) implements ToolRegistry {
        @Override
        public List<ToolDescriptor> tools() {
            return fakes.stream().map(FakeTool::descriptor).toList();
        }

        @Override
        public ToolResult call(ToolCall call) {
            FakeTool tool = fakes.stream().filter(f -> f.name().equals(call.tool())).findFirst()
                    .orElseThrow(() -> AiOsException.permanent("no tool named '" + call.tool() + "'"));
            try {
                return tool.call(call.arguments());
            } catch (IllegalStateException e) {
                return ToolResult.failure(e.getMessage());
            }
        }
    }

    private static final class UncheckedContract extends ToolRegistryContract {
        @Override
        protected ToolRegistry registryOf(List<FakeTool> tools) {
            return new UncheckedRegistry(tools);
        }
    }

    @Test
    void aRegistryThatRunsAToolWithoutItsRequiredArgumentFailsTheContract() throws Exception {
        UncheckedContract contract = new UncheckedContract();
        contract.buildRegistry();

        assertThatThrownBy(contract::aCallMissingARequiredArgumentIsAFailedResultThatNamesItAndNeverReachesTheTool)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a call missing required argument 'title' must fail");
    }

    @Test
    void theRestOfTheContractHoldsForSuchARegistry() throws Exception {
        UncheckedContract contract = new UncheckedContract();
        contract.buildRegistry();

        contract.everyCallReachesItsToolExactlyOnceEvenWhenItFails();
    }

    @Test
    void echoRequiringDeclaresItsArgumentRequiredInTheSchema() {
        FakeTool tool = FakeTools.builder().echoRequiring("calendar.add", dev.aios.api.ToolRisk.SIDE_EFFECTING, "title")
                .build().tool("calendar.add");

        assertThat(tool.requiredArguments()).containsExactly("title");
        assertThat(tool.descriptor().inputSchema()).contains("\"required\":[\"title\"]");
        assertThatThrownBy(() -> FakeTools.builder().echoRequiring("a.b", dev.aios.api.ToolRisk.READ_ONLY, "text"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other than 'text'");
    }
}
