package dev.aios.toolpacks.office.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Opens an Office Open XML file (docx, xlsx, pptx) for POI after checking what it is: an
 * encrypted one (which POI would report as "not an OOXML file") and an old binary one are
 * refused with an error that says so. POI's zip-bomb guard ({@code ZipSecureFile}: entry sizes
 * and compression ratio) stays at its defaults for everything opened here.
 */
final class OfficeFiles {
    private OfficeFiles() {}

    /**
     * @param shown the path as the result shows it
     * @param format what the tool reads, for errors ({@code "Word (.docx)"})
     * @return a stream of the file's bytes; the caller closes it
     */
    static InputStream open(Path file, String shown, String format) throws IOException {
        FileMagic magic = FileMagic.valueOf(file.toFile());
        if (magic == FileMagic.OLE2) {
            throw new IllegalArgumentException(encrypted(file)
                    ? "'" + shown + "' is encrypted (password-protected); encrypted documents are refused"
                    : "'" + shown + "' is an old binary Office file (.doc, .xls or .ppt), not a " + format + " file");
        }
        if (magic != FileMagic.OOXML) {
            throw new IllegalArgumentException("'" + shown + "' is not a " + format + " file (it looks like "
                    + magic.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        return Files.newInputStream(file);
    }

    /** @return a clear error for a document POI could not parse */
    static IllegalArgumentException unreadable(String shown, String format, Exception e) {
        if (e instanceof EncryptedDocumentException) {
            return new IllegalArgumentException("'" + shown + "' is encrypted (password-protected); encrypted"
                    + " documents are refused");
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new IllegalArgumentException("'" + shown + "' is not a readable " + format + " file (" + why + ")");
    }

    /** An encrypted OOXML file is an OLE2 container holding an {@code EncryptionInfo} stream. */
    private static boolean encrypted(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            return fs.getRoot().hasEntry("EncryptionInfo");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @return {@code text} without the control characters XML cannot hold (tabs and line breaks stay) */
    static String xmlSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp >= 0x20 || cp == '\t' || cp == '\n') {
                if (cp != 0xFFFE && cp != 0xFFFF && (cp < 0xD800 || cp > 0xDFFF)) {
                    out.appendCodePoint(cp);
                }
            } else if (cp == '\r') {
                out.append('\n');
            }
        });
        return out.toString();
    }
}
