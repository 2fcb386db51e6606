package dev.aios.toolpacks;

import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Pack.Output;
import dev.aios.toolpacks.internal.Roots;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.toolpacks.internal.TextTools;
import dev.aios.toolpacks.internal.Trash;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code text} pack: unified diffs and patches (java-diff-utils), word statistics, regular
 * expression search with line numbers, and find-and-replace in files. Tools that take text accept
 * it inline or as a file inside the roots; files outside them are refused, and with no root only
 * inline text works.
 * {@snippet :
 * ToolPack text = TextPack.builder().root(Path.of("work")).build();
 * }
 * Tools: {@code text.diff, text.patch, text.stats, text.find, text.replace}. Regular expressions run
 * with a time limit of 2 s, so a pattern that backtracks without end fails instead of hanging.
 */
public final class TextPack {
    private TextPack() {}

    /** @return a builder with no folders (only inline text until a root is added) */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures the folders of a text pack. */
    public static final class Builder {
        private final Roots.Builder roots = Roots.builder("text tools");
        private @Nullable Path trash;
        private @Nullable Path firstWritable;

        private Builder() {}

        /** Adds a folder whose files the tools may read and change (created when missing). */
        public Builder root(Path folder) {
            roots.add(Objects.requireNonNull(folder, "root"), true);
            if (firstWritable == null) {
                firstWritable = folder;
            }
            return this;
        }

        /** Adds a folder whose files the tools may read but not patch or edit. */
        public Builder readOnlyRoot(Path folder) {
            roots.add(Objects.requireNonNull(folder, "readOnlyRoot"), false);
            return this;
        }

        /**
         * Sets where {@code text.patch} and {@code text.replace} keep the version before each edit.
         * Default: the {@code .trash} folder inside the first writable root, the same one
         * {@link FilesPack}'s {@code files.restore} reads.
         */
        public Builder trash(Path folder) {
            this.trash = Objects.requireNonNull(folder, "trash");
            return this;
        }

        /**
         * @return the pack
         * @throws UncheckedIOException if a root or the trash cannot be created
         */
        public ToolPack build() {
            Path folder = trash != null ? trash : firstWritable == null ? null : firstWritable.resolve(".trash");
            TextTools t = new TextTools(roots.build(), Trash.in(folder, "text tools"));
            String file = "a file inside the roots";
            return Pack.named("text").examples(TextPack.class)
                    .tool("text.diff", "Compare two texts or files and show the differences (what changed) as a"
                            + " unified diff.",
                            Schema.object().string("left_path", "the original, as " + file)
                                    .string("left_text", "the original, as text").string("right_path",
                                            "the changed version, as " + file)
                                    .string("right_text", "the changed version, as text")
                                    .integer("context", "unchanged lines shown around each change (default 3)").json(),
                            ToolRisk.READ_ONLY, Output.OUTSIDE, t::diff)
                    .tool("text.patch", "Apply a unified diff (a patch) to a file to change it. Nothing changes if"
                            + " a hunk does not match; the error names that hunk.",
                            Schema.object().string("path", "the file to change").string("diff", "the unified diff"
                                    + " (--- / +++ / @@ lines)").required("path", "diff").json(),
                            ToolRisk.SIDE_EFFECTING, Output.COMPUTED, t::patch)
                    .tool("text.stats", "Count the words, lines and characters of a text or file (a word count) and"
                            + " list its most frequent words.",
                            Schema.object().string("path", file).string("text", "the text itself")
                                    .integer("top", "how many frequent words to list (default 10)").json(),
                            ToolRisk.READ_ONLY, Output.OUTSIDE, t::stats)
                    .tool("text.find", "Search inside one text or file for a regular expression (or plain word),"
                            + " listing each match with its line and column number. To find which files contain"
                            + " something, use files.search.",
                            Schema.object().string("pattern", "a Java regular expression").string("path", file)
                                    .string("text", "the text itself").bool("ignore_case", "ignore letter case")
                                    .integer("max_matches", "most matches to return (default 100)")
                                    .required("pattern").json(),
                            ToolRisk.READ_ONLY, Output.OUTSIDE, t::find)
                    .tool("text.replace", "Find and replace in a file: changes every occurrence of a word, phrase"
                            + " or regular expression and reports how many were replaced.",
                            Schema.object().string("path", "the file to change").string("find", "what to look for")
                                    .string("replace", "the replacement; with regex, $1 inserts group 1")
                                    .bool("regex", "treat 'find' as a regular expression (default false: literal)")
                                    .required("path", "find", "replace").json(),
                            ToolRisk.SIDE_EFFECTING, Output.COMPUTED, t::replace)
                    .build();
        }
    }
}