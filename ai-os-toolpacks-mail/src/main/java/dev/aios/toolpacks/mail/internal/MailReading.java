package dev.aios.toolpacks.mail.internal;

import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.ReceivedDateTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SubjectTerm;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** mail.folders, mail.list, mail.search and mail.read: they open folders read-only and change nothing. */
final class MailReading {
    private static final int MAX_FOLDERS = 200;
    private final MailSettings settings;

    MailReading(MailSettings settings) {
        this.settings = settings;
    }

    ToolResult folders(Map<String, Object> args) throws Exception {
        return MailConnection.inStore(settings, (store, root) -> {
            List<Map<String, Object>> out = new ArrayList<>();
            Folder[] all = root.list("*");
            for (Folder f : all) {
                if (out.size() == MAX_FOLDERS) {
                    break;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("folder", f.getFullName());
                if ((f.getType() & Folder.HOLDS_MESSAGES) != 0) {
                    row.put("messages", f.getMessageCount());
                    row.put("unread", f.getUnreadMessageCount());
                }
                out.add(row);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("folders", out);
            if (all.length > out.size()) {
                result.put("cut", (all.length - out.size()) + " more folders not shown");
            }
            return ToolResult.success(Json.text(result));
        });
    }

    ToolResult list(Map<String, Object> args) throws Exception {
        String folderName = folder(args);
        int limit = limit(args);
        return MailConnection.inFolder(settings, folderName, Folder.READ_ONLY, (store, folder) -> {
            int total = folder.getMessageCount();
            Message[] recent = total == 0 ? new Message[0]
                    : folder.getMessages(Math.max(1, total - limit + 1), total);
            return ToolResult.success(Json.text(listing(folder, folderName, recent, total, "total")));
        });
    }

    ToolResult search(Map<String, Object> args) throws Exception {
        String folderName = folder(args);
        int limit = limit(args);
        SearchTerm term = term(args);
        return MailConnection.inFolder(settings, folderName, Folder.READ_ONLY, (store, folder) -> {
            Message[] found = folder.search(term);
            Message[] shown = Arrays.copyOfRange(found, Math.max(0, found.length - limit), found.length);
            return ToolResult.success(Json.text(listing(folder, folderName, shown, found.length, "matched")));
        });
    }

    ToolResult read(Map<String, Object> args) throws Exception {
        String folderName = folder(args);
        long uid = Args.integer(args, "uid", 0);
        if (uid < 1) {
            throw new IllegalArgumentException("argument 'uid' must be a positive whole number");
        }
        return MailConnection.inFolder(settings, folderName, Folder.READ_ONLY, (store, folder) -> {
            Message m = ((UIDFolder) folder).getMessageByUID(uid);
            if (m == null) {
                throw new IllegalArgumentException("no message with uid " + uid + " in folder " + folderName);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("folder", folderName);
            out.putAll(MailText.full(uid, m, settings.maxBodyChars()));
            return ToolResult.success(Json.text(out));
        });
    }

    /** Newest first, with the count the folder or search had. */
    private static Map<String, Object> listing(Folder folder, String name, Message[] messages, int count, String countName)
            throws Exception {
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(messages, profile);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = messages.length - 1; i >= 0; i--) {
            rows.add(MailText.summary(((UIDFolder) folder).getUID(messages[i]), messages[i]));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("folder", name);
        out.put(countName, count);
        out.put("shown", rows.size());
        out.put("messages", rows);
        return out;
    }

    private SearchTerm term(Map<String, Object> args) {
        List<SearchTerm> terms = new ArrayList<>();
        String from = Args.string(args, "from", null);
        if (from != null && !from.isBlank()) {
            terms.add(new FromStringTerm(from.strip()));
        }
        for (String word : words(Args.string(args, "subject", null))) {
            terms.add(new SubjectTerm(word));
        }
        for (String word : words(Args.string(args, "body", null))) {
            terms.add(new BodyTerm(word));
        }
        String since = Args.string(args, "since", null);
        if (since != null) {
            terms.add(new ReceivedDateTerm(ComparisonTerm.GE, date(since, "since")));
        }
        String before = Args.string(args, "before", null);
        if (before != null) {
            terms.add(new ReceivedDateTerm(ComparisonTerm.LT, date(before, "before")));
        }
        if (args.get("unread") instanceof Boolean unread) {
            terms.add(new FlagTerm(new Flags(Flags.Flag.SEEN), !unread));
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("give at least one of from, subject, body, since, before, unread "
                    + "(mail.list shows the most recent messages)");
        }
        return terms.size() == 1 ? terms.get(0) : new AndTerm(terms.toArray(SearchTerm[]::new));
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    private static Date date(String text, String name) {
        try {
            return Date.from(LocalDate.parse(text.strip()).atStartOfDay(ZoneId.systemDefault()).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("argument '" + name + "' must be a date as YYYY-MM-DD, was '" + text + "'");
        }
    }

    private static String folder(Map<String, Object> args) {
        String folder = Args.string(args, "folder", "INBOX");
        return folder == null || folder.isBlank() ? "INBOX" : folder.strip();
    }

    private int limit(Map<String, Object> args) {
        long limit = Args.integer(args, "limit", settings.maxMessages());
        if (limit < 1) {
            throw new IllegalArgumentException("argument 'limit' must be at least 1, was " + limit);
        }
        return (int) Math.min(limit, settings.maxMessages());
    }

    static String folderOf(Map<String, Object> args) {
        return folder(args);
    }
}
