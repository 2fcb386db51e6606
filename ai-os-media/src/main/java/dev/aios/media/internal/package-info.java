/** Implementation of the media engine; not API. */
@NullMarked
package dev.aios.media.internal;

import org.jspecify.annotations.NullMarked;
