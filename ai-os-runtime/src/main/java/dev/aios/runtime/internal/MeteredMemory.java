package dev.aios.runtime.internal;

import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.runtime.internal.AgentTelemetry.MemoryOperation;
import java.util.List;

/**
 * The agent's memory, each remember, recall and forget timed as {@code aios.memory.operations}
 * (by operation and outcome; never by what was stored or asked). Whatever the memory throws is
 * thrown on, unchanged.
 */
final class MeteredMemory implements Memory {
    private final Memory memory;
    private final AgentTelemetry telemetry;

    MeteredMemory(Memory memory, AgentTelemetry telemetry) {
        this.memory = memory;
        this.telemetry = telemetry;
    }

    @Override
    public void remember(MemoryRecord record) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            memory.remember(record);
            ok = true;
        } finally {
            telemetry.memoryOperation(MemoryOperation.REMEMBER, ok, System.nanoTime() - start);
        }
    }

    @Override
    public List<MemoryHit> recall(MemoryQuery query) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            List<MemoryHit> hits = memory.recall(query);
            ok = true;
            return hits;
        } finally {
            telemetry.memoryOperation(MemoryOperation.RECALL, ok, System.nanoTime() - start);
        }
    }

    @Override
    public boolean forget(String id) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            boolean existed = memory.forget(id);
            ok = true;
            return existed;
        } finally {
            telemetry.memoryOperation(MemoryOperation.FORGET, ok, System.nanoTime() - start);
        }
    }

    @Override
    public int endRun(String runId) {
        return memory.endRun(runId);
    }

    @Override
    public void close() {
        memory.close();
    }

    @Override
    public String toString() {
        return memory.toString();
    }
}
