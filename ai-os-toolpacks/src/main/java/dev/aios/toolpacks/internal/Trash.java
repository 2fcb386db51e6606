package dev.aios.toolpacks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A trash folder: each trashed item is moved to {@code <trash>/<id>/<name>} beside a note
 * {@code <trash>/<id>.json} of where it came from, so it can be put back.
 */
public final class Trash {
    private final @Nullable Path folder;

    /** @param folder the trash folder, or null when the pack has none (trash tools then refuse) */
    public Trash(@Nullable Path folder) {
        this.folder = folder;
    }

    /**
     * @param folder the trash folder, created when missing, or null for no trash
     * @param owner the tools that use it, for the error
     * @return the trash
     * @throws UncheckedIOException if the folder cannot be created
     */
    public static Trash in(@Nullable Path folder, String owner) {
        if (folder == null) {
            return new Trash(null);
        }
        try {
            return new Trash(Files.createDirectories(folder).toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + folder + " as the trash of the " + owner + ": " + e, e);
        }
    }

    /** @return whether {@code real} is the trash or inside it */
    public boolean holds(Path real) {
        return folder != null && real.startsWith(folder);
    }

    /** One trashed item. */
    public record Item(String id, Path original, Instant trashedAt) {}

    /** Moves {@code real} into the trash; @return its id */
    public String put(Path real) throws IOException {
        String id = newSlot(folder(), real);
        FileTrees.move(real, folder().resolve(id).resolve(real.getFileName().toString()));
        return id;
    }

    /**
     * Puts a copy of the file {@code real} into the trash and leaves the file in place, so an edit
     * can be undone; @return the copy's id, or null when there is no trash
     */
    public @Nullable String keepCopy(Path real) throws IOException {
        if (folder == null) {
            return null;
        }
        String id = newSlot(folder, real);
        Files.copy(real, folder.resolve(id).resolve(real.getFileName().toString()), LinkOption.NOFOLLOW_LINKS);
        return id;
    }

    /** Makes an empty slot for {@code real} and its note; @return the slot's id */
    private static String newSlot(Path trash, Path real) throws IOException {
        String id = Instant.now().toString().replace(":", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(trash.resolve(id));
        Files.writeString(trash.resolve(id + ".json"),
                Json.text(Map.of("original", real.toString(), "trashedAt", Instant.now().toString())));
        return id;
    }

    /** @return the items in the trash, newest first */
    public List<Item> items() throws IOException {
        Path trash = folder();
        List<Item> items = new ArrayList<>();
        if (!Files.isDirectory(trash)) {
            return items;
        }
        try (Stream<Path> notes = Files.list(trash)) {
            for (Path note : notes.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                JsonNode json = Json.MAPPER.readTree(note.toFile());
                String name = note.getFileName().toString();
                items.add(new Item(name.substring(0, name.length() - 5), Path.of(json.path("original").asText()),
                        Instant.parse(json.path("trashedAt").asText())));
            }
        }
        items.sort(Comparator.comparing(Item::trashedAt).reversed());
        return items;
    }

    /** Puts {@code item} back where it was; the place must be free. */
    public void restore(Item item) throws IOException {
        Path trash = folder();
        if (Files.exists(item.original(), LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("something already exists where the trashed item was; move it away"
                    + " first");
        }
        Files.createDirectories(item.original().getParent());
        Path slot = trash.resolve(item.id());
        FileTrees.move(slot.resolve(item.original().getFileName().toString()), item.original());
        FileTrees.delete(slot);
        Files.deleteIfExists(trash.resolve(item.id() + ".json"));
    }

    /** Deletes everything in the trash for good; @return how many items were deleted */
    public int empty() throws IOException {
        List<Item> items = items();
        Path trash = folder();
        for (Item item : items) {
            FileTrees.delete(trash.resolve(item.id()));
            Files.deleteIfExists(trash.resolve(item.id() + ".json"));
        }
        return items.size();
    }

    private Path folder() {
        if (folder == null) {
            throw new IllegalArgumentException("the files tools have no trash: configure a writable root or"
                    + " FilesPack.builder().trash(folder)");
        }
        return folder;
    }
}
