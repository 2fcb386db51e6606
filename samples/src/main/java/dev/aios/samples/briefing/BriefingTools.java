package dev.aios.samples.briefing;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.sensors.TaskTracker;
import dev.aios.tools.InProcessToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The briefing agent's tools: the tracker's four ({@code tracker.*}), {@code mail.draft}
 * (side-effecting, writes {@code out/drafts/}) and {@code mail.send} (destructive and
 * open-world, so the default gate asks a human; the sample has no mail server and sends
 * nothing). Draft files are named from the subject, inside the drafts folder only.
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
            b.tool(d, args -> {
                calls.add(d.name());
                return tracker.call(new ToolCall(UUID.randomUUID().toString(), d.name(), args));
            });
        }
        Path drafts = world.out().resolve("drafts");
        return b.tool(new ToolDescriptor("mail.draft", "Save a reply as a draft in out/drafts for the user to review and send",
                        DRAFT_SCHEMA, ToolRisk.SIDE_EFFECTING.withIdempotent()),
                        args -> {
                            calls.add("mail.draft");
                            return draft(drafts, text(args, "to"), text(args, "subject"), text(args, "text"));
                        })
                .tool(new ToolDescriptor("mail.send", "Send a mail now (cannot be undone)", DRAFT_SCHEMA,
                        ToolRisk.DESTRUCTIVE.withOpenWorld()),
                        args -> {
                            calls.add("mail.send");
                            return ToolResult.failure("the sample has no mail server; nothing was sent");
                        })
                .build();
    }

    private static ToolResult draft(Path folder, String to, String subject, String text) throws java.io.IOException {
        String slug = subject.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        Path file = folder.resolve((slug.isEmpty() ? "draft" : slug) + ".eml");
        Files.createDirectories(folder);
        Files.writeString(file, "To: " + oneLine(to) + "\nSubject: " + oneLine(subject) + "\nX-Draft: not sent\n\n" + text.strip() + "\n");
        return ToolResult.success("wrote draft " + file.getFileName() + " (" + text.length() + " characters), not sent");
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
