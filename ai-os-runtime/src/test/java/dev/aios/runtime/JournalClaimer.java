package dev.aios.runtime;

import dev.aios.api.spi.RunLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A second process for {@link FileRunJournalTest}: opens the journal in {@code args[0]}, prints
 * READY, waits for a line on stdin, tries to claim run {@code args[1]} and prints WON or LOST,
 * then holds the run until stdin closes (or until it is killed).
 */
public final class JournalClaimer {
    private JournalClaimer() {}

    /** @param args the journal folder and the run id */
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (FileRunJournal journal = FileRunJournal.open(Path.of(args[0]))) {
            System.out.println("READY");
            System.out.flush();
            in.readLine();
            Optional<RunLog> log = journal.claim(args[1]);
            System.out.println(log.isPresent() ? "WON" : "LOST");
            System.out.flush();
            while (in.readLine() != null) {
                // hold the run until the parent closes stdin
            }
        }
    }
}
