package dev.aios.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one parameter of a {@link ToolMethod}: its name in the arguments object, what it
 * means, and whether the caller must give it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ToolParam {

    /** @return what the argument means, for the planner */
    String value() default "";

    /**
     * @return the argument's name; defaults to the Java parameter's name, which is only known
     *     when the code was compiled with {@code -parameters}
     */
    String name() default "";

    /** @return whether the argument must be given (default: true) */
    boolean required() default true;
}
