package dev.aios.media.internal;

import dev.aios.media.MediaProgress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads what ffmpeg writes to standard error under {@code -progress pipe:2}: the
 * {@code out_time_us=} lines become progress updates, and the other lines (ffmpeg's own
 * messages) are kept, the last few, so that a failure can say what ffmpeg said without the
 * progress lines crowding it out.
 */
public final class FfmpegProgress implements Consumer<String> {
    private static final Pattern PROGRESS_LINE = Pattern.compile("[a-z_0-9]+=\\S*");
    private static final int KEPT_LINES = 12;

    private final MediaProgress progress;
    private final String stage;
    private final double totalSeconds;
    private final Deque<String> messages = new ArrayDeque<>();

    /**
     * @param progress receives the updates
     * @param stage the stage to report, such as {@code "encoding video"}
     * @param totalSeconds the output's length, so that updates say how much is left
     */
    public FfmpegProgress(MediaProgress progress, String stage, double totalSeconds) {
        this.progress = progress;
        this.stage = stage;
        this.totalSeconds = totalSeconds;
    }

    @Override
    public void accept(String line) {
        if (line.startsWith("out_time_us=")) {
            String value = line.substring("out_time_us=".length());
            try {
                double seconds = Long.parseLong(value) / 1e6;
                progress.update(stage, Math.max(0, Math.min(seconds, totalSeconds)), totalSeconds);
            } catch (NumberFormatException e) {
                // "N/A" before the first frame is out
            }
        } else if (line.equals("progress=end")) {
            progress.update(stage, totalSeconds, totalSeconds);
        } else if (!line.isBlank() && !PROGRESS_LINE.matcher(line).matches()) {
            synchronized (messages) {
                if (messages.size() == KEPT_LINES) {
                    messages.removeFirst();
                }
                messages.addLast(line.strip());
            }
        }
    }

    /** @return the last lines ffmpeg wrote that were not progress, oldest first */
    public List<String> lastMessages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
