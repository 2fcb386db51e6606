package dev.aios.sensors.internal;

import dev.aios.api.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A Maildir (or Maildir++) tree: one message per file in {@code new/} and {@code cur/};
 * {@code tmp/} holds deliveries in progress and is never read. A message keeps its checkpoint key
 * when a mail client moves it from {@code new/} to {@code cur/} and adds flags
 * ({@code :2,S}), so reading it once is enough.
 */
public final class MaildirFormat implements FileFormat {

    @Override
    public String describe() {
        return "Maildir message";
    }

    @Override
    public boolean accepts(Path relative) {
        Path parent = relative.getParent();
        if (parent == null || relative.getFileName().toString().startsWith(".")) {
            return false;
        }
        String folder = parent.getFileName().toString();
        return folder.equals("new") || folder.equals("cur");
    }

    @Override
    public boolean descend(Path relative) {
        return relative.toString().isEmpty() || !relative.getFileName().toString().equals("tmp");
    }

    @Override
    public String key(Path relative) {
        Path mailbox = relative.getParent().getParent();
        String unique = relative.getFileName().toString();
        int info = unique.indexOf(':');
        if (info > 0) {
            unique = unique.substring(0, info);
        }
        String folder = mailbox == null ? "" : mailbox.toString().replace('\\', '/') + "/";
        return folder + unique;
    }

    @Override
    public String stamp(java.nio.file.attribute.BasicFileAttributes attributes) {
        // A move to cur/ changes neither content nor size, and Maildir messages are never edited in place.
        return String.valueOf(attributes.size());
    }

    @Override
    public String read(Path file, @Nullable String previous, Consumer<Observation> sink) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        // Maildir unique names are unique across folders by construction: enough for a fallback id.
        String unique = file.getFileName().toString();
        int info = unique.indexOf(':');
        sink.accept(MailParser.parse(bytes, "maildir:" + (info > 0 ? unique.substring(0, info) : unique), Files.getLastModifiedTime(file).toInstant(),
                file.toString()));
        return "";
    }
}
