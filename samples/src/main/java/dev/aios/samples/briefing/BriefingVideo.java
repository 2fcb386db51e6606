package dev.aios.samples.briefing;

import dev.aios.media.Audio;
import dev.aios.media.ChartSpec;
import dev.aios.media.EspeakSpeech;
import dev.aios.media.MediaException;
import dev.aios.media.MediaProgress;
import dev.aios.media.Music;
import dev.aios.media.ScoreSpec;
import dev.aios.media.Slide;
import dev.aios.media.SlideDeck;
import dev.aios.media.Slides;
import dev.aios.media.SpeechSynthesizer;
import dev.aios.media.Subtitle;
import dev.aios.media.Subtitles;
import dev.aios.media.Video;
import dev.aios.media.VideoSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Today's briefing as a short video ({@code ./aios run --video}): a title slide, the mail that
 * needs the user, a chart of the inbox, today's meetings and the drafts waiting, each slide with a
 * spoken summary and its subtitles, over an original background score. Everything is made on this
 * machine with ai-os-media: slides with POI, the chart with XChart, narration with espeak-ng,
 * music with the JDK's synthesizer, the MP4 with FFmpeg.
 *
 * <p>Mail subjects and senders are untrusted text: they are only shown and spoken, never obeyed.
 */
public final class BriefingVideo {
    /** Most needs-you mail a slide lists (the rest is counted). */
    static final int NEEDS_YOU_SHOWN = 6;
    /** Most needs-you mail the narration reads out. */
    static final int NEEDS_YOU_SPOKEN = 3;
    private static final Duration PAUSE = Duration.ofMillis(900);
    private static final Duration SHORTEST_SCENE = Duration.ofSeconds(4);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

    /** One slide and what is said over it. */
    record Part(Slide slide, String narration) {}

    /**
     * Where the video and what it was made of went, how long it runs, and how long each stage
     * took to make (the slides render while the narration is spoken, so stages overlap).
     */
    public record Made(Path mp4, Path pptx, Duration length, int slides, Map<String, Duration> stages) {
        /** Copies. */
        public Made {
            stages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        }
    }

    private final SpeechSynthesizer speech;
    private final Video video;

    /**
     * @param speech who speaks the narration
     * @param video the encoder
     */
    public BriefingVideo(SpeechSynthesizer speech, Video video) {
        this.speech = speech;
        this.video = video;
    }

    /**
     * The engine's defaults: espeak-ng and FFmpeg from the PATH.
     *
     * @throws MediaException naming the program that is missing and how to install it
     */
    public static BriefingVideo withInstalledPrograms() {
        return new BriefingVideo(EspeakSpeech.builder().build(), Video.builder().build());
    }

