package dev.aios.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretsTest {

    /** A key with no well-known shape: only registration can catch it. */
    private static String shapeless() {
        return "zq" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void registeredSecretsAreScrubbedWherever() {
        String key = shapeless();
        assertThat(Secrets.scrub("key " + key)).as("not registered yet").contains(key);
        assertThat(Secrets.register(key)).isSameAs(key);
        assertThat(Secrets.scrub("key " + key + ", again " + key + ".")).isEqualTo("key [redacted], again [redacted].");
        assertThat(Secrets.containsSecret("x" + key)).isTrue();
    }

    @Test
    void aSecretContainingAnotherIsReplacedWhole() {
        String inner = shapeless();
        String outer = inner + "-and-more";
        Secrets.register(inner);
        Secrets.register(outer);
        assertThat(Secrets.scrub("[" + outer + "]")).isEqualTo("[[redacted]]");
    }

    @Test
    void shortBlankAndNullValuesAreIgnoredSoTextIsNotGarbled() {
        Secrets.register("abc");
        Secrets.register("       ");
        Secrets.register(null);
        Secrets.register("1234567"); // MIN_LENGTH - 1
        assertThat(Secrets.scrub("abc 1234567 abc")).isEqualTo("abc 1234567 abc");
        assertThat(Secrets.scrub((String) null)).isNull();
    }

    @Test
    void paddedValueIsRegisteredStrippedToo() {
        String key = shapeless();
        Secrets.register("  " + key + "\n");
        assertThat(Secrets.scrub("Authorization: Token " + key)).isEqualTo("Authorization: Token [redacted]");
    }

    @Test
    void wellKnownShapesAreCaughtWithoutRegistration() {
        String openAi = "sk-proj-" + shapeless();
        String anthropic = "sk-ant-api03-" + shapeless();
        assertThat(Secrets.scrub("Incorrect API key provided: " + openAi + "."))
                .isEqualTo("Incorrect API key provided: [redacted].");
        assertThat(Secrets.scrub("x-api-key=" + anthropic)).isEqualTo("x-api-key=[redacted]");
        assertThat(Secrets.scrub("AKIAIOSFODNN7EXAMPLE in use")).isEqualTo("[redacted] in use");
        assertThat(Secrets.scrub("token ghp_" + "a".repeat(36))).isEqualTo("token [redacted]");
        assertThat(Secrets.scrub("slack xoxb-123456789012-abcdef")).isEqualTo("slack [redacted]");
        assertThat(Secrets.scrub("Authorization: Bearer eyJhbGciOi.J9x1")).isEqualTo("Authorization: Bearer [redacted]");
    }

    @Test
    void ordinaryTextThatLooksCloseIsLeftAlone() {
        String text = "use sk-learn for the task-list; ask-me-anything-please; Bearer authentication is required;"
                + " AKIA is a prefix; ghp_short";
        assertThat(Secrets.scrub(text)).isEqualTo(text);
    }

    @Test
    void envRegistersTheValueAndNamesAMissingVariable() {
        String key = shapeless();
        assertThat(Secrets.env("MY_KEY", Map.of("MY_KEY", key))).isEqualTo(key);
        assertThat(Secrets.scrub(key)).isEqualTo("[redacted]");
        assertThatThrownBy(() -> Secrets.env("MISSING_KEY", Map.of("MISSING_KEY", " ")))
                .isInstanceOf(AiOsException.class).hasMessageContaining("MISSING_KEY is not set");
        assertThatThrownBy(() -> Secrets.env("AIOS_SURELY_UNSET_" + UUID.randomUUID().toString().replace("-", "_")))
                .hasMessageContaining("AIOS_SURELY_UNSET_");
    }

    @Test
    void exceptionWithoutSecretsIsReturnedAsIs() {
        IllegalStateException clean = new IllegalStateException("nothing to hide", new RuntimeException("nor here"));
        assertThat(Secrets.scrub(clean)).isSameAs(clean);
        AiOsException aios = AiOsException.retriable("busy");
        assertThat(Secrets.scrub(aios)).isSameAs(aios);
    }

    @Test
    void exceptionIsCopiedWithScrubbedMessagesCausesAndTheOriginalStackTrace() {
        String key = Secrets.register(shapeless());
        IOException root = new IOException("401 from server; you sent " + key);
        RuntimeException provider = new IllegalArgumentException("call failed: " + key, root);
        provider.addSuppressed(new IllegalStateException("closing " + key));

        RuntimeException safe = Secrets.scrub(provider);

        assertThat(safe).isNotSameAs(provider);
        assertThat(safe.getMessage()).isEqualTo("java.lang.IllegalArgumentException: call failed: [redacted]");
        assertThat(safe.getStackTrace()).isEqualTo(provider.getStackTrace());
        assertThat(safe.getCause()).isNotSameAs(root);
        assertThat(safe.getCause().getMessage()).isEqualTo("java.io.IOException: 401 from server; you sent [redacted]");
        assertThat(safe.getCause().getStackTrace()).isEqualTo(root.getStackTrace());
        assertThat(safe.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).endsWith("closing [redacted]"));
        StringWriter trace = new StringWriter();
        safe.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(key).contains("IllegalArgumentException", "IOException");
    }

    @Test
    void aiOsExceptionStaysOneWithItsFlagAndBudgetKind() {
        String key = Secrets.register(shapeless());
        AiOsException retriable = AiOsException.retriable("brain failed: " + key, new RuntimeException(key));
        AiOsException safe = Secrets.scrub(retriable);
        assertThat(safe.getClass()).isEqualTo(AiOsException.class);
        assertThat(safe.isRetriable()).isTrue();
        assertThat(safe.getMessage()).isEqualTo("brain failed: [redacted]");
        assertThat(safe.getCause().getMessage()).isEqualTo("java.lang.RuntimeException: [redacted]");

        AiOsException budget = Secrets.scrub(new BudgetExhaustedException(Budget.Kind.COST, "spent on " + key));
        assertThat(budget).isInstanceOfSatisfying(BudgetExhaustedException.class,
                b -> assertThat(b.kind()).isEqualTo(Budget.Kind.COST));
        assertThat(budget.getMessage()).isEqualTo("spent on [redacted]");
    }

    @Test
    void checkedExceptionComesBackUncheckedAndACauseCycleEnds() {
        IOException checked = new IOException("disk");
        assertThat(Secrets.scrub(checked).getMessage()).isEqualTo("java.io.IOException: disk");

        String key = Secrets.register(shapeless());
        RuntimeException a = new RuntimeException("a " + key);
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b); // a -> b -> a
        RuntimeException safe = Secrets.scrub(a);
        assertThat(safe.getMessage()).doesNotContain(key);
        assertThat(safe.getCause().getMessage()).endsWith("b");
        assertThat(safe.getCause().getCause()).isNull();
    }
}
