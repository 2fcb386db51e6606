/**
 * The machinery behind the mail, calendar and contacts packs: connections, message text, the
 * record of sent idempotency keys, ICS and vCard files. Not for hosts; it may change at any time.
 */
@NullMarked
package dev.aios.toolpacks.mail.internal;

import org.jspecify.annotations.NullMarked;
