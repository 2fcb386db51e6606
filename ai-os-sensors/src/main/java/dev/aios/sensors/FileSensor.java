package dev.aios.sensors;

import dev.aios.api.Observation;
import dev.aios.sensors.internal.FolderSensor;
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
}
