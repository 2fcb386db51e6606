package dev.aios.memory;

import dev.aios.api.MemoryRecord;
import dev.aios.testing.MemoryContract;
import java.nio.file.Path;
import java.util.List;

/** {@link LuceneMemory} keeps every promise of {@link dev.aios.api.Memory}, across reopens and in batches too. */
class LuceneMemoryContractTest extends MemoryContract<LuceneMemory> {

    @Override
    protected LuceneMemory open(Path storage) {
        return LuceneMemory.open(storage);
    }

    @Override
    protected LuceneMemory reopen(Path storage) {
        return LuceneMemory.open(storage);
    }

    @Override
    protected void rememberAll(LuceneMemory memory, List<MemoryRecord> records) {
        memory.rememberAll(records);
    }
}
