package dev.aios.media.internal;

import dev.aios.media.MediaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An external program the media engine runs (ffmpeg, ffprobe, espeak-ng, dot): found on the
 * {@code PATH} or at a configured location, run with its arguments as a list (never through a
 * shell), with a time limit, its output captured up to a bound, and a clear error when it is
 * missing or fails.
 *
 * @param name the program's name, for messages and the PATH lookup
 * @param executable where it is
 */
public record ExternalProgram(String name, Path executable) {
    private static final Logger log = LoggerFactory.getLogger(ExternalProgram.class);
    private static final int OUTPUT_LIMIT = 1 << 20;

    /**
     * Finds {@code name} on the {@code PATH}.
     *
     * @return the program, or empty when it is not installed
     */
    public static Optional<ExternalProgram> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new ExternalProgram(name, candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * Finds {@code name} at {@code configured} when given, else on the {@code PATH}.
     *
     * @throws MediaException naming the program, what it is for and the package to install
     */
    public static ExternalProgram require(String name, @Nullable Path configured, String neededFor,
            String debianPackage) {
        if (configured != null) {
            if (!Files.isExecutable(configured)) {
                throw MediaException.invalid("the configured " + name + " at " + configured
                        + " is not an executable file");
            }
            return new ExternalProgram(name, configured);
        }
        return find(name).orElseThrow(() -> MediaException.missingProgram(name, neededFor, debianPackage));
    }

    /** What a finished run printed. */
    public record Output(int exitCode, String stdout, String stderr) {}

    /**
     * Runs the program and waits for it.
     *
     * @param args the arguments, each passed as is
     * @param stdin bytes for its standard input, or null for none
     * @param timeout how long it may run; it is killed after that
     * @param stderrLines receives each line it writes to standard error as it comes (progress)
     * @return what it printed, when it exited with 0
     * @throws MediaException when it cannot start, runs past {@code timeout}, or exits with an error
     *     (the message holds the end of what it wrote to standard error)
     */
    public Output run(List<String> args, byte @Nullable [] stdin, Duration timeout, Consumer<String> stderrLines) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(executable.toString());
        command.addAll(args);
        log.debug("running {}", command);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw MediaException.failed("could not start " + name + " (" + executable + "): " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder err = new StringBuilder();
        Thread outReader = Thread.ofVirtual().start(() -> drain(process.getInputStream(), out));
        Thread errReader = Thread.ofVirtual().start(() -> lines(process.getErrorStream(), err, stderrLines));
        try {
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // the program may exit without reading its input; its exit code tells
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw MediaException.failed(name + " ran longer than " + timeout.toSeconds()
                        + " s and was stopped", null);
            }
            outReader.join();
            errReader.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw MediaException.failed(name + " was interrupted", e);
        }
        String stderr;
        synchronized (err) {
            stderr = err.toString();
        }
        int code = process.exitValue();
        if (code != 0) {
            throw MediaException.failed(name + " failed with exit code " + code + ": " + tail(stderr), null);
        }
        return new Output(code, out.toString(StandardCharsets.UTF_8), stderr);
    }

    /** As {@link #run(List, byte[], Duration, Consumer)}, with no input and no progress. */
    public Output run(List<String> args, Duration timeout) {
        return run(args, null, timeout, line -> {});
    }

    private static void drain(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() < OUTPUT_LIMIT) {
                    out.write(buffer, 0, Math.min(n, OUTPUT_LIMIT - out.size()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void lines(InputStream in, StringBuilder all, Consumer<String> each) {
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (all) {
                    if (all.length() < OUTPUT_LIMIT) {
                        all.append(line).append('\n');
                    }
                }
                each.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 1_500 ? trimmed : "..." + trimmed.substring(trimmed.length() - 1_500);
    }
}
