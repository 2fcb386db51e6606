package dev.aios.tools.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.aios.api.AiOsException;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The approved fingerprint of each MCP tool, kept in a JSON file ({@code {"server.tool": "sha-256"}})
 * so a tool whose description or schema changes after approval (a "rug pull") is caught even
 * across restarts. Writes go to a temporary file first, so a crash never leaves half a file.
 */
public final class PinStore {

    /** What the store says about a tool as the server describes it now. */
    public enum Verdict {
        /** Pinned, and unchanged since. */
        APPROVED,
        /** Never seen before. */
        NEW,
        /** Pinned, but its name, description, schema or risk changed since. */
        CHANGED
    }

    private final @Nullable Path file;
    private final Map<String, String> pins = new TreeMap<>();

    private PinStore(@Nullable Path file) {
        this.file = file;
    }

    /** @return a store that forgets everything when the JVM exits */
    public static PinStore inMemory() {
        return new PinStore(null);
    }

    /**
     * @return the store kept in {@code file}, loaded if it exists
     * @throws AiOsException if the file exists but cannot be read as pins
     */
    public static PinStore open(Path file) {
        PinStore store = new PinStore(file.toAbsolutePath());
        if (Files.exists(file)) {
            try {
                Map<String, String> loaded = JsonCodec.MAPPER.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() {});
                store.pins.putAll(loaded);
            } catch (IOException e) {
                throw AiOsException.permanent("cannot read the tool pin file " + file + ": " + e.getMessage()
                        + "; fix or delete it (deleting it re-approves every tool on first use)", e);
            }
        }
        return store;
    }

    /**
     * The fingerprint covers the risk too: a tool that turns from destructive to "read-only" must
     * be approved again, or the gate would wave it through. It leaves out
     * {@link ToolRisk#acceptsIdempotencyKey()}: that comes from the host's own server config, not
     * from the server, and pins written before it existed stay valid.
     *
     * @return the SHA-256 of the tool's name, description, canonical schema and risk, in hex
     */
    public static String fingerprint(ToolDescriptor tool) {
        String canonicalSchema = JsonCodec.write(JsonCodec.readObject(tool.inputSchema(), "input schema of " + tool.name()));
        ToolRisk risk = tool.risk();
        // The text ToolRisk.toString() gave when it had these three components: kept, so old pins still match.
        String riskText = "ToolRisk[level=" + risk.level() + ", openWorld=" + risk.openWorld() + ", idempotent="
                + risk.idempotent() + "]";
        String text = tool.name() + "\n" + tool.description() + "\n" + canonicalSchema + "\n" + riskText;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** @return what the store says about {@code name} with fingerprint {@code hash} */
    public synchronized Verdict check(String name, String hash) {
        String pinned = pins.get(name);
        if (pinned == null) {
            return Verdict.NEW;
        }
        return pinned.equals(hash) ? Verdict.APPROVED : Verdict.CHANGED;
    }

    /** Records {@code hash} as the approved fingerprint of {@code name}, and saves. */
    public synchronized void pin(String name, String hash) {
        String before = pins.put(name, hash);
        if (!hash.equals(before)) {
            save();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            JsonCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), pins);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw AiOsException.retriable("cannot save the tool pin file " + file + ": " + e.getMessage()
                    + "; check that its folder is writable", e);
        }
    }
}
