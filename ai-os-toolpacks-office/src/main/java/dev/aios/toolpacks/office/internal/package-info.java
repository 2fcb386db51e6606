/**
 * The documents pack's machinery, not for hosts: one class per file format (PDF, Word, Excel,
 * PowerPoint) that adds its tools to the pack, the PDF page layout and Word styles they write
 * with, and the folder access and size limits they share.
 */
@NullMarked
package dev.aios.toolpacks.office.internal;

import org.jspecify.annotations.NullMarked;
