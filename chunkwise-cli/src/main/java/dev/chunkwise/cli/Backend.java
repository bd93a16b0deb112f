package dev.chunkwise.cli;

import dev.chunkwise.pool.Pool;

/** Where {@code apply} computes: the values of {@code --backend}. */
enum Backend {
    auto, serial, threads, processes;

    /** Returns a new pool of this backend with {@code workers} workers ({@code auto} gives threads). */
    Pool open(int workers) {
        return switch (this) {
            case serial -> Pool.serial();
            case processes -> Pool.processes(workers);
            default -> Pool.threads(workers);
        };
    }
}
