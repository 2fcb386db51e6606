package dev.aios.media;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One slide of a {@link SlideDeck}: a title, bullet points, at most one picture (an image file or a
 * chart) and speaker notes. Made with the factories and withers:
 * {@code Slide.bullets("Plan", List.of("Draft", "Review")).withChart(spec).withNotes("Say why")}.
 *
 * <p>The first slide of a deck is laid out as a title slide when it {@linkplain #isTitleSlide() is
 * one}: no picture and at most one bullet, which is then its subtitle ({@link #title(String, String)}
 * makes such a slide).
 *
 * @param title the slide's title; may be blank only when the slide shows something else
 * @param bullets the bullet points, in order; each one line of text that wraps on the slide
 * @param image a PNG, JPEG, GIF or BMP file shown scaled to fit, or null
 * @param chart a chart drawn onto the slide, or null; not together with an image
 * @param notes the speaker notes; empty for none
 */
public record Slide(String title, List<String> bullets, @Nullable Path image, @Nullable ChartSpec chart, String notes) {

    /** Checks that the slide shows something and has at most one picture. */
    public Slide {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(bullets, "bullets");
        Objects.requireNonNull(notes, "notes");
        String name = title.isBlank() ? "a slide" : "the slide '" + title + "'";
        for (int i = 0; i < bullets.size(); i++) {
            if (bullets.get(i) == null || bullets.get(i).isBlank()) {
                throw MediaException.invalid(name + " has a blank bullet at position " + (i + 1));
            }
        }
        bullets = List.copyOf(bullets);
        if (image != null && chart != null) {
            throw MediaException.invalid(name + " has both an image and a chart; a slide shows one picture,"
                    + " so put the other on a slide of its own");
        }
        if (title.isBlank() && bullets.isEmpty() && image == null && chart == null) {
            throw MediaException.invalid("a slide has no title, bullets, image or chart; it would be empty");
        }
    }

    /** A title slide: a title and a subtitle (empty for none). */
    public static Slide title(String title, String subtitle) {
        Objects.requireNonNull(subtitle, "subtitle");
        return new Slide(title, subtitle.isBlank() ? List.of() : List.of(subtitle), null, null, "");
    }

    /** A slide of bullet points under a title. */
    public static Slide bullets(String title, List<String> bullets) {
        return new Slide(title, bullets, null, null, "");
    }

    /** This slide with {@code notes} as its speaker notes. */
    public Slide withNotes(String notes) {
        return new Slide(title, bullets, image, chart, notes);
    }

    /**
     * This slide showing the image file, beside the bullets when it has any.
     *
     * @throws MediaException when the slide already shows a chart
     */
    public Slide withImage(Path image) {
        return new Slide(title, bullets, Objects.requireNonNull(image, "image"), chart, notes);
    }

    /**
     * This slide showing the chart, beside the bullets when it has any.
     *
     * @throws MediaException when the slide already shows an image
     */
    public Slide withChart(ChartSpec chart) {
        return new Slide(title, bullets, image, Objects.requireNonNull(chart, "chart"), notes);
    }

    /** Whether the slide, when first in its deck, is a title slide: no picture and at most a subtitle. */
    public boolean isTitleSlide() {
        return bullets.size() <= 1 && image == null && chart == null;
    }
}
