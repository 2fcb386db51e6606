package dev.aios.toolpacks;

import static dev.aios.toolpacks.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Budget;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.ToolResult;
import dev.aios.api.Usage;
import dev.aios.toolpacks.internal.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AgentsPackTest {
    private final List<Goal> ran = new CopyOnWriteArrayList<>();
    private final CountDownLatch twoRuns = new CountDownLatch(2);
    private final Function<Goal, RunOutcome> runner = goal -> {
        ran.add(goal);
        twoRuns.countDown();
        return new RunOutcome("run-" + ran.size(), goal, RunStatus.SUCCEEDED, "done: " + goal.text(), "ok", null,
                List.of(), 1, Usage.NONE, Duration.ofMillis(5), null);
    };

    private ToolPack pack(List<List<Map<String, Object>>> changes) {
        return AgentsPack.builder().runner(runner).ceiling(Budget.defaults().withMaxSteps(10))
                .minInterval(Duration.ofMillis(50)).maxSchedules(2).onSchedulesChanged(changes::add).build();
    }

    @Test
    void spawnRunsWithinTheCeiling() {
        ToolPack agents = pack(new CopyOnWriteArrayList<>());
        ToolResult r = call(agents, "agent.spawn", Map.of("goal", "sum the invoices", "maxSteps", 99, "maxSeconds", 30,
                "private", true));
        assertThat(r.error()).as(r.text()).isFalse();
        assertThat(r.text()).contains("\"status\":\"SUCCEEDED\"").contains("done: sum the invoices");
        Goal goal = ran.get(0);
        assertThat(goal.budget().maxSteps()).isEqualTo(10);
        assertThat(goal.budget().maxWallTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(goal.isPrivate()).isTrue();
        assertThat(r.provenance().isTrusted()).isFalse();
    }

    @Test
    void scheduleListUnschedule() throws Exception {
        List<List<Map<String, Object>>> changes = new CopyOnWriteArrayList<>();
        ToolPack agents = pack(changes);
        ToolResult repeated = call(agents, "agent.schedule", Map.of("goal", "check the mail", "every", "0.1 seconds"));
        assertThat(repeated.error()).as(repeated.text()).isFalse();
        String id = Json.MAPPER.readTree(repeated.text()).get("id").asText();
        assertThat(twoRuns.await(20, TimeUnit.SECONDS)).as("the repeated goal ran twice").isTrue();
        assertThat(ran).extracting(Goal::text).contains("check the mail");
        String later = Json.MAPPER.readTree(call(agents, "agent.schedule", Map.of("goal", "water the plants",
                "at", "tomorrow 9am")).text()).get("id").asText();
        assertThat(call(agents, "agent.schedules", Map.of()).text()).contains(id).contains(later)
                .contains("water the plants");
        assertThat(call(agents, "agent.schedule", Map.of("goal", "third", "at", "tomorrow")).text())
                .contains("already 2 scheduled goals");
        assertThat(call(agents, "agent.schedule", Map.of("goal", "x", "every", "1 millisecond")).text())
                .contains("not a unit of time");
        assertThat(call(agents, "agent.unschedule", Map.of("id", later)).error()).isFalse();
        assertThat(call(agents, "agent.unschedule", Map.of("id", id)).error()).isFalse();
        assertThat(call(agents, "agent.schedules", Map.of()).text()).isEqualTo("no goals are scheduled");
        assertThat(call(agents, "agent.unschedule", Map.of("id", id)).text()).contains("no scheduled goal");
        assertThat(changes).isNotEmpty();
        assertThat(changes.get(changes.size() - 1)).isEmpty();
    }

    @Test
    void deniedWithoutRunner() {
        ToolPack none = AgentsPack.builder().build();
        for (String tool : List.of("agent.spawn", "agent.schedule")) {
            assertThat(call(none, tool, Map.of("goal", "x")).text()).contains("runner(");
        }
        assertThat(call(none, "agent.schedules", Map.of()).text()).contains("no agent runner");
    }
}
