package dev.aios.sensors;

import dev.aios.api.AiOsException;
import dev.aios.sensors.internal.FolderSensor;
import dev.aios.sensors.internal.IcsFormat;
import dev.aios.sensors.internal.OnlyFile;
import dev.aios.sensors.internal.BuilderChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Watches a calendar: a folder of ICS files (or one ICS file), read with ical4j. Each occurrence
 * of each event is one observation: source {@code calendar}, kind {@code event}, id
 * {@code calendar:<UID>@<start instant>}, attributes {@code summary}, {@code uid}, {@code start},
 * {@code end}, {@code location}, {@code organizer}, {@code attendees} ({@code Name <mail>},
 * comma-separated), {@code recurring}, {@code status} and {@code file}. Recurring events are
 * expanded within a window around now (default: 7 days back, 30 days ahead), re-evaluated daily.
 *
 * <pre>{@code
 * CalendarSensor calendar = CalendarSensor.builder().folder(Path.of("calendar")).build();
 * }</pre>
 */
public final class CalendarSensor extends FileSensor {
    private CalendarSensor(FolderSensor folder) {
        super(folder);
    }

    /** @return a builder; set {@link Builder#folder} */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link CalendarSensor}. */
    public static final class Builder extends FileSensorBuilder<Builder> {
        private @Nullable Path folder;
        private Clock clock = Clock.systemDefaultZone();
        private Duration past = Duration.ofDays(7);
        private Duration future = Duration.ofDays(30);

        private Builder() {
            super("calendar");
        }

        /** A folder of {@code .ics} files (subfolders included), or one {@code .ics} file. */
        public Builder folder(Path folderOrFile) {
            this.folder = folderOrFile;
            return this;
        }

        /** Now, and the zone for floating times (default: the system clock and zone). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How far back and ahead of now recurring events are expanded (default 7 and 30 days). */
        public Builder window(Duration past, Duration future) {
            this.past = past;
            this.future = future;
            return this;
        }

        /** @return the sensor, not yet started */
        public CalendarSensor build() {
            checkCommon();
            Path path = BuilderChecks.required(folder, "a calendar sensor", "folder(...)").toAbsolutePath().normalize();
            if (clock == null || past == null || future == null || past.isNegative() || future.isNegative()) {
                throw AiOsException.permanent("window(past, future) must be two durations >= 0 and clock(...) set, was past="
                        + past + " future=" + future + " clock=" + clock);
            }
            IcsFormat format = new IcsFormat(clock, past, future);
            boolean file = Files.isRegularFile(path) || path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ics");
            return file
                    ? new CalendarSensor(new FolderSensor(name, path.getParent(), new OnlyFile(format, path.getFileName().toString()),
                            watch, pollInterval))
                    : new CalendarSensor(new FolderSensor(name, path, format, watch, pollInterval));
        }
    }
}
