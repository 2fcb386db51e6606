package dev.aios.toolpacks.internal;

import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Roots.Access;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The code of the archive tools (Apache Commons Compress): each public method is the tool of the
 * same name ({@code archive.zip}...), given arguments that already fit its schema.
 */
public final class ArchiveTools {
    private static final int MAX_LISTED = 1000;
    private final Roots roots;
    private final long maxBytes;
    private final int maxEntries;

    /** @param maxBytes most bytes one extraction writes; @param maxEntries most entries it extracts */
    public ArchiveTools(Roots roots, long maxBytes, int maxEntries) {
        this.roots = roots;
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
    }

    public ToolResult zip(Map<String, Object> args) throws IOException {
        List<Path> sources = sources(args);
        Path out = output(args, "output");
        int[] added = {0};
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            walk(sources, out, (file, name) -> {
                ZipArchiveEntry entry = zip.createArchiveEntry(file, name);
                zip.putArchiveEntry(entry);
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(file, zip);
                }
                zip.closeArchiveEntry();
                added[0]++;
            });
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        }
        return ToolResult.success("wrote '" + roots.display(out) + "' with " + added[0] + " entries ("
                + Files.size(out) + " bytes)");
    }

    public ToolResult tar(Map<String, Object> args) throws IOException {
        List<Path> sources = sources(args);
        Path out = output(args, "output");
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = Args.bool(args, "gzip", name.endsWith(".gz") || name.endsWith(".tgz"));
        int[] added = {0};
        try (OutputStream file = Files.newOutputStream(out);
                OutputStream body = gzip ? new GzipCompressorOutputStream(file) : file;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(body)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            walk(sources, out, (f, entryName) -> {
                TarArchiveEntry entry = tar.createArchiveEntry(f, entryName);
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(f, tar);
                }
                tar.closeArchiveEntry();
                added[0]++;
            });
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        }
        return ToolResult.success("wrote '" + roots.display(out) + "' (" + (gzip ? "tar.gz" : "tar") + ") with "
                + added[0] + " entries (" + Files.size(out) + " bytes)");
    }

    public ToolResult unzip(Map<String, Object> args) throws IOException {
        Path archive = existing(roots.resolve(Args.string(args, "archive"), Access.READ));
        Path to = roots.resolve(Args.string(args, "to"), Access.WRITE);
        int n;
        long bytes;
        try (ZipFile zip = ZipFile.builder().setPath(archive).get();
                SafeExtraction x = new SafeExtraction(to, maxBytes, maxEntries)) {
            for (Enumeration<ZipArchiveEntry> e = zip.getEntriesInPhysicalOrder(); e.hasMoreElements(); ) {
                ZipArchiveEntry entry = e.nextElement();
                if (entry.isUnixSymlink()) {
                    x.link(entry.getName(), linkText(zip, entry));
                } else if (entry.isDirectory()) {
                    x.folder(entry.getName());
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        x.file(entry.getName(), in);
                    }
                }
            }
            n = x.finish();
            bytes = x.bytes();
        }
        return ToolResult.success("extracted " + n + " entries (" + bytes + " bytes) into '" + roots.display(to) + "'");
    }

    public ToolResult untar(Map<String, Object> args) throws IOException {
        Path archive = existing(roots.resolve(Args.string(args, "archive"), Access.READ));
        Path to = roots.resolve(Args.string(args, "to"), Access.WRITE);
        int n;
        long bytes;
        try (TarArchiveInputStream tar = tarStream(archive);
                SafeExtraction x = new SafeExtraction(to, maxBytes, maxEntries)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isSymbolicLink()) {
                    x.link(entry.getName(), entry.getLinkName());
                } else if (entry.isLink()) {
                    throw new IllegalArgumentException("entry '" + entry.getName() + "' is a hard link, which these"
                            + " tools do not extract; nothing was extracted");
                } else if (entry.isDirectory()) {
                    x.folder(entry.getName());
                } else if (entry.isFile()) {
                    x.file(entry.getName(), tar);
                } else {
                    throw new IllegalArgumentException("entry '" + entry.getName() + "' is a device or pipe, which"
                            + " these tools do not extract; nothing was extracted");
                }
            }
            n = x.finish();
            bytes = x.bytes();
        }
        return ToolResult.success("extracted " + n + " entries (" + bytes + " bytes) into '" + roots.display(to) + "'");
    }

    public ToolResult list(Map<String, Object> args) throws IOException {
        Path archive = existing(roots.resolve(Args.string(args, "archive"), Access.READ));
        List<Map<String, Object>> entries = new ArrayList<>();
        int total = 0;
        String format;
        if (isZip(archive)) {
            format = "zip";
            try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                for (Enumeration<ZipArchiveEntry> e = zip.getEntriesInPhysicalOrder(); e.hasMoreElements(); ) {
                    ZipArchiveEntry entry = e.nextElement();
                    if (++total <= MAX_LISTED) {
                        entries.add(describe(entry, entry.isUnixSymlink() ? linkText(zip, entry) : null));
                    }
                }
            }
        } else {
            format = isGzip(archive) ? "tar.gz" : "tar";
            try (TarArchiveInputStream tar = tarStream(archive)) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    if (++total <= MAX_LISTED) {
                        entries.add(describe(entry, entry.isSymbolicLink() || entry.isLink() ? entry.getLinkName() : null));
                    }
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("archive", roots.display(archive));
        result.put("format", format);
        result.put("entries", entries);
        if (total > entries.size()) {
            result.put("cut", "showed " + entries.size() + " of " + total + " entries");
        }
        return ToolResult.success(Json.text(result));
    }

    public ToolResult gzip(Map<String, Object> args) throws IOException {
        Path in = existing(roots.resolve(Args.string(args, "path"), Access.READ));
        if (!Files.isRegularFile(in)) {
            throw new IllegalArgumentException("'" + roots.display(in) + "' is not a file");
        }
        String given = Args.string(args, "output", null);
        Path out = output(given == null ? roots.display(in) + ".gz" : given, Args.bool(args, "overwrite", false));
        try (OutputStream o = new GzipCompressorOutputStream(Files.newOutputStream(out))) {
            Files.copy(in, o);
        }
        return ToolResult.success("wrote '" + roots.display(out) + "' (" + Files.size(in) + " -> " + Files.size(out)
                + " bytes)");
    }

    public ToolResult gunzip(Map<String, Object> args) throws IOException {
        Path in = existing(roots.resolve(Args.string(args, "path"), Access.READ));
        String shown = roots.display(in);
        String given = Args.string(args, "output", null);
        String fallback = shown.endsWith(".gz") ? shown.substring(0, shown.length() - 3)
                : shown.endsWith(".tgz") ? shown.substring(0, shown.length() - 4) + ".tar" : shown + ".out";
        Path out = output(given == null ? fallback : given, Args.bool(args, "overwrite", false));
        long written = 0;
        try (InputStream gz = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(in)));
                OutputStream o = Files.newOutputStream(out)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = gz.read(buffer)) > 0) {
                written += n;
                if (written > maxBytes) {
                    throw new IllegalArgumentException("'" + shown + "' expands past the limit of " + maxBytes
                            + " bytes (a guard against gzip bombs)");
                }
                o.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            if (e instanceof IOException io && !(e instanceof java.nio.file.FileSystemException)) {
                throw new IllegalArgumentException("'" + shown + "' is not a readable gzip file: " + io.getMessage());
            }
            throw e;
        }
        return ToolResult.success("wrote '" + roots.display(out) + "' (" + written + " bytes)");
    }

    private interface EntryWriter {
        void add(Path file, String name) throws IOException;
    }

    /** Adds each source (a file, or a folder with all below it) under its own name; links are skipped. */
    private void walk(List<Path> sources, Path out, EntryWriter writer) throws IOException {
        for (Path source : sources) {
            Path base = source.getParent();
            try (Stream<Path> all = Files.walk(source)) {
                for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                    if (p.equals(out) || Files.isSymbolicLink(p)) {
                        continue;
                    }
                    String name = base.relativize(p).toString().replace('\\', '/');
                    writer.add(p, Files.isDirectory(p) ? name + "/" : name);
                }
            }
        }
    }

    private List<Path> sources(Map<String, Object> args) {
        List<String> paths = Args.strings(args, "paths");
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("argument 'paths' must name at least one file or folder");
        }
        List<Path> out = new ArrayList<>();
        for (String p : paths) {
            Path real = existing(roots.resolve(p, Access.READ));
            if (roots.display(real).equals(".")) {
                throw new IllegalArgumentException("name folders inside the root, not the root itself ('" + p + "')");
            }
            out.add(real);
        }
        return out;
    }

    private Path output(Map<String, Object> args, String name) throws IOException {
        return output(Args.string(args, name), Args.bool(args, "overwrite", false));
    }

    private Path output(String argument, boolean overwrite) throws IOException {
        Path out = roots.resolve(argument, Access.WRITE);
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
            throw new IllegalArgumentException("'" + roots.display(out) + "' already exists; pass overwrite: true to"
                    + " replace it");
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("'" + roots.display(out) + "' is a folder");
        }
        Files.createDirectories(out.getParent());
        return out;
    }

    private Path existing(Path real) {
        if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("'" + roots.display(real) + "' does not exist");
        }
        return real;
    }

    private static Map<String, Object> describe(ArchiveEntry entry, String link) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", entry.getName());
        e.put("kind", link != null ? "link" : entry.isDirectory() ? "folder" : "file");
        if (!entry.isDirectory() && link == null) {
            e.put("size", entry.getSize());
        }
        if (link != null) {
            e.put("target", link);
        }
        return e;
    }

    /** The most bytes a zip link entry's target may take (Linux's PATH_MAX). */
    private static final int MAX_LINK_BYTES = 4096;

    /**
     * A zip link entry's target, read with a bound: {@code getUnixSymlink} reads the whole entry
     * into memory, however large it claims or expands to be.
     */
    private static String linkText(ZipFile zip, ZipArchiveEntry entry) throws IOException {
        byte[] text;
        try (InputStream in = zip.getInputStream(entry)) {
            text = in.readNBytes(MAX_LINK_BYTES + 1);
        }
        if (text.length > MAX_LINK_BYTES) {
            throw new IllegalArgumentException("entry '" + entry.getName() + "' is a link whose target is longer than "
                    + MAX_LINK_BYTES + " bytes; nothing was extracted");
        }
        return new String(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static TarArchiveInputStream tarStream(Path archive) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(archive));
        try {
            return new TarArchiveInputStream(isGzip(archive) ? new GzipCompressorInputStream(in) : in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static boolean isZip(Path file) throws IOException {
        byte[] head = head(file);
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5);
    }

    private static boolean isGzip(Path file) throws IOException {
        byte[] head = head(file);
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        }
    }
}
