/**
 * The documents tool pack: PDF, Word, Excel and PowerPoint files read and written by tools an
 * agent can call ({@link dev.aios.toolpacks.office.DocumentsPack}), on Apache PDFBox and Apache
 * POI, confined to the folders the host gives it.
 */
@NullMarked
package dev.aios.toolpacks.office;

import org.jspecify.annotations.NullMarked;
