package dev.aios.samples.briefing;

import dev.aios.api.MemoryRecord;
import java.time.Instant;
import java.util.Map;

/**
 * One mail message as the briefing reads it back from episodic memory (what the awareness
 * daemon stored), plus what the mail sensor does not keep (bulk-mail headers, Reply-To,
 * Authentication-Results, links), read from the message's own file in the mail folder.
 */
record MailItem(String memoryId, String messageId, String fromName, String fromAddress, String to, String cc,
        String subject, String body, Instant at, String thread, String inReplyTo, String folder, RawMail raw) {

    static MailItem of(MemoryRecord r) {
        Map<String, String> m = r.metadata();
        String text = r.text();
        int blank = text.indexOf("\n\n");
        String body = blank < 0 ? "" : text.substring(blank + 2).strip();
        String from = m.getOrDefault("from", "");
        String name = MailAddress.displayName(from);
        String file = m.getOrDefault("file", "");
        return new MailItem(r.id(), m.getOrDefault("messageId", r.id()), name, m.getOrDefault("fromAddress", ""),
                m.getOrDefault("to", ""), m.getOrDefault("cc", ""), m.getOrDefault("subject", "(no subject)"), body, r.at(),
                m.getOrDefault("thread", ""), m.getOrDefault("inReplyTo", ""), file.contains("/.Sent/") ? "sent" : "inbox",
                // The user's own sent mail is never triaged: its raw headers and links are not needed.
                file.contains("/.Sent/") ? RawMail.NONE : RawMail.read(file));
    }

    /** @return whether it carries a bulk-mail header (List-Unsubscribe, Precedence: bulk or list) */
    boolean bulk() {
        return raw.bulk();
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
}
