package dev.aios.sensors;

import dev.aios.api.Observation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Realistic input files, written by tests into their temporary folders. */
final class Fixtures {
    private Fixtures() {}

    static final String THREAD_ROOT = """
            Return-Path: <alice@example.com>
            Message-ID: <budget-1@example.com>
            Date: Mon, 3 Mar 2025 09:15:00 +0100
            From: Alice Martin <alice@example.com>
            To: Sam Lee <sam@example.com>
            Cc: Bob Stone <bob@example.com>
            Subject: Q3 budget review
            MIME-Version: 1.0
            Content-Type: text/plain; charset=UTF-8

            Hi Sam,

            can you review the Q3 budget before Thursday? The travel line looks high.

            Alice
            """;

    static final String THREAD_REPLY = """
            Message-ID: <budget-2@example.com>
            In-Reply-To: <budget-1@example.com>
            References: <budget-1@example.com>
            Date: Mon, 3 Mar 2025 10:02:00 +0100
            From: Bob Stone <bob@example.com>
            To: Alice Martin <alice@example.com>, Sam Lee <sam@example.com>
            Subject: Re: Q3 budget review
            MIME-Version: 1.0
            Content-Type: text/plain; charset=UTF-8

            The travel line includes the offsite. I can split it out.
            """;

    static final String THREAD_REPLY_WITH_ATTACHMENT = """
            Message-ID: <budget-3@example.com>
            In-Reply-To: <budget-2@example.com>
            References: <budget-1@example.com> <budget-2@example.com>
            Date: Mon, 3 Mar 2025 11:30:00 +0100
            From: Alice Martin <alice@example.com>
            To: Bob Stone <bob@example.com>, Sam Lee <sam@example.com>
            Subject: RE: Re: Q3 budget review
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="XYZ"

            --XYZ
            Content-Type: multipart/alternative; boundary="ALT"

            --ALT
            Content-Type: text/plain; charset=UTF-8

            Split version attached.
            --ALT
            Content-Type: text/html; charset=UTF-8

            <p>Split version <b>attached</b>.</p>
            --ALT--
            --XYZ
            Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name="q3-budget-split.xlsx"
            Content-Disposition: attachment; filename="q3-budget-split.xlsx"
            Content-Transfer-Encoding: base64

            UEsDBBQAAAAIAAAAIQBQSwUGAAAAAAAAAAAAAAAAAAAAAA==
            --XYZ--
            """;

    static final String HTML_NEWSLETTER = """
            Message-ID: <weekly-42@news.example.org>
            Date: Tue, 4 Mar 2025 06:00:00 +0000
            From: Java Weekly <news@news.example.org>
            To: sam@example.com
            Subject: Java Weekly #42: virtual threads in production
            MIME-Version: 1.0
            Content-Type: text/html; charset=UTF-8

            <html><head><style>p {color: red}</style></head><body>
            <h1>This week</h1><p>Virtual threads &amp; structured concurrency in production.</p>
            <p>Read more &gt;&gt;</p></body></html>
            """;

    static final String MALFORMED = "\u0000\u0001garbage that is not a mail at all\n\u0002\u0003";

