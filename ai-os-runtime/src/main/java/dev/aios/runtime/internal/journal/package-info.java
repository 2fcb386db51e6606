/**
 * The storage of {@link dev.aios.runtime.FileRunJournal}: the on-disk format ({@code RecordFormat}),
 * file names from run ids ({@code RunFileNames}), run ownership by file locks
 * ({@code RunLocks}), one run's log with group commit ({@code FileRunLog}) and the folder that
 * holds them ({@link dev.aios.runtime.internal.journal.JournalFolder}). Not API: may change in
 * any release; public only where {@code dev.aios.runtime} must reach it.
 */
@NullMarked
package dev.aios.runtime.internal.journal;

import org.jspecify.annotations.NullMarked;
