package dev.aios.inference.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link LocalModel} as a LangChain4j {@link ChatModel} and {@link StreamingChatModel}: the
 * conversation is written with the model folder's chat template, the request's temperature, top-p,
 * top-k, maximum output tokens and stop sequences override the defaults, and the response carries
 * token usage and a finish reason. This is how a local model becomes a brain for the router or
 * for any LangChain4j application.
 *
 * <p>A request's {@link ResponseFormat} of type JSON is honoured by constrained decoding
 * ({@link GenerationOptions.Builder#jsonSchema}): with a JSON schema the answer validates against
 * it, without one it is a JSON object. A schema outside the supported subset fails the request
 * with an {@link IllegalArgumentException} naming the keyword. Tool specifications in a request
 * are not supported by this adapter and are rejected.
 */
public final class LocalChatModel implements ChatModel, StreamingChatModel, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalModel model;
    private final GenerationOptions defaults;
    private final boolean ownsModel;

    /**
     * @param model the loaded model; closing it is the caller's job ({@link #close()} leaves it open)
     * @param defaults options used where a request does not set its own
     */
    public LocalChatModel(LocalModel model, GenerationOptions defaults) {
        this(model, defaults, false);
    }

    private LocalChatModel(LocalModel model, GenerationOptions defaults, boolean ownsModel) {
        this.model = Objects.requireNonNull(model, "model");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.ownsModel = ownsModel;
    }

    /**
     * A chat model that owns {@code model}: {@link #close()} closes it. For code that loads a model
     * only to hand it out as a brain (as {@code BrainCatalog} does).
     */
    public static LocalChatModel owning(LocalModel model) {
        return new LocalChatModel(model, GenerationOptions.DEFAULTS, true);
    }

    /** Closes the model if this chat model owns it (see {@link #owning}); otherwise does nothing. */
    @Override
    public void close() {
        if (ownsModel) {
            model.close();
        }
    }

    /** A chat model over {@code model} with {@link GenerationOptions#DEFAULTS}. */
    public LocalChatModel(LocalModel model) {
        this(model, GenerationOptions.DEFAULTS);
    }

    /** @return {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA}: answers can be held to a JSON schema */
    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    /** @return {@link ModelProvider#OTHER}: the model runs in this process */
    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    /** @return no listeners: the router and the agent's own events observe calls */
    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    /** @return the defaults given at construction, as LangChain4j parameters */
    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return ChatRequestParameters.builder()
                .modelName(model.name())
                .temperature(defaults.temperature())
                .topP(defaults.topP())
                .topK(defaults.topK() == 0 ? null : defaults.topK())
                .maxOutputTokens(defaults.maxTokens())
                .stopSequences(defaults.stopStrings())
                .build();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        GenerationResult result = model.generate(prompt(request), options(request.parameters()));
        return response(result);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        String prompt;
        GenerationOptions options;
        try {
            prompt = prompt(request);
            options = options(request.parameters());
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        model.submit(prompt, options, handler::onPartialResponse).whenComplete((result, error) -> {
            if (error != null) {
                handler.onError(error instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : error);
            } else {
                handler.onCompleteResponse(response(result));
            }
        });
    }

    private ChatResponse response(GenerationResult result) {
        FinishReason reason = switch (result.stopReason()) {
            case END_TOKEN, STOP_STRING -> FinishReason.STOP;
            case MAX_TOKENS, CONTEXT_FULL -> FinishReason.LENGTH;
        };
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(result.text()))
                .tokenUsage(new TokenUsage(result.promptTokens(), result.outputTokens()))
                .finishReason(reason)
                .modelName(model.name())
                .build();
    }

    private String prompt(ChatRequest request) {
        if (request.toolSpecifications() != null && !request.toolSpecifications().isEmpty()) {
            throw new IllegalArgumentException("LocalChatModel does not support tool specifications ("
                    + request.toolSpecifications().size() + " given); plan tool calls as JSON text instead");
        }
        List<Map.Entry<String, String>> messages = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            messages.add(switch (m) {
                case SystemMessage s -> new SimpleEntry<>("system", s.text());
                case UserMessage u -> new SimpleEntry<>("user", u.hasSingleText() ? u.singleText() : u.toString());
                case AiMessage a -> new SimpleEntry<>("assistant", a.text() == null ? "" : a.text());
                case ToolExecutionResultMessage t -> new SimpleEntry<>("user", t.text());
                default -> throw new IllegalArgumentException("unsupported message type " + m.type());
            });
        }
        return model.chatPrompt(messages);
    }

    private GenerationOptions options(ChatRequestParameters p) {
        GenerationOptions.Builder b = defaults.toBuilder();
        if (p == null) {
            return b.build();
        }
        if (p.temperature() != null) {
            b.temperature(p.temperature());
        }
        if (p.topP() != null) {
            b.topP(p.topP());
        }
        if (p.topK() != null) {
            b.topK(p.topK());
        }
        if (p.maxOutputTokens() != null) {
            b.maxTokens(p.maxOutputTokens());
        }
        if (p.stopSequences() != null && !p.stopSequences().isEmpty()) {
            b.stopStrings(p.stopSequences());
        }
        ResponseFormat format = p.responseFormat();
        if (format != null && format.type() == ResponseFormatType.JSON) {
            // The document ends generation; a stop string could only cut it short.
            b.stopStrings(List.of()).ignoreEos(false).jsonSchema(format.jsonSchema() == null
                    ? GenerationOptions.ANY_JSON_OBJECT : schemaJson(format.jsonSchema().rootElement()));
        }
        return b.build();
    }

    /** LangChain4j's schema tree as JSON Schema text ($defs, anyOf and $ref included). */
    static String schemaJson(dev.langchain4j.model.chat.request.json.JsonSchemaElement root) {
        if (root instanceof dev.langchain4j.model.chat.request.json.JsonRawSchema raw) {
            return raw.schema();
        }
        try {
            return JSON.writeValueAsString(JsonSchemaElementJsonUtils.toMap(root));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the response format's JSON schema cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
