/**
 * Small shared rules about text and vectors that every module must apply the same way: how text
 * is cut into words ({@link dev.aios.api.text.Words}) and how embeddings are compared
 * ({@link dev.aios.api.text.Vectors}).
 */
@NullMarked
package dev.aios.api.text;

import org.jspecify.annotations.NullMarked;
