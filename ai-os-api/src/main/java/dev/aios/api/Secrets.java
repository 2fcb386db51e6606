package dev.aios.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The process-wide list of secrets (API keys, tokens) that must never reach an outcome, an event,
 * memory or a log, and the one place that scrubs them out of text and exceptions. The runtime and
 * the router scrub everything they hand out with it; a host registers the keys it builds in code:
 *
 * <pre>{@code
 * ChatModel gpt = OpenAiChatModel.builder().apiKey(Secrets.env("OPENAI_API_KEY")).modelName("gpt-4o-mini").build();
 * // or, for a key from elsewhere:
 * String key = Secrets.register(vault.read("openai"));
 * }</pre>
 *
 * <p>{@link #scrub(String)} replaces every registered secret, and, as a backstop for keys nobody
 * registered, these well-known shapes, with {@value #REDACTED}:
 * <ul>
 *   <li>OpenAI and Anthropic keys: {@code sk-} followed by 16 or more key characters
 *       ({@code sk-proj-...}, {@code sk-ant-...});</li>
 *   <li>AWS access key ids: {@code AKIA} and 16 upper-case letters or digits;</li>
 *   <li>GitHub tokens: {@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_} and 20 or more characters;</li>
 *   <li>Slack tokens: {@code xoxb-}, {@code xoxp-}, {@code xoxa-}, {@code xoxs-} and 10 or more characters;</li>
 *   <li>{@code Bearer} and a token of 12 or more characters with a digit in it (an
 *       {@code Authorization} header echoed back); the word {@code Bearer} is kept.</li>
 * </ul>
 *
 * <p>Thread-safe: registering is rare and copies the list; scrubbing reads it without locking.
 * A registered secret stays registered for the life of the process.
 */
public final class Secrets {
    /** What a secret is replaced with. */
    public static final String REDACTED = "[redacted]";

    /**
     * The shortest secret {@link #register} keeps. Scrubbing every occurrence of a short string
     * ("abc", "1234") would garble ordinary text and still protect nothing: real keys are longer.
     */
    public static final int MIN_LENGTH = 8;

    private static final Pattern KNOWN_SHAPES = Pattern.compile(String.join("|",
            "(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}",
            "(?<![A-Za-z0-9])AKIA[0-9A-Z]{16}(?![0-9A-Z])",
            "(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{20,}",
            "(?<![A-Za-z0-9])xox[bpas]-[A-Za-z0-9-]{10,}",
            // Only the token goes: "Bearer" stays so the text still says what was there.
            "(?<=Bearer\\s{1,4})(?=[A-Za-z0-9._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{12,}"));

    /** Longest first, so that a secret containing another is replaced whole. */
    private static volatile List<String> registered = List.of();

    private Secrets() {}

    /**
     * Registers a secret, so that {@link #scrub} removes it from all text from now on. Null, blank
     * and values shorter than {@link #MIN_LENGTH} characters are ignored (see there why). A value
     * with surrounding white space is registered stripped as well, as a client would send it.
     *
     * @param secret the secret, or null
     * @return {@code secret}, unchanged, so that a key can be registered where it is used
     */
    public static @Nullable String register(@Nullable String secret) {
        if (secret != null) {
            add(secret);
            add(secret.strip());
        }
        return secret;
    }

    private static synchronized void add(String secret) {
        if (secret.isBlank() || secret.length() < MIN_LENGTH || registered.contains(secret)) {
            return;
        }
        List<String> next = new ArrayList<>(registered);
        next.add(secret);
        next.sort(Comparator.comparingInt(String::length).reversed());
        registered = List.copyOf(next);
    }

    /**
     * Reads an environment variable that holds a secret, registers its value and returns it.
     *
     * @param name the variable, such as {@code OPENAI_API_KEY}
     * @return its value
     * @throws AiOsException (not retriable) naming the variable when it is unset or blank
     */
    public static String env(String name) {
        return env(name, System.getenv());
    }

    /** {@link #env(String)} over a given environment, for tests. */
    static String env(String name, Map<String, String> environment) {
        Checks.notBlank(name, "environment variable name");
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw AiOsException.permanent("the environment variable " + name + " is not set; export the secret in it"
                    + " (for example: export " + name + "=...) before starting the application");
        }
        register(value);
        return value;
    }

    /**
     * @param text any text, or null
     * @return {@code text} with every registered secret and every well-known key shape replaced
     *     by {@value #REDACTED}; null for null
     */
    public static @Nullable String scrub(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : registered) {
            if (out.contains(secret)) {
                out = out.replace(secret, REDACTED);
            }
        }
        Matcher m = KNOWN_SHAPES.matcher(out);
        return m.find() ? m.replaceAll(REDACTED) : out;
    }

    /**
     * @param text any text
     * @return whether {@link #scrub(String)} would change it
     */
    public static boolean containsSecret(@Nullable String text) {
        return text != null && !text.equals(scrub(text));
    }

    /**
     * An exception safe to log, wrap or show: {@code e} itself when neither it nor any cause or
     * suppressed exception carries a secret, else a copy with every message scrubbed, the same
     * stack traces and scrubbed copies of the causes. An {@link AiOsException} stays one (same
     * retriable flag; a {@link BudgetExhaustedException} keeps its kind); any other exception
     * becomes a {@code Secrets.ScrubbedException} whose message starts with the original class
     * name. The original, which holds the secret, is never referenced by the copy.
     *
     * @param e the exception
     * @return {@code e} or its scrubbed copy, an {@link AiOsException} when {@code e} is one
     */
    public static AiOsException scrub(AiOsException e) {
        return (AiOsException) scrub((Throwable) e);
    }

    /**
     * Like {@link #scrub(AiOsException)}, for any exception. A checked exception or an error comes
     * back as a copy even when it carries no secret, so that the result can be thrown unchecked.
     *
     * @param e the exception
     * @return {@code e} when it is unchecked and carries no secret, else its scrubbed copy
     */
    public static RuntimeException scrub(Throwable e) {
        Checks.notNull(e, "exception");
        if (e instanceof RuntimeException r && !carriesSecret(e, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            return r;
        }
        return (RuntimeException) copy(e, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean carriesSecret(Throwable e, Set<Throwable> seen) {
        if (!seen.add(e)) {
            return false;
        }
        // toString too: some exceptions put what they hold there rather than in the message.
        if (containsSecret(e.getMessage()) || containsSecret(e.toString())) {
            return true;
        }
        if (e.getCause() != null && carriesSecret(e.getCause(), seen)) {
            return true;
        }
        for (Throwable s : e.getSuppressed()) {
            if (carriesSecret(s, seen)) {
                return true;
            }
        }
        return false;
    }

    /** @param onTheWay the exceptions being copied above this one, to stop at a cause cycle */
    private static Throwable copy(Throwable e, Set<Throwable> onTheWay) {
        onTheWay.add(e);
        // The cause first: the constructors take it, and a cause set to null cannot be set later.
        Throwable cause = e.getCause();
        Throwable causeCopy = cause == null || onTheWay.contains(cause) ? null : copy(cause, onTheWay);
        String message = scrub(e.getMessage());
        Throwable copy;
        if (e instanceof BudgetExhaustedException b) {
            copy = new BudgetExhaustedException(b.kind(), message == null ? "" : message);
        } else if (e instanceof AiOsException a) {
            copy = new AiOsException(e.getClass() == AiOsException.class ? String.valueOf(message)
                    : e.getClass().getName() + ": " + message, a.isRetriable(), causeCopy);
        } else {
            copy = new ScrubbedException(e.getClass().getName() + (message == null ? "" : ": " + message), causeCopy);
        }
        copy.setStackTrace(e.getStackTrace());
        for (Throwable s : e.getSuppressed()) {
            if (!onTheWay.contains(s)) {
                copy.addSuppressed(copy(s, onTheWay));
            }
        }
        onTheWay.remove(e);
        return copy;
    }

    /**
     * The scrubbed copy of an exception that is not an {@link AiOsException}: its message is the
     * original class name and the scrubbed original message.
     */
    private static final class ScrubbedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScrubbedException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
