package dev.aios.api;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Something a run learned that should change later runs, such as "the tracker rejects titles
 * over 80 characters". Learners store lessons in memory; planners see them in perception.
 *
 * @param text the lesson, in words
 * @param tags words that say when it applies, such as tool names (copied, sorted)
 */
public record Lesson(String text, Set<String> tags) {

    /** Validates and copies. */
    public Lesson {
        Checks.notBlank(text, "lesson text");
        tags = Collections.unmodifiableSortedSet(new TreeSet<>(Checks.notNull(tags, "lesson tags")));
    }
}
