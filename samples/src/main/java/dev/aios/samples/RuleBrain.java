package dev.aios.samples;

import dev.aios.api.text.Tokens;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Locale;

/**
 * A rule-based brain for the desk agent: a LangChain4j {@link ChatModel} that writes plans from
 * keywords instead of a neural network, so the sample runs with no model and no network. It reads
 * the planner's prompt like a model would (the goal, and on a replan which steps were denied) and
 * answers in the planner's JSON format. Swap it for any LangChain4j model to plan for real.
 */
public final class RuleBrain implements ChatModel {

    private static final String BRIEFING = "# Your day\\n\\n## Meetings\\n{{cal}}\\n\\n## About the people you meet\\n"
            + "{{people}}\\n\\n## Open tasks\\n{{tasks}}";

    /** Creates the brain. */
    public RuleBrain() {}

    @Override
    public ChatResponse doChat(ChatRequest request) {
        String prompt = firstUserText(request);
        return answer(prompt, plan(prompt));
    }

    /**
     * @return {@code reply} as a finished model response, its token counts estimated the project's
     *     way (the samples' rule-based brains report usage so budgets and reports stay meaningful)
     */
    public static ChatResponse answer(String prompt, String reply) {
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(reply))
                .tokenUsage(new TokenUsage(Tokens.estimate(prompt), Tokens.estimate(reply)))
                .finishReason(FinishReason.STOP)
                .build();
    }

    private static String plan(String prompt) {
        String goal = line(prompt, "Goal:").toLowerCase(Locale.ROOT);
        if (!(goal.contains("day") || goal.contains("brief"))) {
            return """
                    {"steps": [{"id": "s1", "description": "look for notes on the goal", "tool": "notes.search",
                                "arguments": {"text": %s}}],
                     "answer": "What my notes say:\\n{{s1}}",
                     "rationale": "the rule-based brain only knows how to prepare a day; for anything else it searches notes"}"""
                    .formatted(jsonString(line(prompt, "Goal:")));
        }
        boolean sendingWasRefused = prompt.contains("This is a replan") && prompt.contains("mail.send -> DENIED");
        String tellTeam = sendingWasRefused
                ? """
                  {"id": "tell-team", "description": "leave the team a draft instead, since sending was refused",
                   "tool": "mail.draft", "arguments": {"to": "team", "text": "Today: {{cal}}"}, "dependsOn": ["cal"]}"""
                : """
                  {"id": "tell-team", "description": "tell the team about today's meetings",
                   "tool": "mail.send", "arguments": {"to": "team", "text": "Today: {{cal}}"}, "dependsOn": ["cal"]}""";
        return """
                {"steps": [
                  {"id": "cal", "description": "today's meetings", "tool": "calendar.today", "arguments": {},
                   "expect": {"description": "a list of meetings"}},
                  {"id": "people", "description": "notes on the people in them", "tool": "notes.search",
                   "arguments": {"text": "{{cal}}"}, "dependsOn": ["cal"]},
                  {"id": "tasks", "description": "open tasks", "tool": "tasks.open", "arguments": {}},
                  {"id": "brief", "description": "write the briefing", "tool": "briefing.write",
                   "arguments": {"text": "%1$s"}, "dependsOn": ["cal", "people", "tasks"], "expect": {"contains": "wrote"}},
                  %2$s
                 ],
                 "answer": "%1$s\\n\\n(%3$s: {{tell-team}})",
                 "rationale": "%4$s"}"""
                .formatted(BRIEFING, tellTeam, sendingWasRefused ? "draft for the team" : "mail to the team",
                        sendingWasRefused ? "sending was refused, so the team gets a draft to send themselves"
                                : "meetings first, then who is in them; tasks in parallel");
    }

    private static String line(String prompt, String prefix) {
        for (String line : prompt.split("\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        return "";
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String firstUserText(ChatRequest request) {
        for (ChatMessage message : request.messages()) {
            if (message instanceof UserMessage user && user.hasSingleText()) {
                return user.singleText();
            }
        }
        return "";
    }
}