    /** The slides and their narration, from the report. */
    static List<Part> script(BriefingReport report, String userName, LocalDate day) {
        List<BriefingReport.Triaged> needsYou = report.triaged().stream()
                .filter(t -> Triage.NEEDS_YOU.equals(t.label()) && !t.suspicious()).toList();
        long routine = report.triaged().stream().filter(t -> Triage.ROUTINE.equals(t.label())).count();
        long noise = report.triaged().stream().filter(t -> Triage.NOISE.equals(t.label())).count();
        long phishing = report.triaged().stream().filter(BriefingReport.Triaged::suspicious).count();
        String first = userName.isBlank() ? "" : ", " + userName.strip().split("\\s+")[0];
        List<Part> parts = new ArrayList<>();

        parts.add(new Part(Slide.title("Morning briefing", DAY.format(day) + (userName.isBlank() ? "" : " · " + userName)),
                "Good morning" + first + ". Here is your briefing for " + DAY.format(day) + ". "
                        + count(needsYou.size(), "mail needs", "mails need") + " you, you have "
                        + count(report.meetings().size(), "meeting", "meetings") + " today, and "
                        + count(report.replyDrafts().size(), "reply draft is", "reply drafts are") + " ready."));

        List<String> needBullets = new ArrayList<>();
        for (BriefingReport.Triaged t : needsYou.subList(0, Math.min(NEEDS_YOU_SHOWN, needsYou.size()))) {
            needBullets.add(t.subject() + " (" + MailAddress.displayName(t.from()) + due(t, ", ") + ")");
        }
        if (needsYou.size() > NEEDS_YOU_SHOWN) {
            needBullets.add("and " + (needsYou.size() - NEEDS_YOU_SHOWN) + " more in briefing.md");
        }
        StringBuilder needSaid = new StringBuilder();
        if (needsYou.isEmpty()) {
            needBullets.add("Nothing needs you today.");
            needSaid.append("Nothing in your inbox needs you today.");
        } else {
            needSaid.append(needsYou.size() == 1 ? "One mail needs you: " : "These need you first. ");
            for (BriefingReport.Triaged t : needsYou.subList(0, Math.min(NEEDS_YOU_SPOKEN, needsYou.size()))) {
                needSaid.append(sentence(t.subject())).append(" From ").append(MailAddress.displayName(t.from()))
                        .append(due(t, ", ")).append(". ");
            }
        }
        parts.add(new Part(Slide.bullets("Needs you", needBullets), needSaid.toString().strip()));

        ChartSpec inbox = ChartSpec.bar("Mail by label", List.of("needs you", "routine", "noise"),
                List.of((double) needsYou.size(), (double) routine, (double) noise));
        parts.add(new Part(Slide.bullets("Your inbox", List.of()).withChart(inbox),
                "Of " + report.triaged().size() + " mails, " + routine + " are routine and " + noise + " are noise."
                        + (phishing == 0 ? "" : phishing == 1 ? " One looks like phishing and was set aside."
                                : " " + phishing + " look like phishing and were set aside.")));

        List<String> meetingBullets = new ArrayList<>();
        StringBuilder meetingSaid = new StringBuilder();
        if (report.meetings().isEmpty()) {
            meetingBullets.add("No meetings today.");
            meetingSaid.append("Your calendar is free today.");
        } else {
            meetingSaid.append("Today you meet ");
            List<String> said = new ArrayList<>();
            for (BriefingReport.Meeting m : report.meetings()) {
                String with = m.attendees().stream().map(MailAddress::displayName).collect(Collectors.joining(", "));
                meetingBullets.add(m.title() + (with.isBlank() ? "" : ": " + with)
                        + (m.openThreads().isEmpty() ? "" : " · " + count(m.openThreads().size(), "open thread", "open threads")));
                said.add(m.attendees().isEmpty() ? "for " + m.title() : firstNames(m.attendees()) + " for " + m.title());
            }
            meetingSaid.append(String.join(", and ", said)).append('.');
        }
        parts.add(new Part(Slide.bullets("Today's meetings", meetingBullets), meetingSaid.toString()));

        List<String> draftBullets = report.replyDrafts().stream()
                .map(d -> d.subject() + (d.todo().isBlank() ? "" : " · " + d.todo())).limit(NEEDS_YOU_SHOWN).toList();
        parts.add(new Part(Slide.bullets("Drafts ready", draftBullets.isEmpty() ? List.of("No drafts today.") : draftBullets),
                (draftBullets.isEmpty() ? "There are no reply drafts today." : count(report.replyDrafts().size(),
                        "reply draft waits", "reply drafts wait") + " in your drafts folder; check each before you send it.")
                        + " That is all. Have a good day."));
        return parts;
    }

