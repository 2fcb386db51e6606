package dev.aios.toolpacks.mail;

import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.mail.internal.MailServer;
import dev.aios.toolpacks.mail.internal.MailSettings;
import dev.aios.toolpacks.mail.internal.MailTools;
import dev.aios.toolpacks.mail.internal.Recipients;
import dev.aios.toolpacks.mail.internal.SentKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The mail tool pack ({@code mail}): reads a mailbox over IMAP and sends over SMTP, with Angus
 * Mail. Tools: {@code mail.folders}, {@code mail.list}, {@code mail.search}, {@code mail.read},
 * {@code mail.send}, {@code mail.draft}, {@code mail.move}, {@code mail.flag}, {@code mail.delete}.
 * Every tool reaches a mail server, so every one is open-world; what they return comes from
 * mails and is labelled untrusted.
 *
 * <p>Nothing is allowed until configured: without {@link Builder#imap} the mailbox tools fail
 * with an error that says to configure it, without {@link Builder#smtp} {@code mail.send} does,
 * and {@code mail.send} sends only to addresses {@link Builder#allowRecipients} allows. Passwords
 * never appear in results, errors or logs.
 * {@snippet :
 * ToolPack mail = MailPack.builder()
 *         .imap("imap.example.com", 993, "me@example.com", password, MailPack.Security.SSL)
 *         .smtp("smtp.example.com", 587, "me@example.com", password, MailPack.Security.STARTTLS)
 *         .from("me@example.com")
 *         .allowRecipients("*@example.com", "friend@example.org")
 *         .sentKeys(Path.of("state/mail-sent-keys.jsonl"))
 *         .build();
 * }
 */
public final class MailPack {
    private MailPack() {}

    /** How a connection to a mail server is protected. */
    public enum Security {
        /** TLS from the first byte (IMAPS on 993, SMTPS on 465). */
        SSL,
        /** A plain connection upgraded with STARTTLS, which must succeed (IMAP 143, submission 587). */
        STARTTLS,
        /** No encryption at all: only for a server on this machine or in tests. */
        NONE
    }

    /** @return a builder with nothing allowed yet */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures the mail pack; validated at {@link #build()}. */
    public static final class Builder {
        private @Nullable MailServer imap;
        private @Nullable MailServer smtp;
        private @Nullable String from;
        private final List<String> recipients = new ArrayList<>();
        private int maxMessages = 50;
        private int maxBodyChars = 20_000;
        private Duration timeout = Duration.ofSeconds(30);
        private String drafts = "Drafts";
        private String trash = "Trash";
        private @Nullable Path sentKeys;

        private Builder() {}

        /**
         * The mailbox the reading and filing tools use. Not set by default: those tools fail
         * saying that no IMAP server is configured.
         *
         * @param password kept in memory only; never shown in results, errors or logs
         */
        public Builder imap(String host, int port, String user, String password, Security security) {
            this.imap = MailServer.of("IMAP", host, port, user, password, security);
            return this;
        }

        /**
         * The server {@code mail.send} submits through. Not set by default: {@code mail.send}
         * fails saying that no SMTP server is configured.
         *
         * @param user the login, or null for a server that takes mail without one
         * @param password the password (ignored without a user); never shown anywhere
         */
        public Builder smtp(String host, int port, @Nullable String user, @Nullable String password, Security security) {
            this.smtp = MailServer.of("SMTP", host, port, user, password, security);
            return this;
        }

        /**
         * The sender address of sent mails and drafts. Default: the SMTP user, when it is an
         * address.
         */
        public Builder from(String address) {
            this.from = Objects.requireNonNull(address, "from address");
            return this;
        }

        /**
         * Adds the recipients {@code mail.send} may write to: an exact address
         * ({@code bob@example.com}), every address of a domain ({@code *@example.com}) or of its
         * subdomains too ({@code *@*.example.com}). None by default, so every send is refused.
         */
        public Builder allowRecipients(String... patterns) {
            for (String pattern : patterns) {
                recipients.add(Objects.requireNonNull(pattern, "recipient pattern"));
            }
            return this;
        }

        /** The most messages {@code mail.list} and {@code mail.search} return (default 50, at most 500). */
        public Builder maxMessages(int max) {
            if (max < 1 || max > 500) {
                throw new IllegalArgumentException("maxMessages must be between 1 and 500, was " + max);
            }
            this.maxMessages = max;
            return this;
        }

        /** The most characters of a body {@code mail.read} returns (default 20,000); the rest is cut, and said so. */
        public Builder maxBodyChars(int max) {
            if (max < 100) {
                throw new IllegalArgumentException("maxBodyChars must be at least 100, was " + max);
            }
            this.maxBodyChars = max;
            return this;
        }

        /** How long to wait to connect to a server and for each of its answers (default 30 s). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The IMAP folder {@code mail.draft} saves into, created when missing (default {@code Drafts}). */
        public Builder drafts(String folder) {
            this.drafts = Objects.requireNonNull(folder, "drafts folder");
            return this;
        }

        /** The IMAP folder {@code mail.delete} moves messages to, created when missing (default {@code Trash}). */
        public Builder trash(String folder) {
            this.trash = Objects.requireNonNull(folder, "trash folder");
            return this;
        }

        /**
         * The file that records the idempotency keys of sent mails (JSON lines), so that a call
         * re-sent with the same key after a restart sends nothing. Default: kept in memory only,
         * which guards against repeats within this process.
         */
        public Builder sentKeys(Path file) {
            this.sentKeys = Objects.requireNonNull(file, "sent keys file");
            return this;
        }

        /**
         * @return the pack
         * @throws IllegalArgumentException if a recipient pattern or the from address is not valid,
         *     or SMTP is configured without a from address and its user is not an address
         */
        public ToolPack build() {
            Recipients allowed = Recipients.of(recipients);
            String sender = from;
            if (sender == null && smtp != null && smtp.user() != null && smtp.user().contains("@")) {
                sender = smtp.user();
            }
            if (smtp != null && sender == null) {
                throw new IllegalArgumentException("SMTP is configured but no sender address: call from(address)");
            }
            SentKeys keys = sentKeys == null ? SentKeys.inMemory() : SentKeys.file(sentKeys);
            return MailTools.pack(new MailSettings(imap, smtp, sender == null ? null : Recipients.address(sender, "from"),
                    allowed, maxMessages, maxBodyChars, timeout, drafts, trash, keys));
        }
    }
}
