package dev.aios.media;

/** Where {@link Images#overlayText} puts its text: a band across the image's full width. */
public enum TextPlacement {
    /** Along the top edge, as a headline. */
    TOP,
    /** In the middle, as a title card. */
    CENTER,
    /** Along the bottom edge, as a caption or subtitle. */
    BOTTOM
}
