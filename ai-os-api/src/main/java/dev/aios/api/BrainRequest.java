package dev.aios.api;

import dev.aios.api.text.Tokens;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One model call as the router sees it: what it is for, the request itself, what it needs,
 * whether its data must stay on this machine, and how much the caller may still spend.
 *
 * @param purpose what the call is for, such as {@code plan}, {@code verify} or {@code reflect}
 * @param chat the request that will be sent
 * @param needs capabilities the brain must have (copied)
 * @param privateData whether the request's data must stay on this machine
 * @param escalation how many answers to this purpose were rejected in a row just before (0 on a
 *     first try); a router should send an escalated request to a stronger brain
 * @param runId the agent run the call belongs to; null outside a run
 * @param allowance what the caller may still spend on this call, or null for no limit; the router
 *     caps the answer's length to fit it ({@link #chatFor(BrainProfile)}) and rules out brains
 *     that cannot answer within it
 */
public record BrainRequest(
        String purpose, ChatRequest chat, Set<BrainProfile.Capability> needs, boolean privateData, int escalation,
        @Nullable String runId, @Nullable Allowance allowance) {

    /** Output tokens assumed for a request that sets no {@code maxOutputTokens}, for cost estimates. */
    public static final int DEFAULT_OUTPUT_TOKENS = 1000;

    /**
     * The largest cap {@link #chatFor} puts on a request that set no {@code maxOutputTokens}: when
     * the allowance affords more, such a request goes out uncapped, because mainstream models all
     * accept an output cap this size but some providers reject one above the model's own limit.
     */
    public static final int UNSET_OUTPUT_CAP_LIMIT = 4096;

    /**
     * What a caller may still spend: tokens (input plus output) and money.
     *
     * @param tokens tokens left, {@code >= 0}
     * @param cost money left, in the currency of the brains' prices, {@code >= 0}
     */
    public record Allowance(long tokens, BigDecimal cost) {
        /** Validates. */
        public Allowance {
            Checks.notNegative(tokens, "tokens");
            Checks.notNull(cost, "cost");
            if (cost.signum() < 0) {
                throw new IllegalArgumentException("cost must be >= 0, was " + cost);
            }
        }
    }

    /** Validates and copies. */
    public BrainRequest {
        Checks.notBlank(purpose, "purpose");
        Checks.notNull(chat, "chat request");
        Checks.notNull(needs, "needs");
        if (escalation < 0) {
            throw new IllegalArgumentException("escalation must be >= 0, was " + escalation);
        }
        if (runId != null && runId.isBlank()) {
            throw new IllegalArgumentException("runId must be null or not blank");
        }
        needs = Collections.unmodifiableSet(
                needs.isEmpty() ? EnumSet.noneOf(BrainProfile.Capability.class) : EnumSet.copyOf(needs));
    }

    /** A request in run {@code runId} with no spending limit. */
    public BrainRequest(String purpose, ChatRequest chat, Set<BrainProfile.Capability> needs, boolean privateData,
            int escalation, @Nullable String runId) {
        this(purpose, chat, needs, privateData, escalation, runId, null);
    }

    /** A request outside any agent run, with no spending limit. */
    public BrainRequest(String purpose, ChatRequest chat, Set<BrainProfile.Capability> needs, boolean privateData,
            int escalation) {
        this(purpose, chat, needs, privateData, escalation, null, null);
    }

    /** A first-try request (escalation 0) outside any agent run, with no spending limit. */
    public BrainRequest(String purpose, ChatRequest chat, Set<BrainProfile.Capability> needs, boolean privateData) {
        this(purpose, chat, needs, privateData, 0, null, null);
    }

    /** @return a copy with {@code allowance} replaced */
    public BrainRequest withAllowance(@Nullable Allowance value) {
        return new BrainRequest(purpose, chat, needs, privateData, escalation, runId, value);
    }

    /** @return a copy with {@code escalation} replaced */
    public BrainRequest withEscalation(int value) {
        return new BrainRequest(purpose, chat, needs, privateData, value, runId, allowance);
    }

    /**
     * @return a rough count of the request's input tokens ({@link Tokens#estimate}), for
     *     context-window and cost checks before the call
     */
    public int estimatedInputTokens() {
        long chars = 0;
        for (ChatMessage message : chat.messages()) {
            if (message instanceof UserMessage user && user.hasSingleText()) {
                chars += user.singleText().length();
            } else if (message instanceof SystemMessage system) {
                chars += system.text().length();
            } else {
                chars += message.toString().length();
            }
        }
        return Tokens.estimate(chars);
    }

    /** @return the request's own {@code maxOutputTokens}, or {@link #DEFAULT_OUTPUT_TOKENS} when it sets none */
    public int requestedOutputTokens() {
        Integer max = chat.parameters() == null ? null : chat.parameters().maxOutputTokens();
        return max == null ? DEFAULT_OUTPUT_TOKENS : max;
    }

    /**
     * @return the most output tokens {@code brain} may write for this request within the
     *     allowance and the request's own {@code maxOutputTokens} ({@link Long#MAX_VALUE} when
     *     neither limits it); 0 or less when the allowance cannot even pay for the input
     */
    public long affordableOutputTokens(BrainProfile brain) {
        Integer set = chat.parameters() == null ? null : chat.parameters().maxOutputTokens();
        long cap = set == null ? Long.MAX_VALUE : set;
        if (allowance == null) {
            return cap;
        }
        long in = estimatedInputTokens();
        cap = Math.min(cap, allowance.tokens() - in);
        BigDecimal outPrice = brain.outputPricePerMillion();
        if (outPrice.signum() > 0) {
            BigDecimal left = allowance.cost().subtract(brain.cost(in, 0));
            // compared as BigDecimal: an unlimited budget's cost (Long.MAX_VALUE) times a million overflows a long
            BigDecimal byCost = left.signum() <= 0 ? BigDecimal.ZERO
                    : left.multiply(BigDecimal.valueOf(1_000_000)).divide(outPrice, 0, RoundingMode.FLOOR);
            cap = byCost.compareTo(BigDecimal.valueOf(cap)) < 0 ? byCost.longValue() : cap;
        } else if (brain.cost(in, 0).compareTo(allowance.cost()) > 0) {
            return 0;
        }
        return cap;
    }

    /**
     * @return the chat request to send to {@code brain}: {@link #chat()} with {@code maxOutputTokens}
     *     lowered to {@link #affordableOutputTokens}, or {@link #chat()} itself when no cap applies
     *     (no allowance, the request's own cap fits, or it set none and the allowance affords more
     *     than {@link #UNSET_OUTPUT_CAP_LIMIT}); a {@link #withLocalOnlySchema local-only schema} is
     *     left out unless the brain runs on this machine and declares JSON output
     * @throws BudgetExhaustedException if the allowance leaves no output token at all on this brain
     */
    public ChatRequest chatFor(BrainProfile brain) {
        return chatFor(brain, takesLocalOnlySchema(brain));
    }

    /**
     * Like {@link #chatFor(BrainProfile)}, and a {@link #withLocalOnlySchema local-only schema}
     * also needs the brain's model to declare
     * {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA}, so a local model that cannot take a schema
     * (it would refuse the request) gets the request as it was. Routers call this one.
     *
     * @return the chat request to send to {@code brain}
     * @throws BudgetExhaustedException if the allowance leaves no output token at all on this brain
     */
    public ChatRequest chatFor(Brain brain) {
        return chatFor(brain.profile(), takesLocalOnlySchema(brain.profile())
                && brain.model().supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA));
    }

    private ChatRequest chatFor(BrainProfile brain, boolean takesSchema) {
        ChatRequest chat = takesSchema ? this.chat : withoutLocalOnlySchema(this.chat);
        if (allowance == null) {
            return chat;
        }
        long affordable = affordableOutputTokens(brain);
        if (affordable < 1) {
            throw new BudgetExhaustedException(allowance.tokens() <= estimatedInputTokens() ? Budget.Kind.TOKENS
                    : Budget.Kind.COST, "the '" + purpose + "' request needs ~" + estimatedInputTokens()
                    + " input tokens and the allowance left is " + allowance.tokens() + " tokens and "
                    + allowance.cost() + " in cost: not enough for any answer");
        }
        Integer set = chat.parameters() == null ? null : chat.parameters().maxOutputTokens();
        if (set != null ? set <= affordable : affordable > UNSET_OUTPUT_CAP_LIMIT) {
            // A request that set no cap keeps none while the allowance is roomy: a cap above a model's own
            // output limit is an error at some providers, and no limit is known here.
            return chat;
        }
        int capped = (int) Math.min(Integer.MAX_VALUE, affordable);
        ChatRequestParameters parameters = chat.parameters() == null
                ? ChatRequestParameters.builder().maxOutputTokens(capped).build()
                : chat.parameters().overrideWith(ChatRequestParameters.builder().maxOutputTokens(capped).build());
        return ChatRequest.builder().messages(chat.messages()).parameters(parameters).build();
    }

    /** Marks the name of a JSON schema response format that only local brains receive. */
    private static final String LOCAL_ONLY = "aios-local-only:";

    /**
     * Asks brains that run on this machine and declare {@link BrainProfile.Capability#JSON_OUTPUT}
     * to hold their answer to {@code schemaJson} (a JSON {@link ResponseFormat}; a local model
     * enforces it by constrained decoding); {@link #chatFor} leaves it out for every other brain,
     * so cloud brains get the request as it was. The runtime asks for its plan and extraction
     * schemas this way.
     *
     * @param name what the schema is for, such as {@code plan}
     * @param schemaJson the JSON Schema, as text
     * @return {@code chat} with the response format set
     * @since 0.1.0
     */
    public static ChatRequest withLocalOnlySchema(ChatRequest chat, String name, String schemaJson) {
        Checks.notNull(chat, "chat request");
        Checks.notBlank(name, "schema name");
        Checks.notBlank(schemaJson, "schema");
        ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(LOCAL_ONLY + name).rootElement(JsonRawSchema.from(schemaJson))
                        .build())
                .build();
        ChatRequestParameters parameters = chat.parameters() == null
                ? ChatRequestParameters.builder().responseFormat(format).build()
                : chat.parameters().overrideWith(ChatRequestParameters.builder().responseFormat(format).build());
        return ChatRequest.builder().messages(chat.messages()).parameters(parameters).build();
    }

    private static boolean takesLocalOnlySchema(BrainProfile brain) {
        return brain.location() == BrainProfile.Location.LOCAL
                && brain.capabilities().contains(BrainProfile.Capability.JSON_OUTPUT);
    }

    private static ChatRequest withoutLocalOnlySchema(ChatRequest chat) {
        ResponseFormat format = chat.responseFormat();
        if (format == null || format.jsonSchema() == null || format.jsonSchema().name() == null
                || !format.jsonSchema().name().startsWith(LOCAL_ONLY)) {
            return chat;
        }
        ChatRequestParameters p = chat.parameters();
        ChatRequestParameters without = ChatRequestParameters.builder().modelName(p.modelName())
                .temperature(p.temperature()).topP(p.topP()).topK(p.topK()).frequencyPenalty(p.frequencyPenalty())
                .presencePenalty(p.presencePenalty()).maxOutputTokens(p.maxOutputTokens())
                .stopSequences(p.stopSequences()).toolSpecifications(p.toolSpecifications()).toolChoice(p.toolChoice())
                .build();
        return ChatRequest.builder().messages(chat.messages()).parameters(without).build();
    }
}
