package dev.aios.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.AgentEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {

    private static AgentEvent event(String run, String message) {
        return new AgentEvent(run, AgentEvent.Type.STEP_STARTED, Instant.now(), "s1", message);
    }

    @Test
    void keepsABoundedNumberOfRunsAndEventsPerRun() {
        EventLog log = new EventLog(3, 2);
        for (int run = 0; run < 5; run++) {
            for (int i = 0; i < 4; i++) {
                log.onEvent(event("run-" + run, "e" + i));
            }
        }
        assertThat(log.runsKept()).isEqualTo(3);
        assertThat(log.events("run-0")).isEmpty();
        assertThat(log.events("run-4")).extracting(AgentEvent::message).containsExactly("e2", "e3");
    }

    @Test
    void subscribersHearLaterEventsUntilClosedAndAFailingOneHarmsNoOther() throws Exception {
        EventLog log = new EventLog(10, 10);
        List<String> heard = new ArrayList<>();
        log.subscribe(e -> {
            throw new IllegalStateException("a broken console client");
        });
        AutoCloseable handle = log.subscribe(e -> heard.add(e.message()));
        log.onEvent(event("r", "one"));
        handle.close();
        log.onEvent(event("r", "two"));
        assertThat(heard).containsExactly("one");
        assertThat(log.events("r")).hasSize(2);
    }
}
