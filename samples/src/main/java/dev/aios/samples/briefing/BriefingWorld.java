package dev.aios.samples.briefing;

import dev.aios.api.AiOsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The morning briefing's sample world, written by the project itself so the main job needs no
 * data from outside: two weeks of the user's mail (a Maildir inbox of about 60 messages and a
 * {@code .Sent} folder of the user's own replies), a calendar with two meetings today and the
 * past meetings with the same people, a Slack export with a thread about a bug, and a tracker.
 * Dated relative to {@code today}; every other choice comes from a fixed seed, so the same day
 * gives the same bytes. The text (mails, replies, meetings, chat, tracker items) lives in resource
 * files under {@code dev/aios/samples/briefing/world/}; {@link BriefingWorldWriter} turns them into
 * the files below.
 *
 * <p>Layout under the root: {@code mail/} (Maildir: {@code cur/}, {@code .Sent/cur/}),
 * {@code calendar/work.ics}, {@code chat/} (Slack export), {@code tracker.json},
 * {@code truth/labels.json} (the hidden true triage label of every inbox message, by
 * Message-ID: read by the measurements only, never by the agent), {@code state/} (what the
 * agent keeps between runs) and {@code out/} (the briefing, drafts).
 */
public final class BriefingWorld {
    /** The user whose world this is; for writing the world only (the agent reads {@link #setup()}). */
    public static final String USER_NAME = "Sam Lee";
    /** The user's address; for writing the world only (the agent reads {@link #setup()}). */
    public static final String USER_ADDRESS = "sam@lumen.dev";


    private final Path root;
    private final LocalDate today;

    private BriefingWorld(Path root, LocalDate today) {
        this.root = root;
        this.today = today;
    }

    /** Writes the world for today under {@code root}, unless one is already there; see {@link #writeTo(Path, LocalDate)}. */
    public static BriefingWorld writeTo(Path root) {
        return writeTo(root, LocalDate.now());
    }

    /**
     * Writes the world dated relative to {@code today} under {@code root} (created), unless the
     * root already holds one ({@code truth/labels.json} exists): then it is opened as it is, so a
     * second run sees what the first left (the tracker, the state).
     *
     * @throws AiOsException if it cannot be written
     */
    public static BriefingWorld writeTo(Path root, LocalDate today) {
        Path absolute = root.toAbsolutePath().normalize();
        BriefingWorld world = new BriefingWorld(absolute, today);
        if (Files.exists(world.labelsFile())) {
            return world;
        }
        try {
            new BriefingWorldWriter(world).write();
        } catch (IOException e) {
            throw AiOsException.permanent("cannot write the briefing world under " + absolute + ": " + e.getMessage()
                    + "; check that the folder is writable", e);
        }
        return world;
    }

    /**
     * @return the briefing setup of this world: user {@value #USER_NAME} ({@value #USER_ADDRESS}),
     *     its Maildir (sent mail in {@code .Sent/}), calendar folder, Slack export, tracker, state,
     *     out and day
     */
    public BriefingSetup setup() {
        return BriefingSetup.builder().user(BriefingUser.of(USER_NAME, USER_ADDRESS)).maildir(mail())
                .calendar(calendar()).slackExport(chat()).tracker(tracker()).state(state()).out(out()).today(today)
                .build();
    }

    /** @return the world's folder */
    public Path root() {
        return root;
    }

    /** @return the day the world was written for */
    public LocalDate today() {
        return today;
    }

    /** @return the Maildir root: the inbox in {@code cur/}, the user's sent mail in {@code .Sent/} */
    public Path mail() {
        return root.resolve("mail");
    }

    /** @return the folder of ICS calendars */
    public Path calendar() {
        return root.resolve("calendar");
    }

    /** @return the Slack export */
    public Path chat() {
        return root.resolve("chat");
    }

    /** @return the tracker's file */
    public Path tracker() {
        return root.resolve("tracker.json");
    }

    /** @return where the agent keeps what it learned between runs */
    public Path state() {
        return root.resolve("state");
    }

    /** @return where the briefing and drafts are written */
    public Path out() {
        return root.resolve("out");
    }

    /** @return the hidden true labels; only measurements read it */
    public Path labelsFile() {
        return root.resolve("truth").resolve("labels.json");
    }

    /**
     * @return the hidden true label of each inbox message by Message-ID (for measurements only)
     */
    public Map<String, String> trueLabels() {
        try {
            Map<String, String> out = new TreeMap<>();
            BriefingJson.MAPPER.readTree(labelsFile().toFile()).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the true labels " + labelsFile(), e);
        }
    }

}
