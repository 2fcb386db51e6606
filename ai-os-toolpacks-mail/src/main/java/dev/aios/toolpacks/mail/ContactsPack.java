package dev.aios.toolpacks.mail;

import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Roots;
import dev.aios.toolpacks.mail.internal.ContactTools;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The contacts tool pack ({@code contacts}) over vCard files (read and written with ez-vcard)
 * inside the folders it is given: {@code contacts.search}, {@code contacts.add},
 * {@code contacts.update}, {@code contacts.delete}. A file is written whole to a temporary file
 * that then replaces it; cards keep their vCard version, new ones are vCard 3.0 (what most
 * address books import).
 *
 * <p>Without a {@link Builder#root} every call is refused with an error that says to configure
 * one; a {@link Builder#readOnlyRoot} can be searched but not changed.
 * {@snippet :
 * ToolPack contacts = ContactsPack.builder()
 *         .root(Path.of("contacts"))
 *         .addressBook("people.vcf")
 *         .build();
 * }
 */
public final class ContactsPack {
    private ContactsPack() {}

    /** @return a builder with no folders allowed yet */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures the contacts pack. */
    public static final class Builder {
        private final Roots.Builder roots = Roots.builder("contacts tools");
        private String addressBook = "contacts.vcf";
        private int maxResults = 50;

        private Builder() {}

        /** Adds a folder whose vCard files the tools may read and change; the first root holds the default address book. */
        public Builder root(Path folder) {
            roots.add(folder, true);
            return this;
        }

        /** Adds a folder whose vCard files the tools may read but never change. */
        public Builder readOnlyRoot(Path folder) {
            roots.add(folder, false);
            return this;
        }

        /** The vCard file used when a call names none, relative to the first root (default {@code contacts.vcf}). */
        public Builder addressBook(String file) {
            this.addressBook = Objects.requireNonNull(file, "address book file");
            return this;
        }

        /** The most contacts {@code contacts.search} returns (default 50). */
        public Builder maxResults(int max) {
            if (max < 1 || max > 1_000) {
                throw new IllegalArgumentException("maxResults must be between 1 and 1000, was " + max);
            }
            this.maxResults = max;
            return this;
        }

        /** @return the pack */
        public ToolPack build() {
            return ContactTools.pack(roots.build(), addressBook, maxResults);
        }
    }
}
