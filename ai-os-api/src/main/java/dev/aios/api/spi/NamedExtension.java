package dev.aios.api.spi;

/**
 * Something found by {@link java.util.ServiceLoader} and chosen by name. Implementations loaded
 * that way need a public no-argument constructor.
 */
public interface NamedExtension {

    /** @return the name users select this extension by, such as {@code brain} or {@code lucene} */
    String name();
}
