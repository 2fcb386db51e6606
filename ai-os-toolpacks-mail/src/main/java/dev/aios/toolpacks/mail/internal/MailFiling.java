package dev.aios.toolpacks.mail.internal;

import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/** mail.draft, mail.move, mail.flag and mail.delete: they change the mailbox, never send. */
final class MailFiling {
    private final MailSettings settings;

    MailFiling(MailSettings settings) {
        this.settings = settings;
    }

    ToolResult draft(Map<String, Object> args) throws Exception {
        MimeMessage message = MailSending.compose(settings, args, null, false);
        message.setFlag(Flags.Flag.DRAFT, true);
        return MailConnection.inStore(settings, (store, root) -> {
            Folder drafts = folderCreated(store, settings.drafts());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("saved", true);
            out.put("folder", drafts.getFullName());
            if (drafts instanceof IMAPFolder imap) {
                AppendUID[] uids = imap.appendUIDMessages(new Message[] {message});
                if (uids != null && uids.length == 1 && uids[0] != null) {
                    out.put("uid", uids[0].uid);
                }
            } else {
                drafts.appendMessages(new Message[] {message});
            }
            out.put("to", Args.strings(args, "to"));
            out.put("subject", Args.text(args, "subject"));
            return ToolResult.success(Json.text(out));
        });
    }

    ToolResult move(Map<String, Object> args) throws Exception {
        String from = MailReading.folderOf(args);
        String to = Args.string(args, "to").strip();
        if (to.equals(from)) {
            throw new IllegalArgumentException("argument 'to' names the folder the messages are already in (" + from + ")");
        }
        return transfer(args, from, to, false, "moved");
    }

    ToolResult delete(Map<String, Object> args) throws Exception {
        String from = MailReading.folderOf(args);
        if (from.equalsIgnoreCase(settings.trash())) {
            throw new IllegalArgumentException("the messages are already in " + settings.trash()
                    + "; these tools do not delete for good (empty the trash in a mail client)");
        }
        return transfer(args, from, settings.trash(), true, "movedToTrash");
    }

    ToolResult flag(Map<String, Object> args) throws Exception {
        long[] uids = MailTools.uids(args);
        String mark = Args.string(args, "mark");
        Flags flags = new Flags(mark.endsWith("flagged") ? Flags.Flag.FLAGGED : Flags.Flag.SEEN);
        boolean set = mark.equals("read") || mark.equals("flagged");
        String folderName = MailReading.folderOf(args);
        return MailConnection.inFolder(settings, folderName, Folder.READ_WRITE, (store, folder) -> {
            Found found = find(folder, uids);
            if (found.messages.length > 0) {
                folder.setFlags(found.messages, flags, set);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("folder", folderName);
            out.put("marked", mark);
            out.put("uids", found.uids);
            if (!found.missing.isEmpty()) {
                out.put("notFound", found.missing);
            }
            return ToolResult.success(Json.text(out));
        });
    }

    private ToolResult transfer(Map<String, Object> args, String fromName, String toName, boolean create, String verb)
            throws Exception {
        long[] uids = MailTools.uids(args);
        return MailConnection.inFolder(settings, fromName, Folder.READ_WRITE, (store, folder) -> {
            Folder target = create ? folderCreated(store, toName) : store.getFolder(toName);
            if (!target.exists()) {
                throw new IllegalArgumentException("argument 'to': no mail folder '" + toName + "' (folders: "
                        + String.join(", ", MailConnection.folderNames(store)) + ")");
            }
            Found found = find(folder, uids);
            if (found.messages.length > 0) {
                if (store instanceof IMAPStore imap && imap.hasCapability("MOVE") && folder instanceof IMAPFolder f) {
                    f.moveMessages(found.messages, target);
                } else {
                    folder.copyMessages(found.messages, target);
                    folder.setFlags(found.messages, new Flags(Flags.Flag.DELETED), true);
                    if (folder instanceof IMAPFolder f) {
                        f.expunge(found.messages); // UID EXPUNGE of just these where the server has UIDPLUS
                    } else {
                        folder.expunge();
                    }
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", fromName);
            out.put("to", target.getFullName());
            out.put(verb, found.uids);
            if (!found.missing.isEmpty()) {
                out.put("notFound", found.missing);
            }
            return ToolResult.success(Json.text(out));
        });
    }

    private record Found(Message[] messages, List<Long> uids, List<Long> missing) {}

    private static Found find(Folder folder, long[] uids) throws MessagingException {
        Message[] byUid = ((UIDFolder) folder).getMessagesByUID(uids);
        List<Message> messages = new ArrayList<>();
        List<Long> found = new ArrayList<>();
        for (int i = 0; i < byUid.length; i++) {
            if (byUid[i] != null && !byUid[i].isExpunged()) {
                messages.add(byUid[i]);
                found.add(uids[i]);
            }
        }
        return new Found(messages.toArray(Message[]::new), found, MailTools.missing(uids, found));
    }

    private static Folder folderCreated(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
            throw new IllegalStateException("the mail folder '" + name + "' does not exist and could not be created");
        }
        return folder;
    }
}
