package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The router's brains and the facts the hot path reads about them, unpacked once into arrays
 * (prices as doubles, capabilities as bit masks, the order by price) so that a routing decision
 * reads no collection and allocates nothing. Brains are known by their index in the order given;
 * a set of brains is a {@code long} bit set, hence at most 64 brains. Immutable.
 */
final class BrainTable {
    /** The most brains one router takes: brain sets are {@code long} bit sets. */
    static final int MAX_BRAINS = 64;

    final Brain[] brains;
    final double[] price;
    final double[] inPrice;
    final double[] outPrice;
    final boolean[] local;
    final int[] capabilities;
    final int[] contextWindow;
    /** Brain indexes from the cheapest to the dearest (stable: the first given wins a tie). */
    final int[] byPrice;

    BrainTable(List<Brain> configured) {
        int n = configured.size();
        if (n > MAX_BRAINS) {
            throw AiOsException.permanent("the learned router takes at most " + MAX_BRAINS + " brains, was given " + n
                    + "; split them between routers or drop some");
        }
        brains = configured.toArray(Brain[]::new);
        price = new double[n];
        inPrice = new double[n];
        outPrice = new double[n];
        local = new boolean[n];
        capabilities = new int[n];
        contextWindow = new int[n];
        for (int i = 0; i < n; i++) {
            BrainProfile p = brains[i].profile();
            inPrice[i] = p.inputPricePerMillion().doubleValue();
            outPrice[i] = p.outputPricePerMillion().doubleValue();
            price[i] = inPrice[i] + outPrice[i];
            local[i] = p.location() == BrainProfile.Location.LOCAL;
            capabilities[i] = mask(p.capabilities());
            contextWindow[i] = p.contextWindow();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(price[a], price[b]));
        byPrice = order.stream().mapToInt(Integer::intValue).toArray();
    }

    int size() {
        return brains.length;
    }

    String name(int i) {
        return brains[i].name();
    }

    /** @return the capabilities as a bit mask over {@link BrainProfile.Capability#ordinal()} */
    static int mask(Set<BrainProfile.Capability> capabilities) {
        int mask = 0;
        if (!capabilities.isEmpty()) {
            for (BrainProfile.Capability c : capabilities) {
                mask |= 1 << c.ordinal();
            }
        }
        return mask;
    }

    /** @return the index of the brain named {@code name} */
    int indexOf(String name) {
        for (int i = 0; i < brains.length; i++) {
            if (brains[i].name().equals(name)) {
                return i;
            }
        }
        throw AiOsException.permanent("brain '" + name + "' is not one of this router's brains "
                + Arrays.stream(brains).map(Brain::name).toList() + "; pass one of router.brains()");
    }

    /** @return the dearest brain of {@code set}, or {@code from} when none is dearer */
    int dearest(long set, int from) {
        int dearest = from;
        for (long bits = set; bits != 0; bits &= bits - 1) {
            int j = Long.numberOfTrailingZeros(bits);
            if (price[j] > price[dearest]) {
                dearest = j;
            }
        }
        return dearest;
    }
}
