package dev.aios.toolpacks.internal;

import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Roots.Access;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The code of the files tools, over confined roots and a trash: each public method is the tool of
 * the same name ({@code files.read}...), given arguments that already fit its schema.
 */
public final class FileTools {
    private static final int MAX_LISTED = 500;
    private static final int MAX_SEARCHED_FILES = 20_000;
    /** A line is looked at in pieces of this many characters at most, however long it is. */
    private static final int MAX_LINE_CHARS = 64 * 1024;
    private final Roots roots;
    private final Trash trash;

    /** @param roots where the tools may read and write; @param trash where deleted items go */
    public FileTools(Roots roots, Trash trash) {
        this.roots = roots;
        this.trash = trash;
    }

    public ToolResult read(Map<String, Object> args) throws IOException {
        Path file = roots.resolve(Args.string(args, "path"), Access.READ);
        String text = TextFiles.read(file, roots.display(file), TextFiles.MAX_FILE_BYTES);
        long from = Args.integer(args, "from_line", 1);
        long to = Args.integer(args, "to_line", Long.MAX_VALUE);
        int max = (int) Math.min(Args.integer(args, "max_chars", 20_000), 200_000);
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("argument 'from_line' must be 1 or more and 'to_line' not below it");
        }
        if (from > 1 || to != Long.MAX_VALUE) {
            List<String> lines = text.lines().toList();
            int start = (int) Math.min(from - 1, lines.size());
            int end = (int) Math.min(to, lines.size());
            text = String.join("\n", lines.subList(start, end));
        }
        return ToolResult.success(ToolHandlers.cut(text, Math.max(1, max)));
    }

    public ToolResult write(Map<String, Object> args) throws IOException {
        Path file = writable(Args.string(args, "path"));
        String text = Args.text(args, "text");
        boolean overwrite = Args.bool(args, "overwrite", false);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("'" + roots.display(file) + "' is a folder");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String before = "";
        if (Files.exists(file)) {
            if (Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return ToolResult.success("'" + roots.display(file) + "' already holds this text");
            }
            if (!overwrite) {
                throw new IllegalArgumentException("'" + roots.display(file) + "' already exists; pass overwrite: true"
                        + " to replace it");
            }
            // replaced, not lost: the old version goes to the trash, where files.restore finds it
            before = "; the old version is in the trash (id " + trash.put(file) + ")";
        }
        AtomicWrite.bytes(file, bytes);
        return ToolResult.success("wrote " + text.length() + " characters to '" + roots.display(file) + "'" + before);
    }

    public ToolResult append(Map<String, Object> args) throws IOException {
        Path file = writable(Args.string(args, "path"));
        String text = Args.text(args, "text");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return ToolResult.success("appended " + text.length() + " characters to '" + roots.display(file) + "'");
    }

    public ToolResult list(Map<String, Object> args) throws IOException {
        Path folder = roots.resolve(Args.string(args, "path", "."), Access.READ);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("'" + roots.display(folder) + "' is not a folder");
        }
        boolean recursive = Args.bool(args, "recursive", false);
        PathMatcher glob = glob(Args.string(args, "pattern", null));
        List<Map<String, Object>> entries = new ArrayList<>();
        int total = 0;
        try (Stream<Path> walk = recursive ? Files.walk(folder) : Files.list(folder)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (p.equals(folder) || trash.holds(p) || !matches(glob, folder, p)) {
                    continue;
                }
                total++;
                if (entries.size() < MAX_LISTED) {
                    entries.add(entry(folder, p));
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("folder", roots.display(folder));
        result.put("entries", entries);
        if (total > entries.size()) {
            result.put("cut", "showed " + entries.size() + " of " + total + " entries; narrow with 'pattern'");
        }
        return ToolResult.success(Json.text(result));
    }

    public ToolResult search(Map<String, Object> args) throws IOException {
        Path folder = roots.resolve(Args.string(args, "path", "."), Access.READ);
        String name = Args.string(args, "name", null);
        String contains = Args.string(args, "contains", null);
        if (name == null && (contains == null || contains.isEmpty())) {
            throw new IllegalArgumentException("give 'name' (a glob such as *.md) or 'contains' (a text), or both");
        }
        int max = (int) Math.clamp(Args.integer(args, "max_results", 100), 1, 1000);
        PathMatcher glob = glob(name);
        List<Map<String, Object>> matches = new ArrayList<>();
        int seen = 0;
        boolean more = false;
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || trash.holds(p)) {
                    continue;
                }
                if (++seen > MAX_SEARCHED_FILES) {
                    more = true;
                    break;
                }
                if (glob != null && !glob.matches(p.getFileName())) {
                    continue;
                }
                Map<String, Object> match = new LinkedHashMap<>();
                match.put("path", roots.display(p));
                if (contains != null && !contains.isEmpty()) {
                    if (!firstLineWith(p, contains, match)) {
                        continue;
                    }
                }
                if (matches.size() == max) {
                    more = true;
                    break;
                }
                matches.add(match);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("matches", matches);
        if (more) {
            result.put("cut", "stopped after " + matches.size() + " matches (" + seen + " files looked at); narrow"
                    + " the search");
        }
        return ToolResult.success(Json.text(result));
    }

    public ToolResult info(Map<String, Object> args) throws IOException {
        Path path = roots.resolve(Args.string(args, "path"), Access.READ);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("'" + roots.display(path) + "' does not exist");
        }
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", roots.display(path));
        result.put("kind", a.isDirectory() ? "folder" : a.isRegularFile() ? "file" : "other");
        result.put("size", a.size());
        result.put("modified", a.lastModifiedTime().toInstant().toString());
        result.put("created", a.creationTime().toInstant().toString());
        if (a.isRegularFile()) {
            String type = Files.probeContentType(path);
            if (type != null) {
                result.put("type", type);
            }
            boolean text = TextFiles.looksLikeText(path);
            result.put("text", text);
            if (text && a.size() <= TextFiles.MAX_FILE_BYTES) {
                try (Stream<String> lines = Files.lines(path)) {
                    result.put("lines", lines.count());
                } catch (java.io.UncheckedIOException e) {
                    result.put("text", false);
                }
            }
        }
        return ToolResult.success(Json.text(result));
    }

    public ToolResult mkdir(Map<String, Object> args) throws IOException {
        Path folder = writable(Args.string(args, "path"));
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("'" + roots.display(folder) + "' exists and is not a folder");
        }
        Files.createDirectories(folder);
        return ToolResult.success("folder '" + roots.display(folder) + "' exists");
    }

    public ToolResult copy(Map<String, Object> args) throws IOException {
        Path from = existing(roots.resolve(Args.string(args, "from"), Access.READ));
        Path to = target(Args.string(args, "to"), from);
        if (to.startsWith(from)) {
            throw new IllegalArgumentException("cannot copy a folder into itself");
        }
        Files.createDirectories(to.getParent());
        FileTrees.copy(from, to);
        return ToolResult.success("copied '" + roots.display(from) + "' to '" + roots.display(to) + "'");
    }

    public ToolResult move(Map<String, Object> args) throws IOException {
        Path from = existing(writable(Args.string(args, "from")));
        if (roots.paths().stream().anyMatch(r -> r.toAbsolutePath().normalize().equals(from))
                || roots.display(from).equals(".")) {
            throw new IllegalArgumentException("a root folder itself cannot be moved");
        }
        Path to = target(Args.string(args, "to"), from);
        if (to.startsWith(from)) {
            throw new IllegalArgumentException("cannot move a folder into itself");
        }
        Files.createDirectories(to.getParent());
        FileTrees.move(from, to);
        return ToolResult.success("moved '" + roots.display(from) + "' to '" + roots.display(to) + "'");
    }

    public ToolResult trash(Map<String, Object> args) throws IOException {
        Path path = existing(writable(Args.string(args, "path")));
        if (roots.display(path).equals(".")) {
            throw new IllegalArgumentException("a root folder itself cannot be trashed");
        }
        String id = trash.put(path);
        return ToolResult.success("moved '" + roots.display(path) + "' to the trash (id " + id
                + "); files.restore with this path puts it back");
    }

    public ToolResult restore(Map<String, Object> args) throws IOException {
        Path original = writable(Args.string(args, "path"));
        for (Trash.Item item : trash.items()) {
            if (item.original().equals(original)) {
                trash.restore(item);
                return ToolResult.success("restored '" + roots.display(original) + "' (trashed " + item.trashedAt()
                        + ")");
            }
        }
        throw new IllegalArgumentException("nothing trashed from '" + roots.display(original) + "' is in the trash");
    }

    public ToolResult emptyTrash(Map<String, Object> args) throws IOException {
        int n = trash.empty();
        return ToolResult.success(n == 0 ? "the trash was already empty" : "deleted " + n + " items for good");
    }

    private Path writable(String argument) {
        Path real = roots.resolve(argument, Access.WRITE);
        if (trash.holds(real)) {
            throw new IllegalArgumentException("'" + argument + "' is inside the trash; use files.restore");
        }
        return real;
    }

    private Path existing(Path real) {
        if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("'" + roots.display(real) + "' does not exist");
        }
        return real;
    }

    /** The destination of a copy or move: into {@code to} when it is a folder; never over something. */
    private Path target(String argument, Path from) {
        Path to = writable(argument);
        if (Files.isDirectory(to)) {
            to = to.resolve(from.getFileName().toString());
        }
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("'" + roots.display(to) + "' already exists; move or trash it first");
        }
        return to;
    }

    private Map<String, Object> entry(Path folder, Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", folder.relativize(p).toString());
        e.put("kind", a.isDirectory() ? "folder" : a.isSymbolicLink() ? "link" : a.isRegularFile() ? "file" : "other");
        if (a.isRegularFile()) {
            e.put("size", a.size());
        }
        e.put("modified", a.lastModifiedTime().toInstant().toString());
        return e;
    }

    private static @Nullable PathMatcher glob(@Nullable String pattern) {
        return pattern == null || pattern.isBlank() ? null : FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    /** A pattern without a slash matches the name; with one, the path below the folder. */
    private static boolean matches(@Nullable PathMatcher glob, Path folder, Path p) {
        return glob == null || glob.matches(p.getFileName()) || glob.matches(folder.relativize(p));
    }

    /**
     * Finds the first line holding {@code text}. Files over {@link TextFiles#MAX_FILE_BYTES} are
     * skipped, and a long line is read in bounded pieces (each overlapping the last by the length
     * of {@code text}), so neither a huge file nor one huge line is held in memory.
     */
    private static boolean firstLineWith(Path file, String text, Map<String, Object> match) {
        try {
            if (Files.size(file) > TextFiles.MAX_FILE_BYTES || !TextFiles.looksLikeText(file)) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            StringBuilder line = new StringBuilder();
            boolean partial = false; // the line's start has been dropped
            boolean afterCr = false;
            int n = 1;
            char[] buffer = new char[8192];
            int read;
            while ((read = reader.read(buffer)) != -1) {
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (c == '\n' && afterCr) {
                        afterCr = false;
                        continue; // the second half of \r\n
                    }
                    afterCr = c == '\r';
                    if (c == '\n' || c == '\r') {
                        if (found(line, text, n, partial, match)) {
                            return true;
                        }
                        line.setLength(0);
                        partial = false;
                        n++;
                        continue;
                    }
                    line.append(c);
                    if (line.length() >= MAX_LINE_CHARS + text.length()) {
                        if (found(line, text, n, partial, match)) {
                            return true;
                        }
                        line.delete(0, line.length() - (text.length() - 1));
                        partial = true;
                    }
                }
            }
            return (line.length() > 0 || partial) && found(line, text, n, partial, match);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static boolean found(CharSequence line, String text, int n, boolean partial, Map<String, Object> match) {
        int at = line.toString().indexOf(text);
        if (at < 0) {
            return false;
        }
        int from = partial || at + text.length() > 200 ? Math.max(0, at - 50) : 0;
        int to = Math.min(line.length(), from + 200);
        match.put("line", n);
        match.put("text", (from > 0 || partial ? "..." : "") + line.subSequence(from, to)
                + (to < line.length() ? "..." : ""));
        return true;
    }
}
