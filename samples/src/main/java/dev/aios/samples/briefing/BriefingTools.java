package dev.aios.samples.briefing;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.sensors.TaskTracker;
import dev.aios.samples.KeyedFiles;
import dev.aios.tools.InProcessToolRegistry;
import dev.aios.tools.ToolHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The briefing agent's tools: the tracker's four ({@code tracker.*}), {@code mail.draft}
 * (side-effecting, writes {@code out/drafts/}) and {@code mail.send} (destructive and
 * open-world, so the default gate asks a human; the sample has no mail server and sends
 * nothing). Draft files are named from the subject, inside the drafts folder only.
 * {@code mail.draft}, {@code tracker.create} and {@code tracker.update} honour idempotency keys,
 * each keeping the key beside its effect, in the same atomic write (the draft's headers, the
 * tracker file).
 */
final class BriefingTools {
    private static final String DRAFT_SCHEMA = """
            {"type":"object","properties":{"to":{"type":"string"},"subject":{"type":"string"},"text":{"type":"string"}},\
            "required":["to","subject","text"]}""";

    private BriefingTools() {}

    /** @param calls where the name of every tool called is added, in order */
    static InProcessToolRegistry over(BriefingWorld world, TaskTracker tracker, List<String> calls) {
        InProcessToolRegistry.Builder b = InProcessToolRegistry.builder();
        for (ToolDescriptor d : tracker.tools()) {
            // The key goes on to the tracker, which keeps it in its file with the change.
            b.tool(d, ToolHandler.ofCall(call -> {
                calls.add(d.name());
                return tracker.call(new ToolCall(UUID.randomUUID().toString(), d.name(), call.arguments(),
                        call.idempotencyKey()));
            }));
        }
        Path drafts = world.out().resolve("drafts");
        return b.tool(new ToolDescriptor("mail.draft", "Save a reply as a draft in out/drafts for the user to review and send",
                        DRAFT_SCHEMA, ToolRisk.SIDE_EFFECTING.withIdempotent().withIdempotencyKey()),
                        ToolHandler.ofCall(call -> {
                            calls.add("mail.draft");
                            Map<String, Object> args = call.arguments();
                            return draft(drafts, text(args, "to"), text(args, "subject"), text(args, "text"),
                                    call.idempotencyKey());
                        }))
                // Not declared to accept keys: it sends nothing. A real one would dedupe at the mail server.
                .tool(new ToolDescriptor("mail.send", "Send a mail now (cannot be undone)", DRAFT_SCHEMA,
                        ToolRisk.DESTRUCTIVE.withOpenWorld()),
                        args -> {
                            calls.add("mail.send");
                            return ToolResult.failure("the sample has no mail server; nothing was sent");
                        })
                .build();
    }

    /**
     * Writes the draft once per idempotency key: the key is kept in the draft's headers, written
     * with it in one atomic step ({@link KeyedFiles}); a call whose key the draft records writes
     * nothing and gets the same answer (it depends only on the file's name and the text, and a
     * call with the same key has the same arguments).
     */
    private static ToolResult draft(Path folder, String to, String subject, String text, @Nullable String key)
            throws java.io.IOException {
        String slug = subject.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        Path file = folder.resolve((slug.isEmpty() ? "draft" : slug) + ".eml");
        ToolResult answer = ToolResult.success("wrote draft " + file.getFileName() + " (" + text.length()
                + " characters), not sent");
        if (key != null && KeyedFiles.applied(file, key, KeyedFiles.Style.HEADERS)) {
            return answer;
        }
        KeyedFiles.write(file, "To: " + oneLine(to) + "\nSubject: " + oneLine(subject) + "\nX-Draft: not sent\n\n"
                + text.strip() + "\n", key, KeyedFiles.Style.HEADERS);
        return answer;
    }

    /** Header values on one line, so no argument can add headers. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String text(Map<String, Object> args, String name) {
        if (!(args.get(name) instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("argument '" + name + "' must be a non-empty string");
        }
        return s;
    }
}
