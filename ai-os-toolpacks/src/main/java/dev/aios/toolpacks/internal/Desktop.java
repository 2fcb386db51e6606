package dev.aios.toolpacks.internal;

import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The desktop session for the system tools: notifications through {@code notify-send}, and the
 * clipboard through AWT. Both need a display; without one each says so.
 */
public final class Desktop {
    private Desktop() {}

    /** Shows a notification; throws with the reason when there is no display or no notify-send. */
    public static void notify(String title, String message, String urgency) throws IOException, InterruptedException {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IllegalStateException("no display: desktop notifications need a graphical session"
                    + " (DISPLAY or WAYLAND_DISPLAY is not set)");
        }
        Path program = onPath("notify-send");
        if (program == null) {
            throw new IllegalStateException("notify-send is not installed (on Debian or Ubuntu: the libnotify-bin"
                    + " package), so no notification can be shown");
        }
        Process p = new ProcessBuilder(program.toString(), "--urgency=" + urgency, "--app-name=AI-OS", "--", title,
                message).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("notify-send did not finish within 10 s");
        }
        if (p.exitValue() != 0) {
            String said = new String(p.getInputStream().readNBytes(500)).strip();
            throw new IOException("notify-send failed (exit " + p.exitValue() + ")" + (said.isEmpty() ? "" : ": " + said));
        }
    }

    /** @return the text on the clipboard, empty when it holds no text */
    public static String readClipboard() throws IOException {
        requireDisplay();
        try {
            var clipboard = Toolkit.getDefaultToolkit().getSystemClipboard();
            if (!clipboard.isDataFlavorAvailable(DataFlavor.stringFlavor)) {
                return "";
            }
            return String.valueOf(clipboard.getData(DataFlavor.stringFlavor));
        } catch (UnsupportedFlavorException e) {
            return "";
        } catch (IllegalStateException e) {
            throw new IOException("the clipboard is busy (another program holds it); try again");
        }
    }

    /** Puts {@code text} on the clipboard. */
    public static void writeClipboard(String text) throws IOException {
        requireDisplay();
        try {
            StringSelection selection = new StringSelection(text);
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(selection, selection);
        } catch (IllegalStateException e) {
            throw new IOException("the clipboard is busy (another program holds it); try again");
        }
    }

    private static void requireDisplay() {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("no display: the clipboard needs a graphical session, and this Java"
                    + " process runs headless");
        }
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
