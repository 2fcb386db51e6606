package dev.aios.toolpacks.mail.internal;

import dev.aios.toolpacks.mail.MailPack.Security;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One mail server and its login. The password is never part of {@link #toString()}, so logging
 * or printing a server cannot leak it.
 *
 * @param kind {@code IMAP} or {@code SMTP}, for messages
 * @param user the login, or null for no login (SMTP only)
 * @param password the password, or null with no login
 */
public record MailServer(String kind, String host, int port, @Nullable String user, @Nullable String password,
        Security security) {

    /** Validates. */
    public MailServer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(security, kind + " security");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(kind + " host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(kind + " port must be between 1 and 65535, was " + port);
        }
        if (user != null && user.isBlank()) {
            throw new IllegalArgumentException(kind + " user must not be blank (pass null for no login)");
        }
    }

    /** @return the server; an IMAP server needs a user and a password */
    public static MailServer of(String kind, String host, int port, @Nullable String user, @Nullable String password,
            Security security) {
        if (kind.equals("IMAP") && (user == null || password == null)) {
            throw new IllegalArgumentException("IMAP needs a user and a password");
        }
        return new MailServer(kind, host, port, user, user == null ? null : password, security);
    }

    /** @return the Jakarta Mail protocol name: {@code imap}/{@code imaps}, {@code smtp}/{@code smtps} */
    public String protocol() {
        String base = kind.toLowerCase(java.util.Locale.ROOT);
        return security == Security.SSL ? base + "s" : base;
    }

    /** @return {@code text} with the password replaced, for anything shown to the model or logged */
    public String scrub(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return password == null || password.isEmpty() ? text : text.replace(password, "***");
    }

    @Override
    public String toString() {
        return kind + " " + host + ":" + port + (user == null ? "" : " as " + user) + " (" + security + ")";
    }
}
