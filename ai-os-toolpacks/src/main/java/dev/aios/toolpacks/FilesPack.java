package dev.aios.toolpacks;

import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.FileTools;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Pack.Output;
import dev.aios.toolpacks.internal.Roots;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.toolpacks.internal.Trash;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code files} pack: read, write, list, search, copy, move and trash files inside the folders
 * the host names, and nothing outside them. Paths are relative to the first root (or absolute
 * inside a root); {@code ..}, absolute paths elsewhere and links out of a root are refused.
 * Deleting goes to a trash (restorable); only {@code files.empty_trash} deletes for good.
 * {@snippet :
 * ToolPack files = FilesPack.builder()
 *         .root(Path.of("work"))              // read and write
 *         .readOnlyRoot(Path.of("reference")) // read only
 *         .build();
 * }
 * Tools: {@code files.read, files.write, files.append, files.list, files.search, files.info,
 * files.mkdir, files.copy, files.move, files.trash, files.restore, files.empty_trash}.
 */
public final class FilesPack {
    private FilesPack() {}

    /** @return a builder with no folders (every path refused until a root is added) */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures the folders of a files pack. */
    public static final class Builder {
        private final List<Path> roots = new ArrayList<>();
        private final List<Boolean> writable = new ArrayList<>();
        private @Nullable Path trash;

        private Builder() {}

        /** Adds a folder the tools may read and change (created when missing); the first root is where relative paths start. */
        public Builder root(Path folder) {
            roots.add(Objects.requireNonNull(folder, "root"));
            writable.add(true);
            return this;
        }

        /** Adds a folder the tools may read but not change. */
        public Builder readOnlyRoot(Path folder) {
            roots.add(Objects.requireNonNull(folder, "readOnlyRoot"));
            writable.add(false);
            return this;
        }

        /**
         * Sets where {@code files.trash} puts things. Default: a {@code .trash} folder inside the
         * first writable root, hidden from listings and searches; with no writable root, no trash.
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
            Roots.Builder rb = Roots.builder("files tools");
            Path firstWritable = null;
            for (int i = 0; i < roots.size(); i++) {
                rb.add(roots.get(i), writable.get(i));
                if (firstWritable == null && writable.get(i)) {
                    firstWritable = roots.get(i);
                }
            }
            Path trashFolder = trash != null ? trash : firstWritable == null ? null : firstWritable.resolve(".trash");
            return tools(new FileTools(rb.build(), Trash.in(trashFolder, "files tools")));
        }
    }

    private static ToolPack tools(FileTools t) {
        ToolRisk overwrite = new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, true);
        String path = "the path, relative to the first root folder";
        return Pack.named("files").examples(FilesPack.class)
                .tool("files.read", "Read or show the contents of a text file, optionally only some lines. Long"
                        + " text is cut at max_chars (default 20000); binary files are refused, so read PDF, Word"
                        + " or Excel files with their own tools.",
                        Schema.object().string("path", path).integer("from_line", "first line to return (1-based)")
                                .integer("to_line", "last line to return").integer("max_chars", "most characters to"
                                        + " return (default 20000)").required("path").json(),
                        ToolRisk.READ_ONLY, Output.OUTSIDE, t::read)
                .tool("files.write", "Write or save text to a file, creating it and its folders; an existing file"
                        + " is replaced only with overwrite: true, and its old version goes to the trash. To add to"
                        + " the end of a file, use files.append.",
                        Schema.object().string("path", path).string("text", "the whole content to write")
                                .bool("overwrite", "replace the file if it exists (default false)")
                                .required("path", "text").json(),
                        overwrite, Output.COMPUTED, t::write)
                .tool("files.append", "Add text to the end of a file (append a line or note), keeping what is there"
                        + " and creating the file if it is missing.",
                        Schema.object().string("path", path).string("text", "the text to add (include a line"
                                + " break if you want one)").required("path", "text").json(),
                        ToolRisk.SIDE_EFFECTING, Output.COMPUTED, t::append)
                .tool("files.list", "List or show what is in a folder (directory): its files and subfolders with"
                        + " kind, size and modification time. Optionally recursive, and filtered by a name pattern"
                        + " such as *.pdf.",
                        Schema.object().string("path", "the folder (default: the first root)")
                                .bool("recursive", "include everything below (default false)")
                                .string("pattern", "a glob the names must match, e.g. *.java or src/**.java").json(),
                        ToolRisk.READ_ONLY, Output.OUTSIDE, t::list)
                .tool("files.search", "Find or locate files by name (a pattern such as *.pdf) and/or by text they"
                        + " contain, in a folder and all its subfolders; returns the paths and the first matching"
                        + " line. To find matches inside one file, use text.find.",
                        Schema.object().string("path", "the folder to search (default: the first root)")
                                .string("name", "a glob the file name must match, e.g. *.md")
                                .string("contains", "text the file must contain (case-sensitive)")
                                .integer("max_results", "most matches to return (default 100)").json(),
                        ToolRisk.READ_ONLY, Output.OUTSIDE, t::search)
                .tool("files.info", "Show details about one file or folder: its size, kind, content type, when it"
                        + " was modified and created, and a text file's number of lines.",
                        Schema.object().string("path", path).required("path").json(),
                        ToolRisk.READ_ONLY, Output.OUTSIDE, t::info)
                .tool("files.mkdir", "Create (make) a new folder (directory), with any missing parent folders.",
                        Schema.object().string("path", path).required("path").json(),
                        overwrite, Output.COMPUTED, t::mkdir)
                .tool("files.copy", "Copy or duplicate a file or a whole folder to a new name or place. When 'to'"
                        + " is an existing folder the copy goes inside it; an existing file is never overwritten.",
                        Schema.object().string("from", "what to copy").string("to", "the new path, or a folder to"
                                + " copy into").required("from", "to").json(),
                        ToolRisk.SIDE_EFFECTING, Output.COMPUTED, t::copy)
                .tool("files.move", "Move or rename a file or folder. When 'to' is an existing folder the item goes"
                        + " inside it; an existing file is never overwritten.",
                        Schema.object().string("from", "what to move").string("to", "the new path, or a folder to"
                                + " move into").required("from", "to").json(),
                        ToolRisk.SIDE_EFFECTING, Output.COMPUTED, t::move)
                .tool("files.trash", "Delete or remove a file or folder (recoverable) by moving it to the trash,"
                        + " from where files.restore can bring it back. Only files.empty_trash erases things for"
                        + " good.",
                        Schema.object().string("path", path).required("path").json(),
                        ToolRisk.SIDE_EFFECTING, Output.COMPUTED, t::trash)
                .tool("files.restore", "Undelete or recover a deleted file or folder: puts the item most recently"
                        + " moved to the trash from that path back where it was.",
                        Schema.object().string("path", "the path the item had before it was trashed")
                                .required("path").json(),
                        ToolRisk.SIDE_EFFECTING, Output.COMPUTED, t::restore)
                .tool("files.empty_trash", "Empty (wipe) the trash, permanently deleting everything in it; this"
                        + " cannot be undone. To delete one file or folder recoverably, use files.trash.",
                        Schema.object().json(),
                        new ToolRisk(ToolRisk.Level.DESTRUCTIVE, false, true), Output.COMPUTED, t::emptyTrash)
                .build();
    }
}
