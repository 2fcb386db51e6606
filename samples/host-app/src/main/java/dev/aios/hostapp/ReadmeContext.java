package dev.aios.hostapp;

import dev.aios.api.Brain;
import dev.aios.api.Memory;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.runtime.InProcessMemory;
import dev.aios.tools.InProcessToolRegistry;
import dev.aios.testing.ScriptedChatModel;
import dev.aios.tools.ToolMethod;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What README's snippets leave to the reader, with embedded defaults: a chat model that plans by
 * rule (no key, no network), the user's calendar and tracker, a logger, a brain, tools and a
 * memory. Each snippet becomes a subclass whose {@link #run()} is the snippet's code, so the
 * names it uses resolve to these fields.
 */
public abstract class ReadmeContext {
    /** The plan the scripted brain writes when both of the quick start's tools are offered. */
    private static final String QUICK_START_PLAN = """
            {"steps": [
              {"id": "s1", "tool": "calendar.today"},
              {"id": "s2", "tool": "tracker.create", "arguments": {"title": "Login bug from today's chat"},
               "dependsOn": ["s1"]}
            ]}""";

    /** Any LangChain4j ChatModel: here one that plans by rule, so nothing leaves this machine. */
    protected final ChatModel chatModel = ScriptedChatModel.answering(request -> {
        String prompt = request.messages().stream().filter(UserMessage.class::isInstance)
                .map(m -> ((UserMessage) m).singleText()).reduce("", (a, b) -> a + "\n" + b);
        return prompt.contains("calendar.today") && prompt.contains("tracker.create") ? QUICK_START_PLAN
                : "{\"steps\": [], \"answer\": \"Done by the README host app's scripted brain.\"}";
    });
    /** The same model, as the router snippet's local brain. */
    protected final ChatModel localChatModel = chatModel;
    /** A brain over the scripted model. */
    protected final Brain brain = Brain.local("local", chatModel);
    /** The host's calendar. */
    protected final Calendar myCalendar = new Calendar();
    /** The host's issue tracker. */
    protected final Tracker myTracker = new Tracker();
    /** The host's logger. */
    protected final Logger log = LoggerFactory.getLogger("readme-host-app");
    /** A small tool registry for the snippets that take one. */
    protected final ToolRegistry tools = InProcessToolRegistry.builder()
            .tool("calendar.today", "Today's meetings", ToolRisk.READ_ONLY, args -> ToolResult.success(myCalendar.today()))
            .build();
    /** A memory for the snippets that take one. */
    protected final Memory memory = new InProcessMemory();

    /** Subclasses are README snippets. */
    protected ReadmeContext() {}

    /**
     * Runs the snippet.
     *
     * @throws Exception whatever the snippet's code throws
     */
    protected abstract void run() throws Exception;

    /** The host application's calendar, as the quick start calls it. */
    public static final class Calendar {
        /** @return today's meetings, as text */
        public String today() {
            return "10:00 Atlas 2.4 release review; 15:00 ACME contract call";
        }
    }

    /** The host application's tracker, as the quick start calls it. */
    public static final class Tracker {
        /** @return the id of the issue filed with {@code title} */
        public String create(String title) {
            return "T-1 " + title;
        }
    }

    /** Java tools for the MCP snippet: public methods annotated {@link ToolMethod}. */
    public static final class MyTools {
        /** @return the titles of the user's notes that mention {@code words} */
        @ToolMethod(value = "Finds the user's notes that mention the words", level = ToolRisk.Level.READ_ONLY,
                openWorld = false)
        public List<String> searchNotes(String words) {
            return List.of("Notes: " + words);
        }
    }
}
