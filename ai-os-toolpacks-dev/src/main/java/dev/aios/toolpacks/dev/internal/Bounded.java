package dev.aios.toolpacks.dev.internal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keeps at most a given number of bytes of what is written to it and counts the rest, so a huge
 * diff or response costs bounded memory and the result can say how much was cut.
 */
public final class Bounded extends OutputStream {
    private final byte[] kept;
    private int size;
    private long total;

    /** @param limit how many bytes to keep */
    public Bounded(int limit) {
        this.kept = new byte[limit];
    }

    @Override
    public void write(int b) {
        if (size < kept.length) {
            kept[size++] = (byte) b;
        }
        total++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int take = Math.min(len, kept.length - size);
        if (take > 0) {
            System.arraycopy(b, off, kept, size, take);
            size += take;
        }
        total += len;
    }

    /** @return whether more was written than kept */
    public boolean cut() {
        return total > size;
    }

    /** @return how many bytes were written in all */
    public long total() {
        return total;
    }

    /** @return what was kept as UTF-8 text, with a closing line that says how much was cut, if any */
    public String text() {
        String text = new String(Arrays.copyOf(kept, size), StandardCharsets.UTF_8);
        return cut() ? text + "\n[cut: showing the first " + size + " of " + total + " bytes]" : text;
    }
}
