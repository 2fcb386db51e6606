package dev.aios.toolpacks.mail.internal;

import dev.aios.api.ToolRisk;
import dev.aios.api.ToolRisk.Level;
import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.tools.ToolHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The mail pack's tools: names, descriptions, schemas and risks, wired to their code. */
public final class MailTools {
    /** The most message uids one call may name. */
    static final int MAX_UIDS = 100;

    private static final String UIDS = "{\"type\":\"array\",\"description\":\"the uids of the messages (from mail.list "
            + "or mail.search)\",\"items\":{\"type\":\"integer\",\"minimum\":1},\"minItems\":1,\"maxItems\":" + MAX_UIDS + "}";
    private static final String FOLDER = "the mail folder, such as INBOX (default INBOX)";

    private MailTools() {}

    /** @return the mail pack over {@code settings} */
    public static ToolPack pack(MailSettings settings) {
        MailReading reading = new MailReading(settings);
        MailFiling filing = new MailFiling(settings);
        MailSending sending = new MailSending(settings);
        ToolRisk reads = new ToolRisk(Level.READ_ONLY, true, true);
        ToolRisk files = new ToolRisk(Level.SIDE_EFFECTING, true, true);
        return Pack.named("mail").examples(MailTools.class)
                .tool("mail.folders", "List the email folders (mailboxes such as the inbox) with how many messages"
                        + " and unread messages each holds.",
                        Schema.object().json(), reads, Pack.Output.OUTSIDE, reading::folders)
                .tool("mail.list", "Show the latest emails in a mail folder (the inbox by default), newest first:"
                        + " uid, sender, subject, date, unread. To find particular emails, use mail.search.",
                        Schema.object().string("folder", FOLDER)
                                .integer("limit", "how many messages at most (default and cap: the pack's maximum)")
                                .json(), reads, Pack.Output.OUTSIDE, reading::list)
                .tool("mail.search", "Search emails in a mail folder by sender, words in the subject or body, date"
                        + " range and unread state; newest first.",
                        Schema.object().string("folder", FOLDER)
                                .string("from", "part of the sender's name or address")
                                .string("subject", "words that must all appear in the subject")
                                .string("body", "words that must all appear in the body")
                                .string("since", "received on or after this date (YYYY-MM-DD)")
                                .string("before", "received before this date (YYYY-MM-DD)")
                                .bool("unread", "true for unread messages only, false for read ones only")
                                .integer("limit", "how many messages at most")
                                .json(), reads, Pack.Output.OUTSIDE, reading::search)
                .tool("mail.read", "Open and read one email by its uid: its headers, its text (HTML turned into"
                        + " text) and the names and sizes of its attachments. Does not mark it read.",
                        Schema.object().string("folder", FOLDER)
                                .integer("uid", "the message's uid (from mail.list or mail.search)")
                                .required("uid").json(), reads, Pack.Output.OUTSIDE, reading::read)
                .tool("mail.send", "Send an email now: a plain-text message with subject and cc, no attachments,"
                        + " through the SMTP server to allowed recipients. It cannot be taken back; to prepare one"
                        + " for review, use mail.draft.",
                        message().json(), new ToolRisk(Level.DESTRUCTIVE, true, false, true), Pack.Output.OUTSIDE,
                        ToolHandler.ofCall(sending::send))
                .tool("mail.draft", "Write an email draft: save a plain-text message in the Drafts folder without"
                        + " sending it, for the user to review. To send it right away, use mail.send.",
                        message().json(), new ToolRisk(Level.SIDE_EFFECTING, true, false), Pack.Output.OUTSIDE,
                        filing::draft)
                .tool("mail.move", "Move emails from one mail folder to another existing folder (file or archive"
                        + " them).",
                        Schema.object().string("folder", FOLDER).raw("uids", UIDS)
                                .string("to", "the folder to move them to").required("uids", "to").json(),
                        files, Pack.Output.OUTSIDE, filing::move)
                .tool("mail.flag", "Mark emails as read or unread, or flag (star) and unflag them.",
                        Schema.object().string("folder", FOLDER).raw("uids", UIDS)
                                .choice("mark", "what to mark them", List.of("read", "unread", "flagged", "unflagged"))
                                .required("uids", "mark").json(),
                        files, Pack.Output.OUTSIDE, filing::flag)
                .tool("mail.delete", "Delete emails by moving them to the Trash folder, from where they can still"
                        + " be restored.",
                        Schema.object().string("folder", FOLDER).raw("uids", UIDS).required("uids").json(),
                        files, Pack.Output.OUTSIDE, filing::delete)
                .build();
    }

    private static Schema message() {
        return Schema.object()
                .strings("to", "the recipients' addresses")
                .strings("cc", "addresses to copy")
                .string("subject", "the subject line")
                .string("text", "the plain-text body")
                .required("to", "subject", "text");
    }

    /** @return the uids argument as numbers */
    static long[] uids(Map<String, Object> args) {
        if (!(args.get("uids") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("argument 'uids' must be a non-empty array of message uids");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.longValue() < 1) {
                throw new IllegalArgumentException("argument 'uids' must hold positive whole numbers");
            }
            out[i] = n.longValue();
        }
        return out;
    }

    /** @return the uids of {@code wanted} that are not in {@code found} */
    static List<Long> missing(long[] wanted, List<Long> found) {
        List<Long> out = new ArrayList<>();
        for (long uid : wanted) {
            if (!found.contains(uid)) {
                out.add(uid);
            }
        }
        return out;
    }
}
