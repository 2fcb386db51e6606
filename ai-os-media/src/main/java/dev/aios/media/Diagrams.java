package dev.aios.media;

import dev.aios.media.internal.DiagramRendering;
import dev.aios.media.internal.ExternalProgram;
import java.nio.file.Path;

/**
 * Draws diagrams from PlantUML text: sequence diagrams, activity (flow) diagrams, and the kinds
 * that PlantUML lays out with Graphviz (class, component, use case, state, old-style activity).
 *
 * <p>Those Graphviz kinds need the {@code dot} program; it is found on the {@code PATH}, and when
 * it is missing the error says so and how to install it. A source that starts with
 * {@code !pragma layout smetana} is laid out by PlantUML's built-in Java port of dot instead and
 * needs no program; that is not the default because Smetana still misses some of dot's features
 * and lays some graphs out differently, so dot, the reference layout, is used whenever it can be.
 *
 * <p>Diagrams are self-contained: PlantUML runs in its {@code SANDBOX} security profile (unless the
 * host set {@code PLANTUML_SECURITY_PROFILE} before), so a source cannot include local files or
 * URLs or read environment variables; the standard library ({@code !include <C4/C4_Container>})
 * still works.
 */
public final class Diagrams {

    private Diagrams() {}

    /**
     * Renders one PlantUML diagram to {@code file}, as PNG or SVG by its extension. The
     * {@code @startuml}/{@code @enduml} lines may be left out.
     *
     * @param plantUmlSource the diagram's text
     * @param file where to write it, ending in {@code .png} or {@code .svg}
     * @return {@code file}, absolute
     * @throws MediaException for another extension, an empty source or more than one diagram, a
     *     syntax error (naming its line), a diagram that needs {@code dot} when it is not installed,
     *     or when the file cannot be written
     */
    public static Path render(String plantUmlSource, Path file) {
        return DiagramRendering.render(plantUmlSource, file, () -> ExternalProgram.find("dot"));
    }
}
