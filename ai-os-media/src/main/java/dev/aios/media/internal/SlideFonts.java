package dev.aios.media.internal;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/**
 * Makes a deck drawable with the fonts this machine has. Java has no font substitution of its own:
 * it draws a family it lacks (Arial on Linux, say) in its Dialog font, with other widths than the
 * slide was laid out for. Before drawing, each run's family that is not installed is replaced by a
 * metric-compatible one (Liberation Sans for Arial, Carlito for Calibri...) or else a plain sans
 * serif, in the in-memory copy only; POI's own font-map hint is not used because its text layout
 * does not apply it to the text's family.
 */
final class SlideFonts {

    // metric-compatible substitutes first: same widths, so lines break where the office suite breaks them
    private static final Map<String, List<String>> SUBSTITUTES = Map.of(
            "Arial", List.of("Liberation Sans", "Arimo"),
            "Helvetica", List.of("Liberation Sans", "Arimo"),
            "Calibri", List.of("Carlito"),
            "Calibri Light", List.of("Carlito"),
            "Cambria", List.of("Caladea"),
            "Times New Roman", List.of("Liberation Serif", "Tinos"),
            "Courier New", List.of("Liberation Mono", "Cousine"));
    private static final List<String> FALLBACKS = List.of("Liberation Sans", "DejaVu Sans");

    private SlideFonts() {}

    private static final class Installed {
        static final Set<String> FAMILIES = Set.of(
                GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
    }

    /** Sets quality rendering hints on {@code g}, for drawing or measuring slides. */
    static void prepare(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    /** Replaces, in {@code show}, every font family this machine lacks by the closest one it has. */
    static void useInstalledFonts(XMLSlideShow show) {
        Map<String, String> chosen = new HashMap<>();
        for (XSLFSlide slide : show.getSlides()) {
            substitute(slide.getShapes(), chosen);
        }
    }

    private static void substitute(List<XSLFShape> shapes, Map<String, String> chosen) {
        for (XSLFShape shape : shapes) {
            if (shape instanceof XSLFGroupShape group) {
                substitute(group.getShapes(), chosen);
            } else if (shape instanceof XSLFTextShape text) {
                for (XSLFTextParagraph paragraph : text.getTextParagraphs()) {
                    for (XSLFTextRun run : paragraph.getTextRuns()) {
                        String family = run.getFontFamily();
                        if (family != null && !Installed.FAMILIES.contains(family)) {
                            run.setFontFamily(chosen.computeIfAbsent(family, SlideFonts::installedFor));
                        }
                    }
                }
            }
        }
    }

    /** @return {@code family} when installed, else the closest installed family */
    static String installedFor(String family) {
        if (Installed.FAMILIES.contains(family)) {
            return family;
        }
        for (String candidate : SUBSTITUTES.getOrDefault(family, List.of())) {
            if (Installed.FAMILIES.contains(candidate)) {
                return candidate;
            }
        }
        for (String candidate : FALLBACKS) {
            if (Installed.FAMILIES.contains(candidate)) {
                return candidate;
            }
        }
        return Font.SANS_SERIF;
    }
}