    /**
     * Makes the video of {@code report} under {@code out}: {@code briefing.mp4}, with the slides
     * as {@code briefing.pptx} beside it, and the parts it was made of under {@code out/video}.
     */
    public Made render(BriefingReport report, String userName, LocalDate day, Path out, MediaProgress progress) {
        List<Part> parts = script(report, userName, day);
        Path work = out.resolve("video");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Duration> stages = new LinkedHashMap<>();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try (pool) {
            Slides slides = Slides.withDefaultTheme();
            Path pptx = slides.writePptx(new SlideDeck("Morning briefing", parts.stream().map(Part::slide)
                    .toList()), out.resolve("briefing.pptx"));
            // The slides render while the narration is spoken and the music plays: each of those is
            // single-threaded, and the machine has at least two cores.
            CompletableFuture<List<Path>> frames = CompletableFuture.supplyAsync(() -> {
                long t = System.nanoTime();
                List<Path> pngs = slides.renderPngs(pptx, work.resolve("slides"), 1280, progress);
                synchronized (stages) {
                    stages.put("slides rendered to PNG", Duration.ofNanos(System.nanoTime() - t));
                }
                return pngs;
            }, pool);
            long t = System.nanoTime();
            List<Path> spoken = new ArrayList<>();
            List<Duration> sceneLengths = new ArrayList<>();
            List<Subtitle> subtitles = new ArrayList<>();
            Duration at = Duration.ZERO;
            for (int i = 0; i < parts.size(); i++) {
                progress.update("speaking the narration", i, parts.size());
                Path wav = speech.speak(parts.get(i).narration(), work.resolve("narration-" + (i + 1) + ".wav"));
                Duration said = Audio.duration(wav);
                Duration scene = max(said.plus(PAUSE), SHORTEST_SCENE);
                spoken.add(Audio.fit(wav, scene, work.resolve("scene-" + (i + 1) + ".wav")));
                for (Subtitle sub : Subtitles.fromNarration(parts.get(i).narration(), said)) {
                    subtitles.add(new Subtitle(sub.start().plus(at), sub.end().plus(at), sub.text()));
                }
                sceneLengths.add(scene);
                at = at.plus(scene);
            }
            progress.update("speaking the narration", parts.size(), parts.size());
            Path narration = Audio.concat(spoken, work.resolve("narration.wav"));
            Duration length = at;
            synchronized (stages) {
                stages.put("narration spoken", Duration.ofNanos(System.nanoTime() - t));
            }
            t = System.nanoTime();
            Path music = Music.renderWav(Music.compose(new ScoreSpec(ScoreSpec.Mood.CALM, 84, "F major", length,
                    day.toEpochDay())), work.resolve("music.wav"), progress);
            synchronized (stages) {
                stages.put("music composed and rendered", Duration.ofNanos(System.nanoTime() - t));
            }
            List<Path> pictures = frames.join();
            VideoSpec.Builder spec = VideoSpec.builder().narration(narration).music(music, 0.18).subtitles(subtitles)
                    .size(1280, 720);
            for (int i = 0; i < pictures.size(); i++) {
                spec.scene(pictures.get(i), sceneLengths.get(i));
            }
            t = System.nanoTime();
            Path mp4 = video.render(spec.build(), out.resolve("briefing.mp4"), progress);
            synchronized (stages) {
                stages.put("video encoded", Duration.ofNanos(System.nanoTime() - t));
                stages.put("total", Duration.ofNanos(System.nanoTime() - start));
            }
            return new Made(mp4, pptx, length, pictures.size(), stages);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** "due today 15:00", or "overdue since Mon 30 Nov" as it is; empty without a deadline. */
    private static String due(BriefingReport.Triaged t, String before) {
        if (t.due().isBlank()) {
            return "";
        }
        return before + (t.due().startsWith("overdue") ? t.due() : "due " + t.due());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String count(int n, String one, String many) {
        return (n == 0 ? "no" : String.valueOf(n)) + " " + (n == 1 ? one : many);
    }

    /** A subject read out as a sentence: "Re:" and "Fwd:" dropped, ended with a full stop. */
    private static String sentence(String subject) {
        String s = subject.replaceAll("(?i)^((re|fwd?|aw|sv)\\s*:\\s*)+", "").strip();
        return s.isEmpty() ? "" : s.endsWith(".") || s.endsWith("?") || s.endsWith("!") ? s : s + ".";
    }

    private static String firstNames(List<String> attendees) {
        List<String> names = attendees.stream().map(MailAddress::displayName).map(n -> n.split("\\s+")[0]).toList();
        if (names.size() <= 2) {
            return String.join(" and ", names);
        }
        return String.join(", ", names.subList(0, 2)) + " and " + (names.size() - 2) + " more";
    }
}
