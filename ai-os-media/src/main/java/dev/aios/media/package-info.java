/**
 * The media engine, local first: slides (PPTX, and PNG renderings of them), charts (PNG and SVG),
 * diagrams from text, composed images, narration (text to speech as WAV), original music (MIDI,
 * rendered to WAV offline) and video (MP4, H.264 and AAC, with subtitles), made on the user's
 * machine from a goal. Every medium is a plain Java API that hosts call directly, and the same
 * operations are tools, with schemas and risk classes, that an agent can put in its plans.
 *
 * <p>External programs (FFmpeg, espeak-ng, Graphviz) are found on the {@code PATH} or where the
 * caller says; when one is needed and absent, the error names it and how to install it.
 */
@NullMarked
package dev.aios.media;

import org.jspecify.annotations.NullMarked;
