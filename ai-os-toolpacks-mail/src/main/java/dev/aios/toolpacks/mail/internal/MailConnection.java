package dev.aios.toolpacks.mail.internal;

import dev.aios.toolpacks.mail.MailPack.Security;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to the configured servers, one per tool call (a call is rare next to the time a
 * server takes to answer, and nothing stays open between calls). Every failure becomes an
 * {@link IllegalStateException} whose message names the server and the problem, with the
 * password scrubbed out.
 */
final class MailConnection {
    private static final Logger LOG = LoggerFactory.getLogger(MailConnection.class);
    private static final int MAX_FOLDERS_LISTED = 30;

    private MailConnection() {}

    /** Work on one open folder. */
    @FunctionalInterface
    interface FolderWork<T> {
        T run(Store store, Folder folder) throws Exception;
    }

    /**
     * Opens {@code folderName} of the IMAP mailbox in {@code mode} ({@link Folder#READ_ONLY} or
     * {@link Folder#READ_WRITE}), runs {@code work}, and closes everything.
     *
     * @throws IllegalArgumentException if the folder does not exist (the message lists some that do)
     */
    static <T> T inFolder(MailSettings settings, String folderName, int mode, FolderWork<T> work) throws Exception {
        MailServer imap = settings.requireImap();
        Store store = connect(settings, imap);
        try {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists() || (folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
                throw new IllegalArgumentException("no mail folder '" + folderName + "' (folders: "
                        + String.join(", ", folderNames(store)) + ")");
            }
            folder.open(mode);
            try {
                return work.run(store, folder);
            } finally {
                if (folder.isOpen()) {
                    folder.close(false);
                }
            }
        } catch (MessagingException e) {
            throw failure(imap, "failed", e);
        } finally {
            closeQuietly(store);
        }
    }

    /** Runs {@code work} on the connected IMAP store (no folder opened). */
    static <T> T inStore(MailSettings settings, FolderWork<T> work) throws Exception {
        MailServer imap = settings.requireImap();
        Store store = connect(settings, imap);
        try {
            return work.run(store, store.getDefaultFolder());
        } catch (MessagingException e) {
            throw failure(imap, "failed", e);
        } finally {
            closeQuietly(store);
        }
    }

    /** @return the names of the first folders of the mailbox, for "no such folder" errors */
    static List<String> folderNames(Store store) throws MessagingException {
        List<String> names = new ArrayList<>();
        for (Folder f : store.getDefaultFolder().list("*")) {
            if (names.size() == MAX_FOLDERS_LISTED) {
                names.add("...");
                break;
            }
            names.add(f.getFullName());
        }
        return names;
    }

    /** Sends {@code message} to its recipients through the SMTP server. */
    static void send(MailSettings settings, Message message) {
        MailServer smtp = settings.requireSmtp();
        Session session = session(settings, smtp);
        try (Transport transport = session.getTransport(smtp.protocol())) {
            transport.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw failure(smtp, "did not take the message", e);
        }
    }

    /** @return a session for building messages (no server) */
    static Session offline() {
        return Session.getInstance(new Properties());
    }

    private static Store connect(MailSettings settings, MailServer imap) {
        Session session = session(settings, imap);
        try {
            Store store = session.getStore(imap.protocol());
            store.connect(imap.host(), imap.port(), imap.user(), imap.password());
            return store;
        } catch (MessagingException e) {
            throw failure(imap, "refused the connection", e);
        }
    }

    private static Session session(MailSettings settings, MailServer server) {
        Properties p = new Properties();
        String prefix = "mail." + server.protocol() + ".";
        String millis = String.valueOf(settings.timeout().toMillis());
        p.setProperty(prefix + "host", server.host());
        p.setProperty(prefix + "port", String.valueOf(server.port()));
        p.setProperty(prefix + "connectiontimeout", millis);
        p.setProperty(prefix + "timeout", millis);
        if (server.security() == Security.STARTTLS) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (server.security() != Security.NONE) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        if (server.kind().equals("IMAP")) {
            // BODY.PEEK: reading a message must not mark it read (some servers do on EXAMINE too)
            p.setProperty(prefix + "peek", "true");
        }
        if (server.kind().equals("SMTP")) {
            p.setProperty(prefix + "auth", String.valueOf(server.user() != null));
        }
        // never mail.debug: it prints the login exchange, password included
        p.setProperty("mail.debug", "false");
        Session session = Session.getInstance(p);
        session.setDebug(false);
        return session;
    }

    /** @return an exception for the model: server, what happened, the cause in words, no password */
    static IllegalStateException failure(MailServer server, String what, MessagingException e) {
        String reason;
        if (e instanceof AuthenticationFailedException) {
            reason = "the login of " + server.user() + " was refused (check the user and password)";
        } else {
            StringBuilder b = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            Throwable cause = e.getCause();
            if (cause != null && cause != e) {
                b.append(" (").append(cause.getClass().getSimpleName());
                if (cause.getMessage() != null) {
                    b.append(": ").append(cause.getMessage());
                }
                b.append(')');
            }
            reason = b.toString();
        }
        String message = server.kind() + " server " + server.host() + ":" + server.port() + " " + what + ": "
                + server.scrub(reason);
        LOG.debug("{}", message);
        return new IllegalStateException(message);
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException e) {
            LOG.debug("closing the IMAP connection failed: {}", e.getClass().getSimpleName());
        }
    }
}
