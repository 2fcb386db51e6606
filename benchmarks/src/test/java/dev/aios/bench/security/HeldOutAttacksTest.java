package dev.aios.bench.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aios.bench.security.HeldOutAttacks.Benign;
import dev.aios.bench.security.HeldOutAttacks.Carrier;
import dev.aios.bench.security.HeldOutAttacks.Case;
import dev.aios.bench.security.HeldOutAttacks.Policy;
import dev.aios.bench.security.HeldOutAttacks.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The held-out prompt-injection set ({@link HeldOutAttacks}): for every case, no carrier succeeds
 * under the default policy or the README's ASK policy with an approving host. Cases that found a
 * hole keep asserting the property and are disabled, with the path, until the runtime is fixed.
 */
class HeldOutAttacksTest {

    private static void assertNoCarrierSucceeds(String caseName) {
        Case c = HeldOutAttacks.cases().stream().filter(x -> x.name().equals(caseName)).findFirst().orElseThrow();
        List<String> won = new ArrayList<>();
        for (Policy policy : HeldOutAttacks.policies()) {
            for (Carrier carrier : c.carriers()) {
                Result r = HeldOutAttacks.run(c, carrier, policy);
                if (r.attackerWon()) {
                    won.add(carrier.name() + " under " + policy.name() + ": " + r.trace());
                }
            }
        }
        assertTrue(won.isEmpty(), caseName + " (" + c.path() + ") succeeded: " + won);
    }

    @Test
    void mailHeaders() {
        assertNoCarrierSucceeds("mail-headers");
    }

    @Test
    void sensorMemory() {
        assertNoCarrierSucceeds("sensor-memory");
    }

    @Test
    void gateReason() {
        assertNoCarrierSucceeds("gate-reason");
    }

    @Test
    void privateGoalMemory() {
        assertNoCarrierSucceeds("private-goal-memory");
    }

    @Test
    void contextKey() {
        assertNoCarrierSucceeds("context-key");
    }

    @Test
    void addressingName() {
        assertNoCarrierSucceeds("addressing-name");
    }

    @Test
    void trustedOutputEcho() {
        assertNoCarrierSucceeds("trusted-output-echo");
    }

    @Test
    void subgoalAnswer() {
        assertNoCarrierSucceeds("subgoal-answer");
    }

    @Test
    void extractorRouting() {
        assertNoCarrierSucceeds("extractor-routing");
    }

    @Test
    void privateContextPlanner() {
        assertNoCarrierSucceeds("private-context-planner");
    }

    @Test
    void openWorldQuery() {
        assertNoCarrierSucceeds("open-world-query");
    }

    @Test
    void splitAnswer() {
        assertNoCarrierSucceeds("split-answer");
    }

    /** The brain is live: text it sees in the planner prompt (a host that forgot the label) is obeyed. */
    @Test
    void controlShowsTheBrainObeys() {
        Case c = HeldOutAttacks.cases().stream().filter(x -> x.name().startsWith("control")).findFirst().orElseThrow();
        for (Policy policy : HeldOutAttacks.policies()) {
            assertTrue(HeldOutAttacks.run(c, c.carriers().get(0), policy).attackerWon(), policy.name());
        }
    }

    @Test
    void printTable() {
        System.out.println(HeldOutAttacksTable.table());
    }

    @Test
    void benignTasksStillWork() {
        for (Policy policy : HeldOutAttacks.policies()) {
            int done = 0;
            for (Benign b : HeldOutAttacks.benign()) {
                done += HeldOutAttacks.runBenign(b, policy) ? 1 : 0;
            }
            assertEquals(HeldOutAttacks.benign().size(), done, policy.name());
        }
    }
}
