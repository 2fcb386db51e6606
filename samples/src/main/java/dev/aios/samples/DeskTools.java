package dev.aios.samples;

import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.text.Words;
import dev.aios.tools.InProcessToolRegistry;
import dev.aios.tools.ToolHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The desk agent's in-process tools over a {@link SampleWorld}. Every path is fixed inside the
 * world's folder, so no argument can reach a file outside it. The two that write
 * ({@code briefing.write}, {@code mail.draft}) honour idempotency keys: the key is kept in the
 * file they write, in the same atomic step ({@link KeyedFiles}).
 */
public final class DeskTools {
    private DeskTools() {}

    private static final String TEXT_SCHEMA = """
            {"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""";
    private static final String MAIL_SCHEMA = """
            {"type":"object","properties":{"to":{"type":"string"},"text":{"type":"string"}},"required":["to","text"]}""";

    /** @return the registry: calendar, notes, tasks (read-only), briefing and draft (local writes), mail (destructive) */
    public static InProcessToolRegistry over(SampleWorld world) {
        return InProcessToolRegistry.builder()
                .tool(new ToolDescriptor("calendar.today", "List today's meetings with their attendees",
                        ToolDescriptor.NO_ARGUMENTS, ToolRisk.READ_ONLY), args -> calendarToday(world))
                .tool(new ToolDescriptor("notes.search", "Find notes that share words with the text",
                        TEXT_SCHEMA, ToolRisk.READ_ONLY), args -> searchNotes(world, text(args, "text")))
                .tool(new ToolDescriptor("tasks.open", "List open tasks", ToolDescriptor.NO_ARGUMENTS,
                        ToolRisk.READ_ONLY), args -> openTasks(world))
                .tool(new ToolDescriptor("briefing.write", "Write the day's briefing to out/briefing.md",
                        TEXT_SCHEMA, ToolRisk.SIDE_EFFECTING.withIdempotent().withIdempotencyKey()),
                        ToolHandler.ofCall(call -> write(world.out().resolve("briefing.md"), text(call.arguments(), "text"),
                                text(call.arguments(), "text"), call.idempotencyKey(), KeyedFiles.Style.MARKDOWN)))
                .tool(new ToolDescriptor("mail.draft", "Save a mail draft to out/drafts/ for the user to send",
                        MAIL_SCHEMA, ToolRisk.SIDE_EFFECTING.withIdempotent().withIdempotencyKey()),
                        ToolHandler.ofCall(call -> {
                            Map<String, Object> args = call.arguments();
                            return write(world.out().resolve("drafts").resolve(slug(text(args, "to")) + ".txt"),
                                    "To: " + oneLine(text(args, "to")) + "\n\n" + text(args, "text"), text(args, "text"),
                                    call.idempotencyKey(), KeyedFiles.Style.HEADERS);
                        }))
                // Not declared to accept keys: it sends nothing. A real one would dedupe at the mail server.
                .tool(new ToolDescriptor("mail.send", "Send a mail now (cannot be undone)", MAIL_SCHEMA,
                        ToolRisk.DESTRUCTIVE.withOpenWorld()),
                        args -> ToolResult.failure("the sample has no mail server; nothing was sent"))
                .build();
    }

    private static ToolResult calendarToday(SampleWorld world) throws IOException {
        String today = LocalDate.now().toString();
        List<String> meetings = new ArrayList<>();
        for (String line : Files.readAllLines(world.root().resolve("calendar.txt"))) {
            String[] f = line.split("\\|");
            if (f.length == 4 && f[0].strip().equals(today)) {
                meetings.add(f[1].strip() + " " + f[2].strip() + " (with " + f[3].strip() + ")");
            }
        }
        return ToolResult.success(meetings.isEmpty() ? "No meetings today." : String.join("\n", meetings));
    }

    private static ToolResult searchNotes(SampleWorld world, String text) throws IOException {
        Set<String> words = words(text);
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.list(world.root().resolve("notes"))) {
            for (Path file : files.sorted().toList()) {
                String note = Files.readString(file).strip();
                Set<String> shared = words(note);
                shared.retainAll(words);
                if (shared.size() >= 2) {
                    hits.add("- " + note);
                }
            }
        }
        return ToolResult.success(hits.isEmpty() ? "No notes match." : String.join("\n", hits));
    }

    private static ToolResult openTasks(SampleWorld world) throws IOException {
        List<String> open = Files.readAllLines(world.root().resolve("tasks.txt")).stream()
                .filter(l -> l.startsWith("[ ]"))
                .map(l -> "- " + l.substring(3).strip())
                .toList();
        return ToolResult.success(open.isEmpty() ? "No open tasks." : String.join("\n", open));
    }

    /**
     * Writes the file once per idempotency key ({@link KeyedFiles}): a call whose key the file
     * records already writes nothing and gets the same answer, which depends only on the file's
     * name and the text, as the call's arguments are the same.
     *
     * @param text the argument the answer counts the characters of
     */
    private static ToolResult write(Path file, String content, String text, @Nullable String key,
            KeyedFiles.Style style) throws IOException {
        ToolResult answer = ToolResult.success("wrote " + file.getFileName() + " (" + text.length() + " characters)");
        if (key != null && KeyedFiles.applied(file, key, style)) {
            return answer;
        }
        KeyedFiles.write(file, content + "\n", key, style);
        return answer;
    }

    /** A header value on one line, so no argument can add headers (or pose as a key line). */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String text(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("argument '" + name + "' must be a non-empty string");
        }
        return s;
    }

    private static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "draft" : slug;
    }

    private static Set<String> words(String text) {
        return Words.distinct(text, 3);
    }
}
