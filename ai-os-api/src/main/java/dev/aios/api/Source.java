package dev.aios.api;

import java.util.Locale;

/**
 * Where a piece of data came from: one element of a {@link Provenance}. Two sources are the same
 * when their kind and id are.
 *
 * @param kind what sort of origin it is
 * @param id which one: a tool's name, a sensor's source, a memory record's id, a brain call's
 *     purpose; {@code "goal"} for the user
 */
public record Source(Kind kind, String id) implements Comparable<Source> {

    /** The sorts of origin the runtime tells apart. */
    public enum Kind {
        /** The user: the goal's text and context, and the host's own configuration. */
        USER,
        /** A tool's result (an in-process tool or an MCP server's). */
        TOOL,
        /** A sensor's observation (mail, calendar, chat, tracker, clock, files). */
        SENSOR,
        /** A memory record, by id. */
        MEMORY,
        /** A model's answer, by the purpose of the call. */
        BRAIN
    }

    private static final Source USER = new Source(Kind.USER, "goal");

    /** Validates. */
    public Source {
        Checks.notNull(kind, "source kind");
        Checks.notBlank(id, "source id");
    }

    /** @return the user, who wrote the goal */
    public static Source user() {
        return USER;
    }

    /** @return the tool named {@code name} */
    public static Source tool(String name) {
        return new Source(Kind.TOOL, name);
    }

    /** @return the sensor whose observations carry {@code source} */
    public static Source sensor(String source) {
        return new Source(Kind.SENSOR, source);
    }

    /** @return the memory record with id {@code id} */
    public static Source memory(String id) {
        return new Source(Kind.MEMORY, id);
    }

    /** @return a model call made for {@code purpose} */
    public static Source brain(String purpose) {
        return new Source(Kind.BRAIN, purpose);
    }

    /**
     * Reads the form {@link #toString()} writes.
     *
     * @throws IllegalArgumentException if {@code text} is not {@code kind:id} with a known kind
     */
    public static Source parse(String text) {
        Checks.notNull(text, "source");
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("a source is written kind:id, was '" + text + "'");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(text.substring(0, colon).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown source kind in '" + text + "'; known: user, tool, sensor,"
                    + " memory, brain", e);
        }
        return new Source(kind, text.substring(colon + 1));
    }

    @Override
    public int compareTo(Source other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : id.compareTo(other.id);
    }

    /** @return {@code kind:id}, the kind in lower case, e.g. {@code tool:mail.read} */
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ':' + id;
    }
}
