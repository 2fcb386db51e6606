package dev.aios.samples.briefing;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.sensors.TaskTracker;
import dev.aios.samples.KeyedFiles;
import dev.aios.media.MediaTools;
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
 * (side-effecting, writes {@code out/drafts/}), {@code mail.send_draft} (destructive and
 * open-world, so the default gate asks a person first; with no mail server in the sample, sending
 * queues the draft in {@code out/outbox/}) and {@code mail.send} (destructive and open-world; the
 * sample has no mail server and sends nothing). Draft files are named from the subject, inside the drafts folder only.
 * {@code mail.draft}, {@code mail.send_draft}, {@code tracker.create} and {@code tracker.update}
 * honour idempotency keys,
 * each keeping the key beside its effect, in the same atomic write (the draft's headers, the
 * tracker file).
 */
final class BriefingTools {
    private static final String DRAFT_SCHEMA = """
            {"type":"object","properties":{"to":{"type":"string"},"subject":{"type":"string"},"text":{"type":"string"}},\
            "required":["to","subject","text"]}""";
    private static final String SEND_DRAFT_SCHEMA = """
            {"type":"object","properties":{"draft":{"type":"string",\
            "description":"the draft's file name in out/drafts, such as re-invoice-march.eml"}},\
            "required":["draft"],"additionalProperties":false}""";
    /** The tool that sends a draft the user reviewed. */
    static final String SEND_DRAFT = "mail.send_draft";

    private BriefingTools() {}

    /** The tools over the sample world's out folder. */
    static InProcessToolRegistry over(BriefingWorld world, TaskTracker tracker, List<String> calls) {
        return over(world.out(), tracker, calls);
    }

    /**
     * @param out the briefing's out folder: drafts go to {@code out/drafts}, sent drafts to {@code out/outbox}
     * @param calls where the name of every tool called is added, in order
     */
    static InProcessToolRegistry over(Path out, TaskTracker tracker, List<String> calls) {
        InProcessToolRegistry.Builder b = InProcessToolRegistry.builder();
        for (ToolDescriptor d : tracker.tools()) {
            // The key goes on to the tracker, which keeps it in its file with the change.
            b.tool(d, ToolHandler.ofCall(call -> {
                calls.add(d.name());
                return tracker.call(new ToolCall(UUID.randomUUID().toString(), d.name(), call.arguments(),
                        call.idempotencyKey()));
            }));
        }
        // The media engine's tools: charts, slides, narration, video... written under out/media.
        MediaTools media = MediaTools.builder(out.resolve("media")).build();
        for (ToolDescriptor d : media.tools()) {
            b.tool(d, ToolHandler.ofCall(call -> {
                calls.add(d.name());
                return media.call(call);
            }));
        }
        Path drafts = out.resolve("drafts");
        return b.tool(new ToolDescriptor("mail.draft", "Save a reply as a draft in out/drafts for the user to review and send",
                        DRAFT_SCHEMA, ToolRisk.SIDE_EFFECTING.withIdempotent().withIdempotencyKey()),
                        ToolHandler.ofCall(call -> {
                            calls.add("mail.draft");
                            Map<String, Object> args = call.arguments();
                            return draft(drafts, text(args, "to"), text(args, "subject"), text(args, "text"),
                                    call.idempotencyKey());
                        }))
                .tool(new ToolDescriptor(SEND_DRAFT, "Send a draft from out/drafts (cannot be undone); the sample"
                        + " has no mail server, so it is queued in out/outbox", SEND_DRAFT_SCHEMA,
                        ToolRisk.DESTRUCTIVE.withOpenWorld().withIdempotencyKey()),
                        ToolHandler.ofCall(call -> {
                            calls.add(SEND_DRAFT);
                            return sendDraft(drafts, out.resolve("outbox"), text(call.arguments(), "draft"),
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

    /**
     * "Sends" the draft named {@code name}: copies it to the outbox once per idempotency key, the key
     * kept in its headers ({@link KeyedFiles}), so a call made again after a crash sends nothing twice.
     *
     * @throws IllegalArgumentException if the name is not a plain file name or no such draft exists
     */
    private static ToolResult sendDraft(Path drafts, Path outbox, String name, @Nullable String key)
            throws java.io.IOException {
        // A file name only: the argument must not reach outside out/drafts (or into out/outbox).
        if (name.contains("/") || name.contains("\\") || name.contains("..") || name.startsWith(".")
                || !name.equals(name.strip()) || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("argument 'draft' must be a plain file name in out/drafts (no folders,"
                    + " no '..'), was '" + name + "'");
        }
        Path draft = drafts.resolve(name);
        if (!java.nio.file.Files.isRegularFile(draft)) {
            throw new IllegalArgumentException("there is no draft '" + name + "' in " + drafts
                    + "; the briefing lists the drafts it wrote");
        }
        String content = java.nio.file.Files.readString(draft);
        String to = header(content, "To");
        if (to.isEmpty()) {
            throw new IllegalArgumentException("the draft " + draft + " has no To header; add one before sending it");
        }
        Path file = outbox.resolve(name);
        ToolResult answer = ToolResult.success("sent " + name + " to " + to + " (queued in out/outbox)");
        if (key != null && KeyedFiles.applied(file, key, KeyedFiles.Style.HEADERS)) {
            return answer;
        }
        // The draft's own key lines belong to the draft's writes, not to this send: KeyedFiles adds this call's.
        String headers = content.contains("\n\n") ? content.substring(0, content.indexOf("\n\n")) : content;
        String body = content.contains("\n\n") ? content.substring(content.indexOf("\n\n") + 2) : "";
        String sentHeaders = headers.lines().filter(l -> !l.startsWith("X-Idempotency-Key:") && !l.startsWith("X-Draft:"))
                .collect(java.util.stream.Collectors.joining("\n"));
        KeyedFiles.write(file, sentHeaders + "\nX-Draft: sent\n\n" + body, key, KeyedFiles.Style.HEADERS);
        return answer;
    }

    /** The value of header {@code name} in a draft's header block, or empty. */
    private static String header(String content, String name) {
        for (String line : content.lines().toList()) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "";
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
