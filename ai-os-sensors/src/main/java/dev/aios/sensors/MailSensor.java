package dev.aios.sensors;

import dev.aios.api.AiOsException;
import dev.aios.sensors.internal.FolderSensor;
import dev.aios.sensors.internal.MaildirFormat;
import dev.aios.sensors.internal.MboxFormat;
import dev.aios.sensors.internal.BuilderChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Watches a mail folder, in Maildir layout (a folder with {@code new/}, {@code cur/} and
 * {@code tmp/}, Maildir++ subfolders included) or mbox layout (one mbox file, or a folder of
 * them), and reports each message as an observation: source {@code mail}, kind {@code message},
 * id {@code mail:<Message-ID>}, and attributes {@code from}, {@code fromAddress}, {@code to},
 * {@code cc}, {@code subject}, {@code date}, {@code messageId}, {@code thread} (the root of
 * References / In-Reply-To, the message's own id for a thread's first message, else
 * {@code subject:<normalised subject>}), {@code topic} (the subject without Re:/Fwd:),
 * {@code attachments} (file names) and {@code file}. The text is the headers and the plain-text
 * body ({@code text/plain} preferred, HTML stripped otherwise).
 *
 * <pre>{@code
 * MailSensor mail = MailSensor.builder().maildir(Path.of("Mail/INBOX")).build();
 * }</pre>
 */
public final class MailSensor extends FileSensor {
    private MailSensor(FolderSensor folder) {
        super(folder);
    }

    /** @return a builder; set {@link Builder#maildir} or {@link Builder#mbox} */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link MailSensor}. */
    public static final class Builder extends FileSensorBuilder<Builder> {
        private @Nullable Path maildir;
        private @Nullable Path mbox;

        private Builder() {
            super("mail");
        }

        /** A Maildir folder (holding {@code new/}, {@code cur/}, {@code tmp/}); it may not exist yet. */
        public Builder maildir(Path folder) {
            this.maildir = folder;
            return this;
        }

        /**
         * An mbox file, or a folder whose files are all mbox files. A path that does not exist yet
         * counts as a file when its name has an extension ({@code inbox.mbox}), else as a folder.
         */
        public Builder mbox(Path fileOrFolder) {
            this.mbox = fileOrFolder;
            return this;
        }

        /** @return the sensor, not yet started */
        public MailSensor build() {
            checkCommon();
            if ((maildir == null) == (mbox == null)) {
                throw AiOsException.permanent("a mail sensor needs exactly one of maildir(...) or mbox(...), was maildir="
                        + maildir + " mbox=" + mbox);
            }
            if (maildir != null) {
                return new MailSensor(new FolderSensor(name, maildir, new MaildirFormat(), watch, pollInterval));
            }
            Path path = mbox.toAbsolutePath().normalize();
            boolean file = Files.isRegularFile(path) || (!Files.isDirectory(path) && path.getFileName().toString().contains("."));
            return file
                    ? new MailSensor(new FolderSensor(name, path.getParent(), new MboxFormat(path.getFileName().toString()),
                            watch, pollInterval))
                    : new MailSensor(new FolderSensor(name, path, new MboxFormat(null), watch, pollInterval));
        }
    }
}
