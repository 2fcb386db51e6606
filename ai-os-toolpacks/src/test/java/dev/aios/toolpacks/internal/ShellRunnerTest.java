package dev.aios.toolpacks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellRunnerTest {
    @TempDir
    Path dir;

    @Test
    void relativePathEntriesAreIgnoredWhenFindingAProgram() throws Exception {
        // a relative PATH entry ("bin") names a folder relative to wherever the JVM runs: a planted
        // program there must not be chosen
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("bin"));
        Path planted = Files.writeString(dir.resolve("bin/aios-test-program"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(relative.isAbsolute()).isFalse();
        assertThat(ShellRunner.onPath("aios-test-program", relative.toString())).isNull();
        assertThat(ShellRunner.onPath("aios-test-program", relative + File.pathSeparator + dir.resolve("bin")))
                .isEqualTo(planted);
    }
}
