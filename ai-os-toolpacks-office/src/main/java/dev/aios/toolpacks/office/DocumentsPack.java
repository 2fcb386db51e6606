package dev.aios.toolpacks.office;

import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Roots;
import dev.aios.toolpacks.office.internal.DocumentAccess;
import dev.aios.toolpacks.office.internal.PdfTools;
import dev.aios.toolpacks.office.internal.SheetTools;
import dev.aios.toolpacks.office.internal.SlideTools;
import dev.aios.toolpacks.office.internal.WordTools;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code documents} tool pack: reads and writes PDF, Word ({@code .docx}), Excel
 * ({@code .xlsx}) and PowerPoint ({@code .pptx}) files inside the folders the host gives it.
 * {@snippet :
 * ToolPack documents = DocumentsPack.builder()
 *         .root(Path.of("work"))               // read and write here
 *         .readOnlyRoot(Path.of("inbox"))      // only read here
 *         .maxChars(20_000)
 *         .build();
 * ToolResult text = documents.call(new ToolCall("1", "pdf.text", Map.of("path", "report.pdf")));
 * }
 * Its tools: {@code pdf.text}, {@code pdf.info}, {@code pdf.create}, {@code pdf.merge},
 * {@code pdf.split}, {@code docx.read}, {@code docx.write}, {@code xlsx.read},
 * {@code xlsx.write}, {@code pptx.read}, {@code pptx.write}. Reading tools are read-only; writing
 * tools are side-effecting and idempotent, and replace an existing file only when the call says
 * {@code overwrite}. Every tool is local (no network).
 *
 * <p>Default deny: with no root, every path is refused with an error that says to configure one.
 * Documents are treated as hostile: text read from them is labelled untrusted and cut at
 * {@link Builder#maxChars}; encrypted files are refused; POI's zip-bomb guard stays on; nothing
 * a document links to is fetched.
 */
public final class DocumentsPack {
    private DocumentsPack() {}

    /** @return a builder with no folders, at most 50 pages and 20,000 characters read per call */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures the documents pack; every setting but the folders has a default. */
    public static final class Builder {
        private final Roots.Builder roots = Roots.builder("documents tools");
        private int maxPages = 50;
        private int maxChars = 20_000;

        private Builder() {}

        /**
         * Lets the tools read and write files in {@code folder} (created when missing). The first
         * root added is where relative paths start.
         */
        public Builder root(Path folder) {
            roots.add(Objects.requireNonNull(folder, "folder"), true);
            return this;
        }

        /** Lets the tools read, but not write, files in {@code folder} (created when missing). */
        public Builder readOnlyRoot(Path folder) {
            roots.add(Objects.requireNonNull(folder, "folder"), false);
            return this;
        }

        /**
         * How many pages of a PDF, or slides of a deck, one call reads at most (default 50); a
         * longer read says where to go on.
         */
        public Builder maxPages(int pages) {
            if (pages < 1) {
                throw new IllegalArgumentException("maxPages must be at least 1, not " + pages);
            }
            this.maxPages = pages;
            return this;
        }

        /**
         * How many characters of document text one result holds at most (default 20,000); the
         * rest is cut, and the result says how much.
         */
        public Builder maxChars(int chars) {
            if (chars < 100) {
                throw new IllegalArgumentException("maxChars must be at least 100, not " + chars);
            }
            this.maxChars = chars;
            return this;
        }

        /** @return the pack, named {@code documents} */
        public ToolPack build() {
            DocumentAccess access = new DocumentAccess(roots.build(), maxPages, maxChars);
            Pack.Builder pack = Pack.named("documents").examples(DocumentsPack.class);
            PdfTools.addTo(pack, access);
            WordTools.addTo(pack, access);
            SheetTools.addTo(pack, access);
            SlideTools.addTo(pack, access);
            return pack.build();
        }
    }
}
