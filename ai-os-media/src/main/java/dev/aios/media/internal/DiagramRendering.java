package dev.aios.media.internal;

import dev.aios.media.MediaException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.sourceforge.plantuml.BlockUml;
import net.sourceforge.plantuml.ErrorUml;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import net.sourceforge.plantuml.core.Diagram;
import net.sourceforge.plantuml.core.InstallationRequirement;
import net.sourceforge.plantuml.dot.GraphvizRuntimeEnvironment;
import net.sourceforge.plantuml.eggs.PSystemWelcome;
import net.sourceforge.plantuml.error.PSystemError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders PlantUML text with the PlantUML library; see {@link dev.aios.media.Diagrams}. */
public final class DiagramRendering {
    private static final Logger log = LoggerFactory.getLogger(DiagramRendering.class);
    private static final String SECURITY_PROFILE = "PLANTUML_SECURITY_PROFILE";

    static {
        // PlantUML reads its profile once, on first use: sandbox it here unless the host chose one
        if (System.getProperty(SECURITY_PROFILE) == null && System.getenv(SECURITY_PROFILE) == null) {
            System.setProperty(SECURITY_PROFILE, "SANDBOX");
        }
    }

    private DiagramRendering() {}

    /**
     * Renders {@code source} to {@code file}; see {@link dev.aios.media.Diagrams#render}.
     *
     * @param dot finds Graphviz's {@code dot}, asked only when the diagram needs it
     */
    public static Path render(String source, Path file, Supplier<Optional<ExternalProgram>> dot) {
        FileFormat format = switch (AtomicFiles.extension(file)) {
            case "png" -> FileFormat.PNG;
            case "svg" -> FileFormat.SVG;
            default -> throw MediaException.invalid("cannot write a diagram as '" + file.getFileName()
                    + "': name it .png or .svg");
        };
        if (source.isBlank()) {
            throw MediaException.invalid("the diagram source is blank; give PlantUML text such as 'Alice -> Bob: hi'");
        }
        // a bare body is wrapped, and its line numbers shifted back in messages
        boolean wrapped = !source.stripLeading().startsWith("@start");
        String text = wrapped ? "@startuml\n" + source.strip() + "\n@enduml\n" : source;
        List<BlockUml> blocks = new SourceStringReader(text).getBlocks();
        if (blocks.isEmpty()) {
            throw MediaException.invalid("the diagram source has no @startuml ... @enduml block");
        }
        if (blocks.size() > 1) {
            throw MediaException.invalid("the diagram source holds " + blocks.size()
                    + " diagrams; render one at a time");
        }
        Diagram diagram = blocks.getFirst().getDiagram();
        if (diagram instanceof PSystemError error) {
            throw syntaxError(error, text, wrapped);
        }
        if (diagram instanceof PSystemWelcome) {
            throw MediaException.invalid("the diagram source is empty between @startuml and @enduml");
        }
        if (diagram.getInstallationRequirement() == InstallationRequirement.GRAPHVIZ_ENGINE_REQUIRED) {
            ExternalProgram program = dot.get().orElseThrow(() -> MediaException.missingProgram("dot",
                    "laying out this kind of diagram (or start the source with '!pragma layout smetana'"
                            + " for PlantUML's built-in layout)", "graphviz"));
            useDot(program);
        }
        log.debug("rendering a {} diagram to {}", diagram.getClass().getSimpleName(), file);
        return AtomicFiles.write(file, out -> {
            try {
                diagram.exportDiagram(out, 0, new FileFormatOption(format));
            } catch (RuntimeException e) {
                throw new IOException("PlantUML failed to draw the diagram: " + e, e);
            }
        });
    }

    private static synchronized void useDot(ExternalProgram dot) {
        // the one found on the PATH, not whatever GRAPHVIZ_DOT or PlantUML's own guess would pick
        GraphvizRuntimeEnvironment.getInstance().setDotExecutable(dot.executable().toString());
    }

    private static MediaException syntaxError(PSystemError error, String text, boolean wrapped) {
        ErrorUml first = error.getFirstError();
        // PlantUML counts from 0 at @startuml; people count from 1 in what they wrote
        int index = first.getLineLocation() == null ? -1 : first.getLineLocation().getPosition();
        List<String> lines = text.lines().toList();
        int shown = wrapped ? index : index + 1;
        String where = index >= 0 && index < lines.size()
                ? " at line " + shown + " ('" + lines.get(index).strip() + "')" : "";
        return MediaException.invalid("the diagram has an error" + where + ": " + first.getError());
    }
}
