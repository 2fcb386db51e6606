/**
 * Personal information tool packs: {@link dev.aios.toolpacks.mail.MailPack} (IMAP and SMTP through
 * Angus Mail), {@link dev.aios.toolpacks.mail.CalendarPack} (ICS files through ical4j) and
 * {@link dev.aios.toolpacks.mail.ContactsPack} (vCard files through ez-vcard). Each pack denies
 * what its builder was not told to allow: a mail server, recipients, folders.
 */
@NullMarked
package dev.aios.toolpacks.mail;

import org.jspecify.annotations.NullMarked;
