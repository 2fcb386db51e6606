package dev.aios.samples.briefing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reading a written sample world's files back, for the world tests. */
final class WorldFiles {
    /** The day every world's bytes are pinned for (in UTC). */
    static final LocalDate PINNED_DAY = LocalDate.of(2026, 3, 4);

    private WorldFiles() {}

    /** @return every file under {@code root}, by relative path, with its text */
    static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    /** @return the texts of the files directly in {@code folder}, in name order */
    static List<String> texts(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().map(WorldFiles::read).toList();
        }
    }

    /**
     * @return the SHA-256 over every file of {@code sample}'s world written under {@code folder} for
     *     {@link #PINNED_DAY} in UTC: an edit of the world's fixture shows as another hash
     */
    static String pinnedHash(Path folder, BriefingWorld.Sample sample) throws IOException {
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try {
            BriefingWorld world = BriefingWorld.writeTo(folder, PINNED_DAY, sample);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : contents(world.root()).entrySet()) {
                sha.update((file.getKey().replace('\\', '/') + "\n" + file.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            TimeZone.setDefault(zone);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
