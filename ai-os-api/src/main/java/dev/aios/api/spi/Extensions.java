package dev.aios.api.spi;

import dev.aios.api.AiOsException;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds extensions on the class path through {@link ServiceLoader}. */
public final class Extensions {
    private Extensions() {}

    /**
     * @return every implementation of {@code type} on the class path, in class-path order
     * @throws AiOsException if an implementation is listed but cannot be created
     */
    public static <T extends NamedExtension> List<T> all(Class<T> type) {
        try {
            return ServiceLoader.load(type, classLoader()).stream().map(ServiceLoader.Provider::get).toList();
        } catch (java.util.ServiceConfigurationError e) {
            throw AiOsException.permanent("cannot load a " + type.getSimpleName() + " extension: " + e.getMessage(), e);
        }
    }

    /**
     * @return the implementation of {@code type} whose {@link NamedExtension#name()} is {@code name}
     * @throws AiOsException if none is; the message lists the names available
     */
    public static <T extends NamedExtension> T named(Class<T> type, String name) {
        List<T> found = all(type);
        for (T extension : found) {
            if (extension.name().equals(name)) {
                return extension;
            }
        }
        TreeSet<String> names = new TreeSet<>();
        found.forEach(e -> names.add(e.name()));
        throw AiOsException.permanent("no " + type.getSimpleName() + " named '" + name + "' on the class path; available: "
                + names + ". Add the jar that provides it (it lists its class in META-INF/services/"
                + type.getName() + ").");
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Extensions.class.getClassLoader();
    }
}
