package dev.aios.sensors;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One item of the {@link TaskTracker}: a task, bug or request.
 *
 * @param id the tracker's id, such as {@code T-12}
 * @param title a one-line summary
 * @param description details; may be empty
 * @param status one of {@link TaskTracker#STATUSES}
 * @param project the project it belongs to; may be empty
 * @param labels free-form labels such as {@code bug} (copied)
 * @param created when it was filed
 * @param updated when it last changed
 * @param version 1 when created, one more at each update
 */
public record TrackerItem(String id, String title, String description, String status, String project,
        List<String> labels, Instant created, Instant updated, int version) {

    /** Validates and copies. */
    public TrackerItem {
        Objects.requireNonNull(id, "tracker item id");
        Objects.requireNonNull(title, "title of tracker item " + id);
        Objects.requireNonNull(description, "description of tracker item " + id);
        Objects.requireNonNull(status, "status of tracker item " + id);
        Objects.requireNonNull(project, "project of tracker item " + id);
        labels = List.copyOf(labels);
        Objects.requireNonNull(created, "created time of tracker item " + id);
        Objects.requireNonNull(updated, "updated time of tracker item " + id);
        if (id.isBlank() || title.isBlank()) {
            throw new IllegalArgumentException("a tracker item needs an id and a title, was id='" + id + "' title='" + title + "'");
        }
    }
}
