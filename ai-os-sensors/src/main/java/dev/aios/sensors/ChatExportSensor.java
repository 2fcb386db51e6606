package dev.aios.sensors;

import dev.aios.sensors.internal.FolderSensor;
import dev.aios.sensors.internal.BuilderChecks;
import dev.aios.sensors.internal.SlackExportFormat;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Watches a chat export in Slack's layout: {@code users.json} and {@code channels.json} at the
 * top, one folder per channel with a {@code YYYY-MM-DD.json} file of messages per day. Each
 * message is one observation: source {@code chat}, kind {@code message}, id
 * {@code chat:<channel>:<ts>}, attributes {@code channel}, {@code user} (the name from
 * users.json), {@code userId}, {@code ts}, {@code thread} ({@code <channel>:<thread_ts>}),
 * {@code reply}, {@code replies} and {@code file}; mentions appear as {@code @Name}.
 *
 * <pre>{@code
 * ChatExportSensor chat = ChatExportSensor.builder().slackExport(Path.of("slack-export")).build();
 * }</pre>
 */
public final class ChatExportSensor extends FileSensor {
    private ChatExportSensor(FolderSensor folder) {
        super(folder);
    }

    /** @return a builder; set {@link Builder#slackExport} */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link ChatExportSensor}. */
    public static final class Builder extends FileSensorBuilder<Builder> {
        private @Nullable Path export;

        private Builder() {
            super("chat");
        }

        /** The folder of an unzipped Slack export (the one holding {@code users.json}). */
        public Builder slackExport(Path folder) {
            this.export = folder;
            return this;
        }

        /** @return the sensor, not yet started */
        public ChatExportSensor build() {
            checkCommon();
            Path root = BuilderChecks.required(export, "a chat export sensor", "slackExport(...)");
            return new ChatExportSensor(new FolderSensor(name, root, new SlackExportFormat(root), watch, pollInterval));
        }
    }
}
