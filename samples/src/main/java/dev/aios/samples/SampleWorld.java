package dev.aios.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * The small world the desk agent works on, written by the sample itself so the main job needs
 * nothing but a JDK: today's calendar, notes about the people in it, and open tasks. Existing
 * files are kept, so a user can edit them and run again.
 */
public final class SampleWorld {
    private final Path root;

    private SampleWorld(Path root) {
        this.root = root;
    }

    /** Writes the sample world under {@code root} (creating it) unless it is already there. */
    public static SampleWorld writeTo(Path root) {
        try {
            Files.createDirectories(root.resolve("notes"));
            Files.createDirectories(root.resolve("out"));
            String today = LocalDate.now().toString();
            writeIfAbsent(root.resolve("calendar.txt"), """
                    # one meeting per line: date | time | title | attendees
                    %1$s | 09:30 | Sprint planning | Ana Ruiz, Ben Okafor
                    %1$s | 14:00 | Vendor call: ACME invoices | Carla Diaz
                    """.formatted(today));
            for (Map.Entry<String, String> note : Map.of(
                    "ana-ruiz.md", "Ana Ruiz leads the mobile team. Last sprint she asked for the crash-report fix first.",
                    "ben-okafor.md", "Ben Okafor owns the build. He wants the flaky login test quarantined.",
                    "carla-diaz.md", "Carla Diaz at ACME: invoice 4411 is 30 days overdue; she promised a corrected copy.",
                    "team-lunch.md", "Team lunch is on Friday; nobody has booked a table yet.").entrySet()) {
                writeIfAbsent(root.resolve("notes").resolve(note.getKey()), note.getValue() + "\n");
            }
            writeIfAbsent(root.resolve("tasks.txt"), """
                    [ ] Review Ana's crash-report fix
                    [ ] Chase ACME for the corrected invoice 4411
                    [x] Book the sprint room
                    """);
            return new SampleWorld(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample world under " + root + ": " + e.getMessage(), e);
        }
    }

    /** @return the folder the world lives in; the desk tools are confined to it */
    public Path root() {
        return root;
    }

    /** @return the folder the agent writes its briefing and drafts to */
    public Path out() {
        return root.resolve("out");
    }

    private static void writeIfAbsent(Path file, String text) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, text);
        }
    }
}
