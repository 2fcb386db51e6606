package dev.aios.toolpacks.mail.internal;

import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What {@code MailPack.Builder} configured.
 *
 * @param imap the mailbox, or null when none was configured
 * @param smtp the submission server, or null when none was configured
 * @param from the sender of sent mails and drafts, or null
 * @param recipients who {@code mail.send} may write to
 * @param maxMessages the most messages a listing returns
 * @param maxBodyChars the most characters of a body {@code mail.read} returns
 * @param timeout connection and read timeout
 * @param drafts the drafts folder
 * @param trash the trash folder
 * @param sentKeys the record of sent idempotency keys
 */
public record MailSettings(@Nullable MailServer imap, @Nullable MailServer smtp, @Nullable InternetAddress from,
        Recipients recipients, int maxMessages, int maxBodyChars, Duration timeout, String drafts, String trash,
        SentKeys sentKeys) {

    /** @return the IMAP server; fails with what to configure when there is none */
    MailServer requireImap() {
        if (imap == null) {
            throw new IllegalStateException("no IMAP server is configured for the mail tools "
                    + "(configure one with MailPack.builder().imap(...))");
        }
        return imap;
    }

    /** @return the SMTP server; fails with what to configure when there is none */
    MailServer requireSmtp() {
        if (smtp == null) {
            throw new IllegalStateException("no SMTP server is configured for the mail tools, so nothing can be sent "
                    + "(configure one with MailPack.builder().smtp(...))");
        }
        return smtp;
    }

    /** @return the sender; fails with what to configure when there is none */
    InternetAddress requireFrom() {
        if (from == null) {
            throw new IllegalStateException("no sender address is configured for the mail tools "
                    + "(configure one with MailPack.builder().from(...))");
        }
        return from;
    }
}
