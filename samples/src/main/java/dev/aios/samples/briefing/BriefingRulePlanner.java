package dev.aios.samples.briefing;

import dev.aios.samples.RuleBrain;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The briefing's rule-based planner: a LangChain4j {@link ChatModel} that writes the planner's
 * JSON plans from the goal and its context, with no neural network, so the sample runs with no
 * model and no network; it counts its calls, so a run can say how many the learned skills saved.
 * It knows three goals: drafting a reply ({@code mail.draft}), filing a bug ({@code tracker.create})
 * and sending a draft the user names ({@code send the draft <file>}: {@code mail.send_draft}, which
 * the gate holds for the user's approval).
 * Like any planner it never sees the words of a mail or a chat: the goal's context holds them
 * labelled untrusted, the prompt shows only that they exist, and its plans write {@code ${key}}
 * where the runtime fills them in.
 */
public final class BriefingRulePlanner implements ChatModel {
    /** The user's own words name the draft; the name is the next token, trailing punctuation dropped. */
    private static final Pattern SEND_DRAFT = Pattern.compile("(?i)\\bsend the draft\\s+\"?([^\\s\"]+?)\"?[.,;:!?]*(?:\\s|$)");
    private static final Pattern CONTEXT_KEY = Pattern.compile("\n- ([A-Za-z]+): ");
    private final AtomicInteger calls = new AtomicInteger();

    /** Creates the planner. */
    public BriefingRulePlanner() {}

    /** @return how many plans this planner has written */
    public int calls() {
        return calls.get();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        calls.incrementAndGet();
        String prompt = "";
        for (ChatMessage message : request.messages()) {
            if (message instanceof UserMessage user && user.hasSingleText()) {
                prompt = user.singleText();
                break;
            }
        }
        return RuleBrain.answer(prompt, plan(prompt));
    }

    private static String plan(String prompt) {
        String goalLine = prompt.lines().filter(l -> l.startsWith("Goal:")).findFirst().orElse("");
        String goal = goalLine.toLowerCase(java.util.Locale.ROOT);
        Matcher send = SEND_DRAFT.matcher(goalLine);
        if (send.find()) {
            // The goal is the user's own, trusted text: the file name goes into the arguments as written.
            return """
                    {"steps": [{"id": "send", "description": "send the draft the user named",
                                "tool": "mail.send_draft", "arguments": {"draft": %s},
                                "expect": {"contains": "sent"}}],
                     "answer": "{{send}}",
                     "rationale": "the user asked to send a draft they reviewed; the gate asks them to confirm"}"""
                    .formatted(json(send.group(1)));
        }
        if (goal.contains("draft a reply")) {
            return """
                    {"steps": [{"id": "draft", "description": "save the reply as a draft for the user to send",
                                "tool": "mail.draft", "arguments": {"to": %s, "subject": %s, "text": %s},
                                "expect": {"contains": "wrote"}}],
                     "answer": "{{draft}}",
                     "rationale": "a routine request: the user's usual reply, saved as a draft; sending is the user's call"}"""
                    .formatted(json("${to}"), json("Re: ${topic}"), json("${text}"));
        }
        if (goal.contains("file the bug")) {
            return """
                    {"steps": [{"id": "file", "description": "file the bug in the tracker",
                                "tool": "tracker.create", "arguments": {"title": %s, "description": %s, "project": %s,
                                "labels": ["bug", "from-chat"]}, "expect": {"contains": "\\"id\\""}}],
                     "answer": "Filed: {{file}}",
                     "rationale": "a bug reported in chat belongs in its project's tracker"}"""
                    .formatted(json("${title}"), json("${description}"), json(context(prompt, "project")));
        }
        return """
                {"steps": [], "answer": "The briefing brain only drafts replies, files bugs and sends drafts you name.",
                 "rationale": "no rule for this goal"}""";
    }

    /** The value of {@code key} in the prompt's context block; values may span lines. */
    static String context(String prompt, String key) {
        int start = prompt.indexOf("\nContext:\n");
        int end = prompt.indexOf("\n\nTools (", Math.max(start, 0));
        if (start < 0) {
            return "";
        }
        String block = "\n" + prompt.substring(start + "\nContext:\n".length(), end < 0 ? prompt.length() : end);
        Matcher m = CONTEXT_KEY.matcher(block);
        int from = -1;
        while (m.find()) {
            if (from >= 0) {
                return block.substring(from, m.start()).strip();
            }
            if (m.group(1).equals(key)) {
                from = m.end();
            }
        }
        return from >= 0 ? block.substring(from).strip() : "";
    }

    private static String json(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> { }
                case '\t' -> s.append("\\t");
                default -> s.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return s.append('"').toString();
    }
}
