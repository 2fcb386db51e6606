package dev.aios.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.media.MediaException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalProgramTest {

    @Test
    void runsAProgramWithItsArgumentsAsGivenAndItsInput() {
        ExternalProgram cat = ExternalProgram.find("cat").orElseThrow();
        var out = cat.run(List.of(), "a; b $(echo c)".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10),
                line -> {});
        assertThat(out.stdout()).isEqualTo("a; b $(echo c)");
    }

    @Test
    void aFailureCarriesTheEndOfWhatTheProgramSaid() {
        ExternalProgram sh = ExternalProgram.find("sh").orElseThrow();
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> sh.run(List.of("-c", "echo broken input >&2; exit 3"), null, Duration.ofSeconds(10),
                seen::add)).isInstanceOf(MediaException.class).hasMessageContaining("exit code 3")
                .hasMessageContaining("broken input");
        assertThat(seen).containsExactly("broken input");
    }

    @Test
    void aProgramPastItsTimeIsStopped() {
        ExternalProgram sleep = ExternalProgram.find("sleep").orElseThrow();
        assertThatThrownBy(() -> sleep.run(List.of("30"), Duration.ofMillis(300)))
                .isInstanceOf(MediaException.class).hasMessageContaining("was stopped");
    }

    @Test
    void aMissingProgramIsNamedWithItsPackage() {
        assertThat(ExternalProgram.find("no-such-program-aios")).isEmpty();
        assertThatThrownBy(() -> ExternalProgram.require("no-such-program-aios", null, "testing", "aios-test"))
                .isInstanceOf(MediaException.class)
                .hasMessageContaining("'no-such-program-aios' is needed for testing")
                .hasMessageContaining("apt-get install aios-test");
    }
}
