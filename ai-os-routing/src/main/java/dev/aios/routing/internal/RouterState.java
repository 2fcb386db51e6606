package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the router keeps across restarts, and its file: a small binary file (a few KB per brain)
 * written to a temporary sibling and moved into place, so a crash mid-write leaves the previous
 * state whole. Brains are matched by name on load; a brain the file does not know starts fresh.
 */
final class RouterState {
    private static final int MAGIC = 0x41494f52; // "AIOR"
    private static final int VERSION = 1;

    /** One brain's saved model and ledger. */
    record BrainState(String name, float[] weights, float[] squaredGradients, long updates, long[] counters,
            BigDecimal cost) {}

    final int dimension;
    final double lambda;
    final long day;
    final BigDecimal spentToday;
    final BigDecimal costIfStrongest;
    final Map<String, BrainState> brains;

    RouterState(int dimension, double lambda, long day, BigDecimal spentToday, BigDecimal costIfStrongest,
            Map<String, BrainState> brains) {
        this.dimension = dimension;
        this.lambda = lambda;
        this.day = day;
        this.spentToday = spentToday;
        this.costIfStrongest = costIfStrongest;
        this.brains = brains;
    }

    void write(Path file) {
        StateFiles.writeAtomically(file, out -> {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(dimension);
            out.writeDouble(lambda);
            out.writeLong(day);
            out.writeUTF(spentToday.toPlainString());
            out.writeUTF(costIfStrongest.toPlainString());
            out.writeInt(brains.size());
            for (BrainState brain : brains.values()) {
                out.writeUTF(brain.name());
                out.writeLong(brain.updates());
                for (int i = 0; i < dimension; i++) {
                    out.writeFloat(brain.weights()[i]);
                    out.writeFloat(brain.squaredGradients()[i]);
                }
                out.writeInt(brain.counters().length);
                for (long c : brain.counters()) {
                    out.writeLong(c);
                }
                out.writeUTF(brain.cost().toPlainString());
            }
        }, "router state", "Check that the folder is writable, or choose another stateFile.");
    }

    static RouterState read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw corrupt(file, "it does not start like a router state file", null);
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw corrupt(file, "it has format version " + version + ", this release reads " + VERSION, null);
            }
            int dimension = in.readInt();
            double lambda = in.readDouble();
            long day = in.readLong();
            BigDecimal spent = new BigDecimal(in.readUTF());
            BigDecimal ifStrongest = new BigDecimal(in.readUTF());
            int count = in.readInt();
            if (dimension < 1 || dimension > 100_000 || count < 0 || count > 10_000) {
                throw corrupt(file, "its header is out of range (dimension " + dimension + ", brains " + count + ")",
                        null);
            }
            Map<String, BrainState> brains = new LinkedHashMap<>();
            for (int b = 0; b < count; b++) {
                String name = in.readUTF();
                long updates = in.readLong();
                float[] w = new float[dimension];
                float[] g = new float[dimension];
                for (int i = 0; i < dimension; i++) {
                    w[i] = in.readFloat();
                    g[i] = in.readFloat();
                }
                int n = in.readInt();
                if (n < 0 || n > 64) {
                    throw corrupt(file, "brain '" + name + "' has " + n + " counters", null);
                }
                long[] counters = new long[n];
                for (int i = 0; i < n; i++) {
                    counters[i] = in.readLong();
                }
                BigDecimal cost = new BigDecimal(in.readUTF());
                brains.put(name, new BrainState(name, w, g, updates, counters, cost));
            }
            return new RouterState(dimension, lambda, day, spent, ifStrongest, brains);
        } catch (EOFException e) {
            throw corrupt(file, "it ends early", e);
        } catch (NumberFormatException e) {
            throw corrupt(file, "a money amount in it is not a number", e);
        } catch (IOException e) {
            throw AiOsException.retriable("cannot read the router state " + file + ": " + e.getMessage(), e);
        }
    }

    private static AiOsException corrupt(Path file, String why, Throwable cause) {
        return AiOsException.permanent("the router state file " + file + " is unreadable: " + why
                + ". Move it aside to start with fresh estimates, or point stateFile elsewhere.", cause);
    }
}
