package dev.aios.runtime;

import dev.aios.testing.MemoryContract;
import java.nio.file.Path;

/**
 * {@link InProcessMemory} keeps the promises of {@link dev.aios.api.Memory}. It is not persistent
 * and has no batch write, so those checks are skipped; it keeps any Java string as given, NUL
 * characters included, so it opts out of that check.
 */
class InProcessMemoryContractTest extends MemoryContract<InProcessMemory> {

    @Override
    protected InProcessMemory open(Path storage) {
        return new InProcessMemory();
    }

    @Override
    protected boolean rejectsNulCharacters() {
        return false;
    }
}
