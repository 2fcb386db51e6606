package dev.aios.inference.local.internal;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys and values of prompt prefixes seen before, kept so that a prompt starting the same way
 * (an agent's system prompt and tool list, repeated on every call) copies them into its slot
 * instead of computing them again.
 *
 * <p>The unit is a block of {@link #BLOCK_TOKENS} positions. A block's keys and values depend on
 * every token from the start of the sequence through its end (attention is causal), so it is
 * keyed by a chained hash of all those tokens and keeps them to compare: a hash collision is a
 * miss, never a wrong reuse. Blocks are kept in least-recently-used order within a byte budget;
 * every use touches a prompt's chain from its deepest block to its root, so eviction takes leaves
 * first and never orphans a chain's tail behind an evicted root.
 *
 * <p>Reuse copies the blocks into the slot's own cache rather than sharing them, so a running
 * sequence never depends on a block that may be evicted, and several sequences with one prefix
 * each hold their own copy. Driven by the scheduler's worker, which also owns the engine; the
 * methods are synchronized only so that {@link #stats()} can be read from other threads.
 */
public final class PrefixCache implements AutoCloseable {
    /**
     * Positions per block. 16 because a prompt that diverges inside a block recomputes at most 15
     * positions, which costs about what one short prefill chunk costs anyway, while a 4,096-token
     * prompt is only 256 blocks (one tensor each, one concatenation to restore them).
     */
    public static final int BLOCK_TOKENS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(PrefixCache.class);

    private final LlamaEngine engine;
    private final long budgetBytes;
    private final int blockTokens;
    private final long blockBytes;
    private final ChainHash hash;
    // Access order: iteration starts at the least recently used block.
    private final Map<Long, Block> blocks = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long reusedTokens;
    private long stored;
    private long evicted;
    private boolean closed;

    /**
     * A cache for {@code engine}'s slots holding at most {@code budgetBytes} of keys and values; 0
     * keeps nothing.
     */
    public PrefixCache(LlamaEngine engine, long budgetBytes) {
        this(engine, budgetBytes, BLOCK_TOKENS, PrefixCache::mix);
    }

    /** With another block size or hash: tests force collisions with a constant hash. */
    PrefixCache(LlamaEngine engine, long budgetBytes, int blockTokens, ChainHash hash) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("prefix cache budget must be >= 0 bytes (0 disables it), was "
                    + budgetBytes);
        }
        this.engine = engine;
        this.budgetBytes = budgetBytes;
        this.blockTokens = blockTokens;
        this.blockBytes = engine.kvBytesPerToken() * blockTokens;
        this.hash = hash;
        if (budgetBytes > 0 && budgetBytes < blockBytes) {
            LOG.warn("prefix cache budget of {} bytes holds no block ({} bytes each for {} tokens): nothing "
                    + "will be cached", budgetBytes, blockBytes, blockTokens);
        }
    }

    /** @return bytes one block of keys and values takes */
    public long blockBytes() {
        return blockBytes;
    }

    /** @return positions per block */
    public int blockTokens() {
        return blockTokens;
    }

    /**
     * Copies the longest cached block prefix of {@code prompt} into the empty {@code slot} and
     * sets the slot's length, leaving at least the prompt's last token to prefill so that its
     * logits are computed.
     *
     * @return positions now in the slot's cache: 0 on a miss, at most {@code prompt.length - 1}
     */
    public synchronized int restore(int slot, int[] prompt) {
        if (budgetBytes == 0 || closed) {
            return 0;
        }
        long[] keys = keys(prompt, prompt.length / blockTokens);
        List<Block> chain = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            Block b = blocks.get(keys[i]);
            if (b == null || !b.matches(prompt, (i + 1) * blockTokens)) {
                break;
            }
            chain.add(b);
        }
        if (chain.isEmpty()) {
            misses++;
            LOG.debug("prefix cache miss for a {}-token prompt ({} blocks cached)", prompt.length, blocks.size());
            return 0;
        }
        int length = Math.min(chain.size() * blockTokens, prompt.length - 1);
        try {
            engine.restoreBlocks(slot, chain.stream().map(b -> b.kv).toList(), length);
        } catch (RuntimeException e) {
            // Only an optimisation: the slot is still empty, so the whole prompt is prefilled.
            LOG.warn("prefix cache could not restore {} blocks into slot {}; prefilling the whole prompt",
                    chain.size(), slot, e);
            misses++;
            return 0;
        }
        touchDeepestFirst(chain);
        hits++;
        reusedTokens += length;
        LOG.debug("prefix cache hit: {} blocks, {} of {} prompt tokens reused in slot {}", chain.size(), length,
                prompt.length, slot);
        return length;
    }

    /**
     * Keeps the full blocks among the first {@code prefilled} positions of {@code prompt}, which
     * {@code slot} holds, that are not cached yet, evicting least recently used blocks of other
     * prompts to fit. Stops storing this prompt rather than evict its own earlier blocks.
     */
    public synchronized void store(int slot, int[] prompt, int prefilled) {
        if (budgetBytes < blockBytes || closed) {
            return;
        }
        long[] keys = keys(prompt, prefilled / blockTokens);
        List<Block> chain = new ArrayList<>();
        int first = 0;
        while (first < keys.length) {
            Block b = blocks.get(keys[first]);
            if (b == null || !b.matches(prompt, (first + 1) * blockTokens)) {
                break;
            }
            chain.add(b);
            first++;
        }
        // The prompt's cached blocks become the most recent before any eviction, so eviction takes
        // other prompts' blocks first.
        touchDeepestFirst(chain);
        Set<Long> own = new HashSet<>();
        chain.forEach(b -> own.add(b.key));
        int fit = first;
        while (fit < keys.length && makeRoom(own)) {
            own.add(keys[fit]);
            bytes += blockBytes; // reserved now, so the next makeRoom counts it
            fit++;
        }
        if (fit > first) {
            NDArray[] copies;
            try {
                copies = engine.copyBlocks(slot, first * blockTokens, blockTokens, fit - first);
            } catch (RuntimeException e) {
                bytes -= (fit - first) * blockBytes;
                LOG.warn("prefix cache could not copy {} blocks out of slot {}; not stored", fit - first, slot, e);
                return;
            }
            for (int i = first; i < fit; i++) {
                Block b = new Block(keys[i], prompt, (i + 1) * blockTokens, copies[i - first]);
                Block collided = blocks.put(b.key, b);
                if (collided != null) {
                    // Another prefix with the same hash: the newer one wins the key.
                    collided.kv.close();
                    bytes -= blockBytes;
                    evicted++;
                }
                chain.add(b);
            }
            stored += fit - first;
            touchDeepestFirst(chain);
            LOG.debug("prefix cache stored {} blocks ({} cached, {} bytes of {})", fit - first, blocks.size(),
                    bytes, budgetBytes);
        }
        if (fit < keys.length) {
            LOG.debug("prefix cache full of this prompt's own blocks: {} of its {} blocks kept", fit, keys.length);
        }
    }

    /** Evicts blocks not in {@code own} until one more block fits; false when only own ones are left. */
    private boolean makeRoom(Set<Long> own) {
        Iterator<Block> lru = blocks.values().iterator();
        while (bytes + blockBytes > budgetBytes) {
            Block victim = null;
            while (lru.hasNext()) {
                Block b = lru.next();
                if (!own.contains(b.key)) {
                    victim = b;
                    break;
                }
            }
            if (victim == null) {
                return false;
            }
            lru.remove();
            victim.kv.close();
            bytes -= blockBytes;
            evicted++;
        }
        return true;
    }

    private void touchDeepestFirst(List<Block> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            blocks.get(chain.get(i).key);
        }
    }

    /** The chained hash after each of the first {@code count} blocks of {@code prompt}. */
    private long[] keys(int[] prompt, int count) {
        long[] keys = new long[count];
        long h = 0;
        for (int i = 0; i < count; i++) {
            h = hash.next(h, prompt, i * blockTokens, (i + 1) * blockTokens);
            keys[i] = h;
        }
        return keys;
    }

    /** @return counters since creation and what is held now */
    public synchronized Stats stats() {
        return new Stats(hits, misses, reusedTokens, stored, evicted, blocks.size(), bytes);
    }

    /** Frees every block; later calls restore and store nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        blocks.values().forEach(b -> b.kv.close());
        blocks.clear();
        bytes = 0;
    }

    /** A 64-bit hash of tokens {@code from..to} continuing from the hash of everything before. */
    @FunctionalInterface
    interface ChainHash {
        long next(long previous, int[] tokens, int from, int to);
    }

    private static long mix(long previous, int[] tokens, int from, int to) {
        long h = previous ^ 0x9E3779B97F4A7C15L;
        for (int i = from; i < to; i++) {
            h = (h ^ tokens[i]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        // SplitMix64's finaliser, so that neighbouring token ids spread over the whole key.
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /**
     * Counters of a prefix cache.
     *
     * @param hits prompts that reused at least one block
     * @param misses prompts that found none
     * @param reusedTokens positions copied instead of computed
     * @param storedBlocks blocks stored
     * @param evictedBlocks blocks dropped to fit the budget (or replaced after a hash collision)
     * @param blocks blocks held now
     * @param bytes bytes held now
     */
    public record Stats(long hits, long misses, long reusedTokens, long storedBlocks, long evictedBlocks, int blocks,
            long bytes) {}

    /** Keys and values of one block, [2 * layers, kvHeads, blockTokens, headDim]. */
    private static final class Block {
        final long key;
        // The prompt that stored this block (never modified); its first `end` tokens are the prefix.
        final int[] tokens;
        final int end;
        final NDArray kv;

        Block(long key, int[] tokens, int end, NDArray kv) {
            this.key = key;
            this.tokens = tokens;
            this.end = end;
            this.kv = kv;
        }

        /** Whether this is the block ending at {@code at} of {@code prompt}. */
        boolean matches(int[] prompt, int at) {
            return end == at && prompt.length >= end && Arrays.equals(tokens, 0, end, prompt, 0, end);
        }
    }
}
