package dev.aios.inference.local;

import dev.aios.inference.local.internal.JsonSchemaCompiler;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link LocalModel} picks tokens and when it stops. Immutable; build with {@link #builder()}.
 * The defaults are greedy decoding, 256 new tokens, and stopping at the model's end-of-sequence
 * tokens.
 *
 * @param maxTokens the most new tokens to generate (at least 1)
 * @param temperature 0 for greedy decoding; above 0 samples from softmax(logits / temperature)
 * @param topK keep only the k most likely tokens before sampling; 0 keeps all
 * @param topP keep the smallest set of tokens whose probabilities sum to at least p; 1 keeps all
 * @param minP drop tokens less likely than minP times the most likely one; 0 keeps all
 * @param repetitionPenalty divides positive (multiplies negative) logits of tokens already in
 *     the prompt or output, as in the CTRL paper; 1 disables it
 * @param seed the seed of the sampling random stream; the same seed gives the same tokens
 * @param stopStrings text that ends generation when produced; it is not part of the result
 * @param stopTokens token ids that end generation in addition to the model's own end tokens
 * @param ignoreEos keep generating past the model's end-of-sequence tokens (for benchmarks)
 * @param jsonSchema a JSON Schema the output must follow, or null for free text: tokens that
 *     cannot continue a valid document are masked, so the text always parses and validates (see
 *     {@link Builder#jsonSchema})
 */
public record GenerationOptions(
        int maxTokens,
        double temperature,
        int topK,
        double topP,
        double minP,
        double repetitionPenalty,
        long seed,
        List<String> stopStrings,
        List<Integer> stopTokens,
        boolean ignoreEos,
        @Nullable String jsonSchema) {

    /** Greedy decoding of at most 256 tokens, stopping at the model's end tokens. */
    public static final GenerationOptions DEFAULTS = builder().build();

    /** Validates every field; see the builder's setters for the rules. */
    public GenerationOptions {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, was " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 (0 keeps every token), was " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
        }
        if (!(minP >= 0 && minP < 1)) {
            throw new IllegalArgumentException("minP must be in [0, 1), was " + minP);
        }
        if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
            throw new IllegalArgumentException("repetitionPenalty must be a finite number > 0, was " + repetitionPenalty);
        }
        stopStrings = List.copyOf(stopStrings);
        for (String s : stopStrings) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("stopStrings must not contain an empty string");
            }
        }
        stopTokens = List.copyOf(stopTokens);
        if (jsonSchema != null) {
            JsonSchemaCompiler.compile(jsonSchema);
            if (ignoreEos) {
                throw new IllegalArgumentException("jsonSchema and ignoreEos cannot be combined: generation ends when"
                        + " the document is complete");
            }
            if (!stopStrings.isEmpty()) {
                throw new IllegalArgumentException("jsonSchema and stopStrings cannot be combined: a stop string could"
                        + " cut the document short");
            }
        }
    }

    /** The schema {@link Builder#json()} sets: any JSON object. */
    public static final String ANY_JSON_OBJECT = "{\"type\":\"object\"}";

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxTokens = maxTokens;
        b.temperature = temperature;
        b.topK = topK;
        b.topP = topP;
        b.minP = minP;
        b.repetitionPenalty = repetitionPenalty;
        b.seed = seed;
        b.stopStrings = stopStrings;
        b.stopTokens = stopTokens;
        b.ignoreEos = ignoreEos;
        b.jsonSchema = jsonSchema;
        return b;
    }

    /** @return whether tokens are picked by argmax */
    public boolean greedy() {
        return temperature == 0;
    }

    /** Collects {@link GenerationOptions}; {@link #build()} validates. */
    public static final class Builder {
        private int maxTokens = 256;
        private double temperature;
        private int topK;
        private double topP = 1;
        private double minP;
        private double repetitionPenalty = 1;
        private long seed = 42;
        private List<String> stopStrings = List.of();
        private List<Integer> stopTokens = List.of();
        private boolean ignoreEos;
        private @Nullable String jsonSchema;

        private Builder() {}

        /** @param value the most new tokens (default 256) */
        public Builder maxTokens(int value) {
            this.maxTokens = value;
            return this;
        }

        /** Picks the most likely token every step (temperature 0, the default). */
        public Builder greedy() {
            this.temperature = 0;
            return this;
        }

        /** @param value sampling temperature; 0 means greedy (default 0) */
        public Builder temperature(double value) {
            this.temperature = value;
            return this;
        }

        /** @param value top-k cut-off; 0 disables it (default) */
        public Builder topK(int value) {
            this.topK = value;
            return this;
        }

        /** @param value nucleus cut-off in (0, 1]; 1 disables it (default) */
        public Builder topP(double value) {
            this.topP = value;
            return this;
        }

        /** @param value min-p cut-off in [0, 1); 0 disables it (default) */
        public Builder minP(double value) {
            this.minP = value;
            return this;
        }

        /** @param value repetition penalty; 1 disables it (default) */
        public Builder repetitionPenalty(double value) {
            this.repetitionPenalty = value;
            return this;
        }

        /** @param value seed of the sampling stream (default 42) */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** @param value strings that end generation (default none) */
        public Builder stopStrings(List<String> value) {
            this.stopStrings = Objects.requireNonNull(value, "stopStrings");
            return this;
        }

        /** @param value extra token ids that end generation (default none) */
        public Builder stopTokens(List<Integer> value) {
            this.stopTokens = Objects.requireNonNull(value, "stopTokens");
            return this;
        }

        /** @param value whether to generate past end-of-sequence tokens (default false) */
        public Builder ignoreEos(boolean value) {
            this.ignoreEos = value;
            return this;
        }

        /**
         * Constrains the output to JSON that validates against {@code schemaJson} (default: none).
         * Supported: type (names and arrays of names), properties, required, additionalProperties
         * (false or a schema), enum, const, items, minItems, maxItems, minLength, maxLength, anyOf,
         * oneOf of branches with different types, and $ref into #/$defs or #/definitions;
         * annotations (description, title, default, examples, format) are ignored. The output is
         * compact (at most two whitespace bytes in a row), free strings hold at most 256 characters
         * unless maxLength says otherwise, numbers at most 15 digits, and an object with declared
         * properties gets undeclared ones only when additionalProperties allows them explicitly.
         * Generation ends when the document is complete; as the token budget runs out only tokens
         * that still let it close in time are allowed.
         *
         * @param schemaJson the schema, or null for free text; checked by {@link #build()}, which
         *     throws {@link IllegalArgumentException} naming a malformed part or an unsupported keyword
         */
        public Builder jsonSchema(@Nullable String schemaJson) {
            this.jsonSchema = schemaJson;
            return this;
        }

        /** Constrains the output to any JSON object ({@link #ANY_JSON_OBJECT}): JSON mode. */
        public Builder json() {
            return jsonSchema(ANY_JSON_OBJECT);
        }

        /** @return the options, validated */
        public GenerationOptions build() {
            return new GenerationOptions(maxTokens, temperature, topK, topP, minP, repetitionPenalty, seed,
                    stopStrings, stopTokens, ignoreEos, jsonSchema);
        }
    }
}