    /** A Maildir message file named like a delivery, written through tmp/ as MTAs do. */
    static Path deliver(Path maildir, String name, String message) throws IOException {
        Files.createDirectories(maildir.resolve("tmp"));
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
        Path tmp = maildir.resolve("tmp").resolve(name);
        Files.writeString(tmp, message.replace("\n", "\r\n"), StandardCharsets.UTF_8);
        return Files.move(tmp, maildir.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static String mbox() {
        return """
                From alice@example.com Mon Mar  3 09:15:00 2025
                Message-ID: <mbox-1@example.com>
                Date: Mon, 3 Mar 2025 09:15:00 +0100
                From: Alice Martin <alice@example.com>
                To: sam@example.com
                Subject: Offsite agenda

                Draft agenda for the offsite. Thoughts?

                From bob@example.com Mon Mar  3 10:00:00 2025
                Message-ID: <mbox-2@example.com>
                In-Reply-To: <mbox-1@example.com>
                References: <mbox-1@example.com>
                Date: Mon, 3 Mar 2025 10:00:00 +0100
                From: Bob Stone <bob@example.com>
                To: alice@example.com
                Subject: Re: Offsite agenda

                Looks good.
                >From my side, add a retro slot.

                From carol@example.com Tue Mar  4 08:00:00 2025
                Message-ID: <mbox-3@example.com>
                Date: Tue, 4 Mar 2025 08:00:00 +0100
                From: Carol Diaz <carol@example.com>
                To: sam@example.com
                Subject: Invoice 2025-031

                Please find the invoice details below. Due in 30 days.

                """;
    }

    static final String WEEKLY_ICS = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//AI-OS//tests//EN
            BEGIN:VEVENT
            UID:weekly-sync@example.com
            DTSTAMP:20250101T000000Z
            DTSTART:20250303T090000Z
            DTEND:20250303T093000Z
            RRULE:FREQ=WEEKLY;BYDAY=MO
            SUMMARY:Team sync
            LOCATION:Room 4.2
            ORGANIZER;CN=Alice Martin:mailto:alice@example.com
            ATTENDEE;CN=Bob Stone;ROLE=REQ-PARTICIPANT:mailto:bob@example.com
            ATTENDEE;CN=Sam Lee;ROLE=REQ-PARTICIPANT:mailto:sam@example.com
            DESCRIPTION:Weekly status\\, blockers and plans.
            END:VEVENT
            BEGIN:VEVENT
            UID:budget-review@example.com
            DTSTAMP:20250101T000000Z
            DTSTART:20250306T140000Z
            DTEND:20250306T150000Z
            SUMMARY:Q3 budget review
            ORGANIZER;CN=Alice Martin:mailto:alice@example.com
            ATTENDEE;CN=Sam Lee:mailto:sam@example.com
            END:VEVENT
            END:VCALENDAR
            """;

    static final String BROKEN_ICS = """
            BEGIN:VCALENDAR
            VERSION:2.0
            BEGIN:VEVENT
            UID:broken@example.com
            DTSTART:not-a-date
            SUMMARY:Broken
            """;

    /** A Slack export: two users, one channel, a thread about a bug across two days. */
    static void slackExport(Path root) throws IOException {
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("users.json"), """
                [{"id": "U01", "name": "alice", "real_name": "Alice Martin"},
                 {"id": "U02", "name": "bob", "profile": {"real_name": "Bob Stone"}}]
                """);
        Files.writeString(root.resolve("channels.json"), """
                [{"id": "C01", "name": "dev", "members": ["U01", "U02"]}]
                """);
        Files.writeString(root.resolve("dev").resolve("2025-03-03.json"), """
                [
                 {"type": "message", "subtype": "channel_join", "user": "U02", "text": "<@U02> has joined the channel", "ts": "1741000000.000100"},
                 {"type": "message", "user": "U01", "text": "The mailer crashes on an empty inbox, <@U02> can you look?", "ts": "1741001000.000200", "thread_ts": "1741001000.000200", "reply_count": 2},
                 {"type": "message", "user": "U02", "text": "Reproduced: NPE in InboxView. Filing it.", "ts": "1741001600.000300", "thread_ts": "1741001000.000200"}
                ]
                """);
        Files.writeString(root.resolve("dev").resolve("2025-03-04.json"), """
                [
                 {"type": "message", "user": "U02", "text": "Fix is in <https://git.example.com/mailer/pull/7|PR 7>", "ts": "1741087000.000400", "thread_ts": "1741001000.000200"}
                ]
                """);
    }

    /** Collects observations; thread-safe. */
    static final class Collector implements Consumer<Observation> {
        final List<Observation> all = new CopyOnWriteArrayList<>();
        final Map<String, Observation> byId = new ConcurrentHashMap<>();

        @Override
        public void accept(Observation o) {
            all.add(o);
            byId.put(o.id(), o);
        }
    }

    /** Waits up to 10 s for a condition that background threads make true. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
