package dev.aios.sensors.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.Observation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Slack workspace export: {@code users.json} and {@code channels.json} at the root, and one
 * folder per channel holding a {@code YYYY-MM-DD.json} array of messages per day. Each message
 * ({@code user}, {@code text}, {@code ts}, {@code thread_ts}) becomes an observation whose id is
 * the channel and {@code ts}, Slack's own message key; user ids are shown as names.
 */
public final class SlackExportFormat implements FileFormat {
    private static final Logger LOG = LoggerFactory.getLogger(SlackExportFormat.class);
    private static final ObjectMapper JSON = SensorJson.MAPPER;
    private static final Pattern DAY_FILE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.json");
    private static final Pattern USER_MENTION = Pattern.compile("<@([A-Z0-9]+)(\\|[^>]*)?>");
    private static final Pattern CHANNEL_MENTION = Pattern.compile("<#[A-Z0-9]+\\|([^>]+)>");
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>]+)(?:\\|([^>]+))?>");
    /** Membership noise: it tells nothing about the work. */
    private static final Set<String> SKIPPED_SUBTYPES = Set.of("channel_join", "channel_leave", "bot_add", "bot_remove");

    /** Slack's ts: seconds since the epoch, with (in practice six) decimals, such as 1717318800.000100. */
    private static final Pattern TS = Pattern.compile("\\d{1,15}(\\.\\d{1,12})?");

    private final Path root;
    private volatile Users users = new Users("", Map.of());

    /** @param root the export's folder (the one holding users.json) */
    public SlackExportFormat(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return "Slack export day file";
    }

    @Override
    public boolean accepts(Path relative) {
        return relative.getNameCount() == 2 && DAY_FILE.matcher(relative.getFileName().toString()).matches();
    }

    @Override
    public boolean descend(Path relative) {
        return relative.getNameCount() <= 1;
    }

    @Override
    public String read(Path file, @Nullable String previous, Consumer<Observation> sink) throws Exception {
        Map<String, String> names = users().names;
        String channel = file.getParent().getFileName().toString();
        JsonNode messages = JSON.readTree(file.toFile());
        if (messages == null || !messages.isArray()) {
            throw new MalformedInputException("expected a JSON array of messages");
        }
        int index = 0;
        for (JsonNode message : messages) {
            index++;
            String ts = message.path("ts").asText("");
            String subtype = message.path("subtype").asText("");
            if (SKIPPED_SUBTYPES.contains(subtype)) {
                continue;
            }
            if (ts.isBlank() || !message.hasNonNull("text")) {
                LOG.warn("skipping message {} of Slack export file {}: it has no ts or no text", index, file);
                continue;
            }
            Instant at;
            try {
                at = toInstant(ts);
            } catch (NumberFormatException e) {
                LOG.warn("skipping message {} of Slack export file {}: ts '{}' is not a Slack timestamp", index, file, ts);
                continue;
            }
            String userId = message.path("user").asText(message.path("bot_id").asText(""));
            String user = names.getOrDefault(userId, message.path("user_profile").path("real_name")
                    .asText(message.path("username").asText(userId.isEmpty() ? "unknown" : userId)));
            String text = readable(message.path("text").asText(), names);
            String thread = message.path("thread_ts").asText(ts);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("channel", channel);
            attributes.put("user", user);
            if (!userId.isEmpty()) {
                attributes.put("userId", userId);
            }
            attributes.put("ts", ts);
            attributes.put("thread", channel + ":" + thread);
            attributes.put("reply", String.valueOf(!thread.equals(ts)));
            if (message.path("reply_count").asInt(0) > 0) {
                attributes.put("replies", String.valueOf(message.path("reply_count").asInt()));
            }
            if (!subtype.isEmpty()) {
                attributes.put("subtype", subtype);
            }
            attributes.put("file", file.toString());
            sink.accept(new Observation("chat:" + channel + ":" + ts, "chat", "message",
                    "#" + channel + " " + user + ": " + text, at, attributes));
        }
        return "";
    }

    /** users.json, read again only when it changed. */
    private Users users() {
        Path file = root.resolve("users.json");
        String stamp;
        try {
            stamp = Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return users; // no users.json: ids stay ids
        }
        Users current = users;
        if (current.stamp.equals(stamp)) {
            return current;
        }
        Map<String, String> names = new HashMap<>();
        try {
            for (JsonNode user : JSON.readTree(file.toFile())) {
                String id = user.path("id").asText("");
                String name = user.path("real_name").asText(user.path("profile").path("real_name")
                        .asText(user.path("name").asText("")));
                if (!id.isEmpty() && !name.isBlank()) {
                    names.put(id, name);
                }
            }
        } catch (JsonProcessingException e) {
            LOG.warn("skipping malformed Slack users file {}: {}; messages show user ids", file, e.getOriginalMessage());
        } catch (IOException e) {
            LOG.warn("cannot read Slack users file {}: {}", file, e.toString());
        }
        Users read = new Users(stamp, Map.copyOf(names));
        users = read;
        return read;
    }

    private static String readable(String text, Map<String, String> names) {
        Matcher m = USER_MENTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("@" + names.getOrDefault(m.group(1), m.group(1))));
        }
        m.appendTail(out);
        String result = CHANNEL_MENTION.matcher(out).replaceAll("#$1");
        Matcher link = LINK.matcher(result);
        StringBuilder linked = new StringBuilder();
        while (link.find()) {
            String label = link.group(2) != null ? link.group(2) + " (" + link.group(1) + ")" : link.group(1);
            link.appendReplacement(linked, Matcher.quoteReplacement(label));
        }
        link.appendTail(linked);
        return linked.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** @throws NumberFormatException if {@code ts} is not a Slack timestamp ({@link #TS}) */
    private static Instant toInstant(String ts) {
        // Only the plain form: BigDecimal would also take "1e999999999", whose conversions
        // overflow or run for minutes, and seconds beyond Instant's range.
        if (!TS.matcher(ts).matches()) {
            throw new NumberFormatException("not a Slack timestamp");
        }
        BigDecimal seconds = new BigDecimal(ts);
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private record Users(String stamp, Map<String, String> names) {}
}
