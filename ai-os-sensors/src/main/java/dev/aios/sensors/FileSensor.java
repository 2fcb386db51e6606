package dev.aios.sensors;

import dev.aios.api.Observation;
import dev.aios.sensors.internal.FolderSensor;
import dev.aios.sensors.internal.BuilderChecks;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every file-backed sensor shares: it watches a folder (or one file) through a
 * {@link FolderSensor} and differs only in the file format it reads.
 */
abstract sealed class FileSensor implements ResumableSensor
        permits MailSensor, CalendarSensor, ChatExportSensor, TrackerSensor {
    private final FolderSensor folder;

    FileSensor(FolderSensor folder) {
        this.folder = folder;
    }

    @Override
    public String name() {
        return folder.name();
    }

    @Override
    public void start(Consumer<Observation> sink) {
        folder.start(sink);
    }

    @Override
    public void resume(Map<String, String> state) {
        folder.resume(state);
    }

    @Override
    public Map<String, String> checkpoint() {
        return folder.checkpoint();
    }

    /** Reads new and changed items now, on the calling thread, instead of waiting for the next look. */
    public void scanNow() {
        folder.scanNow();
    }

    @Override
    public void close() {
        folder.close();
    }

    /**
     * The options every file sensor has: its name, whether it reacts to file-system events, and
     * how often it polls.
     *
     * @param <B> the concrete builder, returned by each option
     */
    abstract static class FileSensorBuilder<B extends FileSensorBuilder<B>> {
        String name;
        boolean watch = true;
        Duration pollInterval = Duration.ofSeconds(5);

        FileSensorBuilder(String defaultName) {
            this.name = defaultName;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** The sensor's name; unique within a daemon. */
        public B name(String name) {
            this.name = name;
            return self();
        }

        /** Whether to react to file-system events at once (default true); polling runs either way. */
        public B watch(boolean watch) {
            this.watch = watch;
            return self();
        }

        /** How often to rescan (default 5 s, at least 10 ms). */
        public B pollInterval(Duration interval) {
            this.pollInterval = interval;
            return self();
        }

        /** Checks the shared options; the messages name the option. */
        void checkCommon() {
            BuilderChecks.sensorName(name);
            BuilderChecks.pollInterval(pollInterval);
        }
    }
}
