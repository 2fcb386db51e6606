package dev.aios.memory;

import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.memory.internal.Entry;
import dev.aios.memory.internal.IndexSchema;
import dev.aios.memory.internal.TextChecks;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A LangChain4j {@link ChatMemoryStore} over a {@link LuceneMemory}: each chat's current message
 * list is kept exactly (serialized), and every user and AI message also becomes a session memory
 * (session {@code chat:<memoryId>}), so the agent can recall what was said long after the chat
 * window dropped it. {@link #deleteMessages} removes both.
 */
public final class LuceneChatMemoryStore implements ChatMemoryStore {
    private final LuceneMemory memory;

    private LuceneChatMemoryStore(LuceneMemory memory) {
        this.memory = Objects.requireNonNull(memory, "memory must not be null");
    }

    /** @return a chat memory store over {@code memory}; closing it is the memory's job */
    public static LuceneChatMemoryStore over(LuceneMemory memory) {
        return new LuceneChatMemoryStore(memory);
    }

    /** @return the session id under which chat {@code memoryId}'s messages are remembered */
    public static String sessionOf(Object memoryId) {
        return "chat:" + memoryId;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        Entry log = memory.read(logId(memoryId));
        if (log == null || !IndexSchema.KIND_CHAT_LOG.equals(log.kind())) {
            return List.of();
        }
        return ChatMessageDeserializer.messagesFromJson(log.text());
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String session = sessionOf(memoryId);
        TextChecks.validUnicode(session, "chat memory id");
        Instant now = memory.now();
        List<MemoryRecord> turns = new ArrayList<>();
        for (ChatMessage m : messages) {
            String role;
            String text;
            if (m instanceof UserMessage u && u.hasSingleText()) {
                role = "user";
                text = u.singleText();
            } else if (m instanceof AiMessage a && a.text() != null) {
                role = "assistant";
                text = a.text();
            } else {
                continue;
            }
            if (text.isBlank()) {
                continue;
            }
            String id = session + ":" + digest(role + "\n" + text);
            if (memory.read(id) == null) {
                turns.add(new MemoryRecord(id, MemoryLayer.SESSION, text, now, 0.5,
                        Map.of(IndexSchema.SESSION_KEY, session, "speaker", role, "source", "chat")));
            }
        }
        String json = ChatMessageSerializer.messagesToJson(messages);
        // validate and remember the turns first: if one is invalid, the log is not replaced either
        memory.rememberAll(turns);
        memory.writeRaw(List.of(new Entry(logId(memoryId), IndexSchema.KIND_CHAT_LOG, MemoryLayer.SESSION,
                TextChecks.validUnicode(json, "chat messages"), now, 0.5, Map.of(IndexSchema.SESSION_KEY, session),
                List.of(), List.of(), 0, "", "")));
    }

    @Override
    public void deleteMessages(Object memoryId) {
        memory.forgetSession(sessionOf(memoryId));
    }

    private static String logId(Object memoryId) {
        return "chatlog:" + memoryId;
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
