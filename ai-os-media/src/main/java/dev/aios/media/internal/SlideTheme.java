package dev.aios.media.internal;

import java.awt.Color;

/**
 * How slides look; made and checked by {@link dev.aios.media.Slides.Builder}.
 *
 * @param width the page's width in points
 * @param height the page's height in points
 * @param background the slides' background
 * @param titleColor the titles' colour
 * @param textColor the body text's colour
 * @param accent the colour of the rule under titles and of bullets
 * @param titleFont the titles' font family
 * @param bodyFont the body text's font family
 */
public record SlideTheme(int width, int height, Color background, Color titleColor, Color textColor, Color accent,
        String titleFont, String bodyFont) {}
