package dev.aios.samples.briefing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link BriefingAgent} works on: whose briefing it is, where their mail, calendars,
 * chat and tracker are, where it keeps its state and writes its output, and which day it briefs
 * on. The sample world gives one ({@link BriefingWorld#setup()}); a user's own comes from a
 * configuration file.
 *
 * <p>Every source must exist when the setup is made, so a typo in a path fails here, naming the
 * path, before the agent writes anything. The tracker is the exception: a missing tracker file is
 * created empty, as {@link dev.aios.sensors.TaskTracker} does.
 *
 * {@snippet :
 * BriefingSetup setup = BriefingSetup.builder()
 *         .user(BriefingUser.of("Ola Berg", "ola.berg@fjordfreight.no"))
 *         .maildir(home.resolve("Mail"))
 *         .calendar(home.resolve("calendar.ics"))
 *         .state(home.resolve(".aios/state")).out(home.resolve(".aios/out"))
 *         .today(LocalDate.now())
 *         .build();
 * }
 *
 * @param user whose briefing it is
 * @param maildirs Maildir folders ({@code cur/}, {@code new/}, {@code tmp/}; Maildir++ subfolders
 *     such as {@code .Sent/} included); each is read by a sensor of its own
 * @param mboxes mbox files, or folders of them
 * @param calendars ICS files, or folders of them
 * @param slackExport an unzipped Slack export folder, or null for none
 * @param tracker the tracker's JSON file (created empty if missing); defaults to
 *     {@code state/tracker.json}
 * @param state where the agent keeps what it learned between runs
 * @param out where the briefing, drafts and outbox are written
 * @param today the day to brief on ({@code LocalDate.now()} for a real user)
 */
public record BriefingSetup(BriefingUser user, List<Path> maildirs, List<Path> mboxes, List<Path> calendars,
        @Nullable Path slackExport, Path tracker, Path state, Path out, LocalDate today) {

    /**
     * Validates and copies: every path absolute and normalised, every source present.
     *
     * @throws IllegalArgumentException naming the first missing source, or a missing setting
     */
    public BriefingSetup {
        Objects.requireNonNull(user, "the briefing setup needs a user");
        state = absolute(Objects.requireNonNull(state, "the briefing setup needs a state folder"));
        out = absolute(Objects.requireNonNull(out, "the briefing setup needs an out folder"));
        Objects.requireNonNull(today, "the briefing setup needs today's date");
        maildirs = existing(maildirs, "maildir", true);
        mboxes = existing(mboxes, "mbox", false);
        calendars = existing(calendars, "calendar", false);
        if (maildirs.isEmpty() && mboxes.isEmpty()) {
            throw new IllegalArgumentException("the briefing setup needs at least one mail source (a maildir or an mbox)");
        }
        if (slackExport != null) {
            slackExport = existing(List.of(slackExport), "Slack export", true).getFirst();
        }
        tracker = absolute(tracker == null ? state.resolve("tracker.json") : tracker);
        if (Files.isDirectory(tracker)) {
            throw new IllegalArgumentException("the tracker " + tracker + " is a folder; name the tracker's JSON file");
        }
    }

    /** @return a builder; set at least the user, one mail source, state, out and today */
    public static Builder builder() {
        return new Builder();
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static List<Path> existing(List<Path> paths, String kind, boolean folder) {
        List<Path> out = new ArrayList<>();
        for (Path p : Objects.requireNonNull(paths, kind + " list")) {
            Path a = absolute(p);
            if (!Files.exists(a)) {
                throw new IllegalArgumentException("the " + kind + " " + a + " does not exist; check the path");
            }
            if (folder && !Files.isDirectory(a)) {
                throw new IllegalArgumentException("the " + kind + " " + a + " is not a folder");
            }
            out.add(a);
        }
        return List.copyOf(out);
    }

    /** Options of a {@link BriefingSetup}; {@link #build()} checks them. */
    public static final class Builder {
        private @Nullable BriefingUser user;
        private final List<Path> maildirs = new ArrayList<>();
        private final List<Path> mboxes = new ArrayList<>();
        private final List<Path> calendars = new ArrayList<>();
        private @Nullable Path slackExport;
        private @Nullable Path tracker;
        private @Nullable Path state;
        private @Nullable Path out;
        private @Nullable LocalDate today;

        private Builder() {}

        /** Whose briefing it is (required). */
        public Builder user(BriefingUser user) {
            this.user = user;
            return this;
        }

        /** Adds a Maildir folder; its Maildir++ subfolders ({@code .Sent/}) are read with it. */
        public Builder maildir(Path folder) {
            maildirs.add(Objects.requireNonNull(folder, "maildir"));
            return this;
        }

        /** Adds an mbox file, or a folder of mbox files. */
        public Builder mbox(Path fileOrFolder) {
            mboxes.add(Objects.requireNonNull(fileOrFolder, "mbox"));
            return this;
        }

        /** Adds an ICS file, or a folder of them. */
        public Builder calendar(Path fileOrFolder) {
            calendars.add(Objects.requireNonNull(fileOrFolder, "calendar"));
            return this;
        }

        /** The Slack export folder (optional). */
        public Builder slackExport(@Nullable Path folder) {
            this.slackExport = folder;
            return this;
        }

        /** The tracker's JSON file (optional; default {@code state/tracker.json}, created empty). */
        public Builder tracker(@Nullable Path file) {
            this.tracker = file;
            return this;
        }

        /** Where the agent keeps its state between runs (required). */
        public Builder state(Path folder) {
            this.state = folder;
            return this;
        }

        /** Where the briefing, drafts and outbox go (required). */
        public Builder out(Path folder) {
            this.out = folder;
            return this;
        }

        /** The day to brief on (required; {@code LocalDate.now()} for a real user). */
        public Builder today(LocalDate day) {
            this.today = day;
            return this;
        }

        /**
         * @return the setup
         * @throws IllegalArgumentException naming a missing setting or a source that does not exist
         */
        public BriefingSetup build() {
            if (user == null || state == null || out == null || today == null) {
                throw new IllegalArgumentException("a briefing setup needs user(...), state(...), out(...) and today(...);"
                        + " missing: " + (user == null ? "user " : "") + (state == null ? "state " : "")
                        + (out == null ? "out " : "") + (today == null ? "today" : "").strip());
            }
            return new BriefingSetup(user, maildirs, mboxes, calendars, slackExport, tracker, state, out, today);
        }
    }
}
