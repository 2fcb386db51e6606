package dev.aios.toolpacks;

import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.ArchiveTools;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Pack.Output;
import dev.aios.toolpacks.internal.Roots;
import dev.aios.toolpacks.internal.Schema;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code archive} pack: create and extract zip, tar, tar.gz and gzip files inside the folders
 * the host names (Apache Commons Compress). Extraction is safe against zip slip (an entry whose
 * name is absolute or climbs out with {@code ..}, or a link that points out, stops it with an
 * error naming the entry, and nothing is left behind) and against zip bombs (limits on bytes and
 * entries).
 * {@snippet :
 * ToolPack archives = ArchivePack.builder()
 *         .root(Path.of("work"))
 *         .maxBytes(256L * 1024 * 1024)
 *         .build();
 * }
 * Tools: {@code archive.zip, archive.unzip, archive.list, archive.tar, archive.untar,
 * archive.gzip, archive.gunzip}.
 */
public final class ArchivePack {
    private ArchivePack() {}

    /** @return a builder with no folders (every path refused until a root is added) */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures the folders and extraction limits of an archive pack. */
    public static final class Builder {
        private final Roots.Builder roots = Roots.builder("archive tools");
        private long maxBytes = 1024L * 1024 * 1024;
        private int maxEntries = 100_000;

        private Builder() {}

        /** Adds a folder the tools may read and write (created when missing); relative paths start at the first. */
        public Builder root(Path folder) {
            roots.add(Objects.requireNonNull(folder, "root"), true);
            return this;
        }

        /** Adds a folder whose archives and files the tools may read but not write into. */
        public Builder readOnlyRoot(Path folder) {
            roots.add(Objects.requireNonNull(folder, "readOnlyRoot"), false);
            return this;
        }

        /** Sets the most bytes one extraction (or gunzip) may write. Default 1 GiB. */
        public Builder maxBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBytes must be at least 1, not " + bytes);
            }
            this.maxBytes = bytes;
            return this;
        }

        /** Sets the most entries one extraction may hold. Default 100000. */
        public Builder maxEntries(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1, not " + entries);
            }
            this.maxEntries = entries;
            return this;
        }

        /** @return the pack */
        public ToolPack build() {
            ArchiveTools t = new ArchiveTools(roots.build(), maxBytes, maxEntries);
            ToolRisk writes = ToolRisk.SIDE_EFFECTING;
            String sources = "files and folders to pack, relative to the first root";
            String overwrite = "replace the output file if it exists (default false)";
            return Pack.named("archive").examples(ArchivePack.class)
                    .tool("archive.zip", "Compress files and folders into a new zip archive (.zip file). For a .tar"
                            + " or .tar.gz archive, use archive.tar.",
                            Schema.object().strings("paths", sources).string("output", "the zip file to write")
                                    .bool("overwrite", overwrite).required("paths", "output").json(),
                            writes, Output.COMPUTED, t::zip)
                    .tool("archive.unzip", "Unzip (extract, unpack) a zip archive into a folder, created if"
                            + " missing. Entries that would land outside the folder are refused.",
                            Schema.object().string("archive", "the zip file").string("to", "the folder to extract"
                                    + " into").required("archive", "to").json(),
                            writes, Output.OUTSIDE, t::unzip)
                    .tool("archive.list", "Show what is inside a zip, tar or tar.gz archive, its files with their"
                            + " sizes, without extracting it.",
                            Schema.object().string("archive", "the archive file").required("archive").json(),
                            ToolRisk.READ_ONLY, Output.OUTSIDE, t::list)
                    .tool("archive.tar", "Pack files and folders into a tar archive (a tarball), gzip-compressed"
                            + " when the name ends in .tar.gz or .tgz or gzip is true.",
                            Schema.object().strings("paths", sources).string("output", "the tar file to write")
                                    .bool("gzip", "compress with gzip (default: from the output name)")
                                    .bool("overwrite", overwrite).required("paths", "output").json(),
                            writes, Output.COMPUTED, t::tar)
                    .tool("archive.untar", "Extract (unpack) a tar or tar.gz (.tgz) archive into a folder, created"
                            + " if missing. Entries that would land outside the folder are refused.",
                            Schema.object().string("archive", "the tar or tar.gz file").string("to", "the folder"
                                    + " to extract into").required("archive", "to").json(),
                            writes, Output.OUTSIDE, t::untar)
                    .tool("archive.gzip", "Compress one single file with gzip into a .gz file, keeping the"
                            + " original. To bundle several files or folders, use archive.zip or archive.tar.",
                            Schema.object().string("path", "the file to compress").string("output", "the .gz file"
                                    + " to write (default: path + .gz)").bool("overwrite", overwrite)
                                    .required("path").json(),
                            writes, Output.COMPUTED, t::gzip)
                    .tool("archive.gunzip", "Decompress (unpack) one .gz file back into the original file, keeping"
                            + " the .gz file. For a .tar.gz archive, use archive.untar.",
                            Schema.object().string("path", "the .gz file").string("output", "the file to write"
                                    + " (default: path without .gz)").bool("overwrite", overwrite)
                                    .required("path").json(),
                            writes, Output.COMPUTED, t::gunzip)
                    .build();
        }
    }
}
