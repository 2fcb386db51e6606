package dev.aios.media;

import java.util.List;
import java.util.Objects;

/**
 * A presentation: its title (stored as the PPTX document's title) and its slides, at least one,
 * in order. Write it with {@link Slides}.
 *
 * @param title the presentation's title
 * @param slides the slides, in order
 */
public record SlideDeck(String title, List<Slide> slides) {

    /** Checks that the deck has slides. */
    public SlideDeck {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(slides, "slides");
        if (slides.isEmpty()) {
            throw MediaException.invalid("the slide deck '" + title + "' has no slides; give at least one");
        }
        if (slides.stream().anyMatch(Objects::isNull)) {
            throw MediaException.invalid("the slide deck '" + title + "' has a missing (null) slide");
        }
        slides = List.copyOf(slides);
    }

    /** A deck of the given slides. */
    public static SlideDeck of(String title, Slide... slides) {
        return new SlideDeck(title, List.of(slides));
    }
}
