package dev.aios.media.internal;

import dev.aios.media.TextPlacement;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

/** Draws wrapped, legible text on a band over an image: white text, a translucent dark box, a shadow. */
public final class TextOverlay {

    private static final Color BAND = new Color(0, 0, 0, 150);
    private static final Color SHADOW = new Color(0, 0, 0, 200);

    private TextOverlay() {}

    /** Draws {@code text} into {@code g}, which covers a {@code width} x {@code height} image. */
    public static void draw(Graphics2D g, int width, int height, String text, TextPlacement placement) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        // readable on a thumbnail and not shouting on a poster
        float size = Math.clamp(height / 16f, 10f, 72f);
        int margin = Math.max(4, Math.round(size * 0.6f));
        float wrapWidth = Math.max(1, width - 4 * margin);
        List<TextLayout> lines = wrap(text, new Font(Font.SANS_SERIF, Font.BOLD, Math.round(size)),
                g.getFontRenderContext(), wrapWidth);
        float textHeight = 0;
        for (TextLayout line : lines) {
            textHeight += line.getAscent() + line.getDescent() + line.getLeading();
        }
        int bandHeight = Math.min(height, Math.round(textHeight) + 2 * margin);
        int bandTop = switch (placement) {
            case TOP -> 0;
            case CENTER -> (height - bandHeight) / 2;
            case BOTTOM -> height - bandHeight;
        };
        g.setColor(BAND);
        g.fillRect(0, bandTop, width, bandHeight);
        float y = bandTop + margin;
        float shadow = Math.max(1f, size / 18f);
        for (TextLayout line : lines) {
            y += line.getAscent();
            float x = (width - line.getAdvance()) / 2f;
            g.setColor(SHADOW);
            line.draw(g, x + shadow, y + shadow);
            g.setColor(Color.WHITE);
            line.draw(g, x, y);
            y += line.getDescent() + line.getLeading();
        }
    }

    // the JDK's line breaker knows word boundaries in every script; explicit newlines start new paragraphs
    private static List<TextLayout> wrap(String text, Font font, FontRenderContext frc, float width) {
        List<TextLayout> lines = new ArrayList<>();
        for (String paragraph : text.split("\\R")) {
            if (paragraph.isBlank()) {
                continue;
            }
            AttributedString styled = new AttributedString(paragraph);
            styled.addAttribute(TextAttribute.FONT, font);
            LineBreakMeasurer measurer = new LineBreakMeasurer(styled.getIterator(), frc);
            while (measurer.getPosition() < paragraph.length()) {
                lines.add(measurer.nextLayout(width));
            }
        }
        return lines;
    }
}
