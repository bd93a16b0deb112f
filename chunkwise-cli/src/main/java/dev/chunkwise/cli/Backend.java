package dev.chunkwise.cli;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.spark.SparkPool;

/** Where {@code apply} computes: the values of {@code --backend}. */
enum Backend {
    auto, serial, threads, processes, spark;

    /**
     * Returns a new pool of this backend with {@code workers} workers ({@code auto} gives threads); for Spark, on
     * {@code master} if given, else an embedded {@code local[workers]} session.
     */
    Pool open(int workers, String master) {
        return switch (this) {
            case serial -> Pool.serial();
            case processes -> Pool.processes(workers);
            case spark -> master == null ? SparkPool.local(workers) : SparkPool.connect(master);
            default -> Pool.threads(workers);
        };
    }
}
