package dev.aios.samples.briefing;

import dev.aios.api.MemoryRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One mail message as the briefing reads it back from episodic memory (what the awareness
 * daemon stored), plus the few raw headers the mail sensor does not keep (List-Unsubscribe,
 * Precedence), read from the message's own file in the mail folder.
 */
record MailItem(String memoryId, String messageId, String fromName, String fromAddress, String to, String subject,
        String body, Instant at, String thread, String inReplyTo, boolean bulk, String folder) {

    static MailItem of(MemoryRecord r) {
        Map<String, String> m = r.metadata();
        String text = r.text();
        int blank = text.indexOf("\n\n");
        String body = blank < 0 ? "" : text.substring(blank + 2).strip();
        String from = m.getOrDefault("from", "");
        String name = from.contains("<") ? from.substring(0, from.indexOf('<')).strip().replace("\"", "") : from;
        String file = m.getOrDefault("file", "");
        return new MailItem(r.id(), m.getOrDefault("messageId", r.id()), name, m.getOrDefault("fromAddress", ""),
                m.getOrDefault("to", ""), m.getOrDefault("subject", "(no subject)"), body, r.at(), m.getOrDefault("thread", ""),
                m.getOrDefault("inReplyTo", ""), bulkHeaders(file), file.contains("/.Sent/") ? "sent" : "inbox");
    }

    /** @return the sender's first name, for a greeting */
    String firstName() {
        String n = fromName.isBlank() ? fromAddress : fromName;
        return n.split("[\\s@]")[0];
    }

    /** @return subject and body, what the classifier reads */
    String content() {
        return subject + "\n" + body;
    }

    private static boolean bulkHeaders(String file) {
        if (file.isEmpty()) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.isEmpty()) {
                    return false; // end of the headers
                }
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("list-unsubscribe:") || lower.startsWith("precedence: bulk")) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false; // moved or deleted since it was read: judge it by what memory holds
        }
        return false;
    }
}
