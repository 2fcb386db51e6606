package dev.aios.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What a host asks an agent to achieve: the request in words, context the planner may use,
 * the run's {@link Budget}, and tags that constrain how it may be done.
 *
 * <p>Tags are lower-case words. {@value #PRIVATE} means the goal's data must not leave the
 * machine: no cloud brain, no open-world tool.
 * {@snippet :
 * Goal goal = Goal.builder("File the bug from the chat thread")
 *         .context("project", "ai-os")
 *         .tag(Goal.PRIVATE)
 *         .budget(Budget.defaults().withMaxSteps(10))
 *         .build();
 * }
 *
 * @param id unique id of this goal, used in events and memory
 * @param text the request, in words
 * @param context named facts the planner may use (copied, ordered as given)
 * @param budget limits on the run
 * @param tags constraints on the run, such as {@value #PRIVATE} (copied, sorted)
 * @param contextLabels the label of each context value that did not come from the user, by key
 *     (copied); a key without one is the user's own ({@link Provenance#user()}). The goal's text
 *     is always the user's: never put a stranger's words in it, put them in labelled context
 */
public record Goal(String id, String text, Map<String, String> context, Budget budget, Set<String> tags,
        Map<String, Provenance> contextLabels) {

    private static final java.util.regex.Pattern LABELLED_KEY =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    /** Tag for goals whose data must stay on this machine. */
    public static final String PRIVATE = "private";

    /** Validates and copies. */
    public Goal {
        Checks.notBlank(id, "goal id");
        Checks.notBlank(text, "goal text");
        Checks.notNull(context, "goal context").forEach((k, v) -> {
            Checks.notBlank(k, "goal context key");
            Checks.notNull(v, "goal context value of " + k);
        });
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        Checks.notNull(budget, "goal budget");
        for (String tag : Checks.notNull(tags, "goal tags")) {
            Checks.notBlank(tag, "goal tag");
        }
        tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
        Map<String, String> keys = context;
        Checks.notNull(contextLabels, "goal context labels").forEach((k, v) -> {
            if (!keys.containsKey(k)) {
                throw new IllegalArgumentException("goal context label for '" + k + "', which is not a context key "
                        + keys.keySet());
            }
            Checks.notNull(v, "goal context label of " + k);
            if (!v.isTrusted() && !LABELLED_KEY.matcher(k).matches()) {
                // the planner is shown the key of a withheld value, so the key itself must be the host's plain name
                throw new IllegalArgumentException("the key of an untrusted context value must be a plain name (a letter,"
                        + " then letters, digits, '_', '-' or '.', at most 64), was '" + Excerpt64.of(k) + "'");
            }
        });
        contextLabels = Collections.unmodifiableMap(new LinkedHashMap<>(contextLabels));
    }

    /** A goal whose context is all the user's own. */
    public Goal(String id, String text, Map<String, String> context, Budget budget, Set<String> tags) {
        this(id, text, context, budget, tags, Map.of());
    }

    /**
     * @return the label of the goal's own text, and of whatever is made from it alone: the
     *     user's, private when the goal is {@link #isPrivate()}
     */
    public Provenance textLabel() {
        return isPrivate() ? Provenance.user().asPrivate() : Provenance.user();
    }

    /** @return the label of the context value under {@code key}: its own label, or the user's */
    public Provenance contextLabel(String key) {
        return contextLabels.getOrDefault(key, Provenance.user());
    }

    /** @return a goal with a fresh id, no context, default budget and no tags */
    public static Goal of(String text) {
        return builder(text).build();
    }

    /** @return a builder for a goal with the given text */
    public static Builder builder(String text) {
        return new Builder(text);
    }

    /** @return whether the goal carries {@code tag} */
    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    /** @return whether the goal's data must stay on this machine ({@value #PRIVATE}) */
    public boolean isPrivate() {
        return hasTag(PRIVATE);
    }

    /** Builds a {@link Goal}; every option has a default. */
    public static final class Builder {
        private final String text;
        private String id = UUID.randomUUID().toString();
        private final Map<String, String> context = new LinkedHashMap<>();
        private final Map<String, Provenance> contextLabels = new LinkedHashMap<>();
        private Budget budget = Budget.defaults();
        private final Set<String> tags = new TreeSet<>();

        private Builder(String text) {
            this.text = text;
        }

        /** Sets the id (default: a random UUID). */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Adds one context entry, the user's own (it replaces any entry and label under {@code key}). */
        public Builder context(String key, String value) {
            context.put(Checks.notBlank(key, "context key"), Checks.notNull(value, "context value"));
            contextLabels.remove(key);
            return this;
        }

        /** Adds all entries of {@code entries} to the context. */
        /**
         * Adds a context value that did not come from the user (a mail's sender, a chat message),
         * with its label. The planner is shown only that it exists, and plans refer to it as
         * {@code ${key}}; the runtime fills it in at the step, and the gate sees its label.
         */
        public Builder context(String key, String value, Provenance label) {
            context(key, value);
            contextLabels.put(key, Checks.notNull(label, "label of " + key));
            return this;
        }

        public Builder context(Map<String, String> entries) {
            entries.forEach(this::context);
            return this;
        }

        /** Sets the budget (default: {@link Budget#defaults()}). */
        public Builder budget(Budget budget) {
            this.budget = budget;
            return this;
        }

        /** Adds a tag such as {@value Goal#PRIVATE}. */
        public Builder tag(String tag) {
            tags.add(Checks.notBlank(tag, "tag"));
            return this;
        }

        /** @return the goal; throws if the text is blank */
        public Goal build() {
            return new Goal(id, text, context, budget, tags, contextLabels);
        }
    }

    /** Cuts a bad key for an error message. */
    private static final class Excerpt64 {
        static String of(String s) {
            return s.length() <= 64 ? s : s.substring(0, 64) + "...";
        }
    }
}
