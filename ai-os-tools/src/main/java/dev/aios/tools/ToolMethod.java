package dev.aios.tools;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolRisk;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method as an in-process tool, in the spirit of LangChain4j's {@code @Tool}.
 * Register the object that declares it with {@link McpToolRegistry.Builder#tools(Object)}; the
 * registry derives the input JSON Schema from the parameters ({@link ToolParam}), converts the
 * JSON arguments to the parameter types, and turns the return value into the result text
 * (strings as is, anything else as JSON; a thrown exception becomes a failed result).
 * {@snippet :
 * final class Notes {
 *     @ToolMethod(value = "Finds notes whose text contains the words", level = ToolRisk.Level.READ_ONLY,
 *             openWorld = false)
 *     public List<String> search(@ToolParam(name = "words", value = "words to look for") String words) { ... }
 * }
 * }
 * The risk defaults to {@link ToolRisk#UNKNOWN} (side-effecting, open-world, not idempotent):
 * declare less only when it is true. Read-only tools count as idempotent.
 *
 * <p>A parameter of type {@link ToolCall} (without {@link ToolParam}) is not an argument: it
 * receives the call itself, with its id and {@linkplain ToolCall#idempotencyKey() idempotency
 * key}. A tool that declares {@link #acceptsIdempotencyKey()} must take one:
 * {@snippet :
 * @ToolMethod(value = "Files a ticket", openWorld = false, acceptsIdempotencyKey = true)
 * public String file(@ToolParam(name = "title") String title, ToolCall call) {
 *     // call.idempotencyKey() is null outside a durable run
 *     return tickets.fileOnce(call.idempotencyKey(), title);
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ToolMethod {

    /** @return what the tool does, for the planner */
    String value();

    /** @return the registry name; defaults to the method's name */
    String name() default "";

    /** @return how much a call may change (default: side-effecting) */
    ToolRisk.Level level() default ToolRisk.Level.SIDE_EFFECTING;

    /** @return whether the call reaches beyond this machine (default: true, the safe guess) */
    boolean openWorld() default true;

    /** @return whether calling twice equals calling once (default: false); read-only implies true */
    boolean idempotent() default false;

    /**
     * @return whether the tool honours {@link ToolCall#idempotencyKey()} (default: false): a call
     *     with the key of one it already applied does nothing new and answers as the first did,
     *     also after the process restarted. The method must then take a {@link ToolCall}
     *     parameter to read the key from. See {@link ToolRisk#acceptsIdempotencyKey()}.
     */
    boolean acceptsIdempotencyKey() default false;
}
