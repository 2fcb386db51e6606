package dev.aios.samples.briefing;

import dev.aios.api.spi.Sensor;
import dev.aios.sensors.CalendarSensor;
import dev.aios.sensors.ChatExportSensor;
import dev.aios.sensors.MailSensor;
import dev.aios.sensors.TrackerSensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sensors that read a {@link BriefingSetup}'s sources, one per source. The awareness daemon
 * keeps its checkpoint by sensor name, so each gets a distinct one: the first of a kind keeps the
 * plain name ({@code mail}, {@code calendar}: the names the sample world's checkpoints already
 * use), the next ones {@code mail-2}, {@code mail-3}, ...
 *
 * @param sensors the sensors, not started
 * @param scans for each sensor, a read of everything it sees now
 */
record BriefingSensors(List<Sensor> sensors, List<Runnable> scans) {

    /** @param watch whether the sensors watch (a service) or only read when asked (a one-shot briefing) */
    static BriefingSensors of(BriefingSetup setup, boolean watch) {
        List<Sensor> sensors = new ArrayList<>();
        List<Runnable> scans = new ArrayList<>();
        for (int i = 0; i < setup.maildirs().size(); i++) {
            MailSensor s = MailSensor.builder().name(name("mail", i)).maildir(setup.maildirs().get(i)).watch(watch).build();
            sensors.add(s);
            scans.add(s::scanNow);
        }
        for (int i = 0; i < setup.mboxes().size(); i++) {
            MailSensor s = MailSensor.builder().name(name("mbox", i)).mbox(setup.mboxes().get(i)).watch(watch).build();
            sensors.add(s);
            scans.add(s::scanNow);
        }
        for (int i = 0; i < setup.calendars().size(); i++) {
            CalendarSensor s = CalendarSensor.builder().name(name("calendar", i)).folder(setup.calendars().get(i))
                    .watch(watch).window(Duration.ofDays(30), Duration.ofDays(30)).build();
            sensors.add(s);
            scans.add(s::scanNow);
        }
        Path chat = setup.slackExport();
        if (chat != null) {
            ChatExportSensor s = ChatExportSensor.builder().slackExport(chat).watch(watch).build();
            sensors.add(s);
            scans.add(s::scanNow);
        }
        TrackerSensor tracker = TrackerSensor.of(setup.tracker(), "tracker", watch, Duration.ofSeconds(5));
        sensors.add(tracker);
        scans.add(tracker::scanNow);
        return new BriefingSensors(List.copyOf(sensors), List.copyOf(scans));
    }

    private static String name(String kind, int index) {
        return index == 0 ? kind : kind + "-" + (index + 1);
    }
}
