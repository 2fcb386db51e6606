/**
 * A {@link dev.aios.api.spi.RunJournal} on PostgreSQL: {@link dev.aios.journal.postgres.PostgresRunJournal},
 * for durable runs shared by several processes on several machines. A run is owned through a lease
 * in its row that the owner's heartbeat renews; every append is fenced by that row, so a process
 * that lost its lease can never write into a run another process took over.
 */
@NullMarked
package dev.aios.journal.postgres;

import org.jspecify.annotations.NullMarked;
