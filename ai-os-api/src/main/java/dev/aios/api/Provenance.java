package dev.aios.api;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where a value came from, whether it may steer the agent, and who may read it: the label every
 * value carries through a run (tool results, sensor observations, memory records, answers). The
 * runtime derives labels; policies read them.
 *
 * <p>Labels only ever get stricter as data mixes: {@link #join} of two labels holds both sources,
 * is trusted only if both are, and is private if either is. A value without a label is treated as
 * {@link #unknown()}: untrusted and private.
 *
 * @param sources where the value came from (copied, sorted)
 * @param trust whether the value may steer the agent
 * @param readers who may read the value
 */
public record Provenance(SortedSet<Source> sources, Trust trust, Readers readers) {

    /** Whether a value may steer the agent: choose tools, recipients, addresses, instructions. */
    public enum Trust {
        /** The user's goal and configuration, and what the runtime derives from them alone. */
        TRUSTED,
        /** Anything read from outside: mail, web pages, files, tool and MCP results, sensors. */
        UNTRUSTED
    }

    /** Who may read a value. */
    public enum Readers {
        /** Anyone: it may reach cloud brains and open-world tools. */
        ANYONE,
        /** The user's private data: it reaches local brains and local tools only. */
        LOCAL_ONLY
    }

    /** Metadata key of a memory record's trust ({@link #toMetadata()}). */
    public static final String META_TRUST = "aios.trust";
    /** Metadata key of a memory record's readers. */
    public static final String META_READERS = "aios.readers";
    /** Metadata key of a memory record's sources: {@code kind:id} each, URL-encoded, comma-separated. */
    public static final String META_SOURCES = "aios.sources";

    private static final Provenance USER = new Provenance(new TreeSet<>(Set.of(Source.user())), Trust.TRUSTED,
            Readers.ANYONE);
    private static final Provenance UNKNOWN = new Provenance(new TreeSet<>(), Trust.UNTRUSTED, Readers.LOCAL_ONLY);

    /** Validates and copies. */
    public Provenance {
        sources = Collections.unmodifiableSortedSet(new TreeSet<>(Checks.notNull(sources, "sources")));
        Checks.notNull(trust, "trust");
        Checks.notNull(readers, "readers");
    }

    /** @return the label of the user's own text (a goal that is not private): trusted, anyone may read */
    public static Provenance user() {
        return USER;
    }

    /** @return the label of a value nobody labelled: untrusted and private, from nowhere known */
    public static Provenance unknown() {
        return UNKNOWN;
    }

    /** @return an untrusted, private label from {@code sources} */
    public static Provenance untrusted(Source... sources) {
        return new Provenance(new TreeSet<>(Set.of(sources)), Trust.UNTRUSTED, Readers.LOCAL_ONLY);
    }

    /** @return a trusted, private label from {@code sources} */
    public static Provenance trusted(Source... sources) {
        return new Provenance(new TreeSet<>(Set.of(sources)), Trust.TRUSTED, Readers.LOCAL_ONLY);
    }

    /** @return true if the value may steer the agent */
    public boolean isTrusted() {
        return trust == Trust.TRUSTED;
    }

    /** @return true if the value must stay on this machine */
    public boolean isPrivate() {
        return readers == Readers.LOCAL_ONLY;
    }

    /** @return the label of a value made from this one and {@code other}: both sources, the stricter of each */
    public Provenance join(Provenance other) {
        if (other.equals(this)) {
            return this;
        }
        TreeSet<Source> both = new TreeSet<>(sources);
        both.addAll(other.sources);
        return new Provenance(both, trust == Trust.TRUSTED && other.trust == Trust.TRUSTED ? Trust.TRUSTED
                : Trust.UNTRUSTED, readers == Readers.ANYONE && other.readers == Readers.ANYONE ? Readers.ANYONE
                : Readers.LOCAL_ONLY);
    }

    /**
     * @param labels the labels of the parts; none means the user's own text
     * @return the label of a value made from all of them
     */
    public static Provenance joinAll(Collection<Provenance> labels) {
        Provenance out = null;
        for (Provenance p : labels) {
            out = out == null ? p : out.join(p);
        }
        return out == null ? USER : out;
    }

    /** @return this label with {@code source} added */
    public Provenance withSource(Source source) {
        TreeSet<Source> more = new TreeSet<>(sources);
        more.add(source);
        return new Provenance(more, trust, readers);
    }

    /** @return this label, private */
    public Provenance asPrivate() {
        return readers == Readers.LOCAL_ONLY ? this : new Provenance(sources, trust, Readers.LOCAL_ONLY);
    }

    /** @return this label, untrusted */
    public Provenance asUntrusted() {
        return trust == Trust.UNTRUSTED ? this : new Provenance(sources, Trust.UNTRUSTED, readers);
    }

    /** @return a short phrase for people, e.g. {@code from tool:mail.read (untrusted, private)} */
    public String describe() {
        return (sources.isEmpty() ? "from an unknown source" : "from " + String.join(", ",
                sources.stream().map(Source::toString).toList())) + " (" + (isTrusted() ? "trusted" : "untrusted")
                + (isPrivate() ? ", private)" : ")");
    }

    /**
     * @return a short description safe to put in a prompt that steers the agent (a planner's):
     *     trust and readers, the names of tools, sensors and brain purposes (reduced to plain
     *     characters, at most 48 each), and memory records counted, not named. Ids such as a mail's
     *     message id are chosen by whoever wrote the data, so they never appear here.
     */
    public String summary() {
        java.util.List<String> names = new java.util.ArrayList<>();
        int memories = 0;
        for (Source s : sources) {
            switch (s.kind()) {
                case MEMORY -> memories++;
                case USER -> names.add("the user");
                case SENSOR -> names.add("sensor " + plain(s.id().contains("/") ? s.id().substring(0, s.id().indexOf('/'))
                        : s.id()));
                case TOOL -> names.add("tool " + plain(s.id()));
                case BRAIN -> names.add("brain " + plain(s.id()));
            }
        }
        if (memories > 0) {
            names.add(memories == 1 ? "1 memory" : memories + " memories");
        }
        return (names.isEmpty() ? "from an unknown source" : "from " + String.join(", ", names)) + " ("
                + (isTrusted() ? "trusted" : "untrusted") + (isPrivate() ? ", private)" : ")");
    }

    private static String plain(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 48; i++) {
            char c = name.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-') {
                out.append(c);
            }
        }
        return out.isEmpty() ? "?" : out.toString();
    }

    /** @return the metadata entries that store this label with a memory record */
    public Map<String, String> toMetadata() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(META_TRUST, trust.name());
        out.put(META_READERS, readers.name());
        out.put(META_SOURCES, String.join(",", sources.stream()
                .map(s -> URLEncoder.encode(s.toString(), StandardCharsets.UTF_8)).toList()));
        return out;
    }

    /**
     * Reads a label stored by {@link #toMetadata()}. A record stored without one, or with one
     * that does not read, is {@link #unknown()}: nothing unlabelled is ever trusted.
     */
    public static Provenance fromMetadata(Map<String, String> metadata) {
        String trust = metadata.get(META_TRUST);
        String readers = metadata.get(META_READERS);
        String sources = metadata.get(META_SOURCES);
        if (trust == null || readers == null || sources == null) {
            return UNKNOWN;
        }
        try {
            TreeSet<Source> parsed = new TreeSet<>();
            for (String s : sources.split(",")) {
                if (!s.isEmpty()) {
                    parsed.add(Source.parse(URLDecoder.decode(s, StandardCharsets.UTF_8)));
                }
            }
            return new Provenance(parsed, Trust.valueOf(trust), Readers.valueOf(readers));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
