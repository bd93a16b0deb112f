package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;

/**
 * The thread pool that {@code auto} runs on when it goes parallel without a pool from the caller: one daemon thread
 * per core, made on first use and kept, as Java's parallel streams keep theirs, so that repeated calls do not pay for
 * starting and joining threads. Pools the caller makes are unaffected.
 */
final class SharedThreads {

    private static volatile Pool pool;

    private SharedThreads() {
    }

    static int workers() {
        return Runtime.getRuntime().availableProcessors();
    }

    static Pool get() {
        Pool p = pool;
        if (p == null) {
            synchronized (SharedThreads.class) {
                p = pool;
                if (p == null) {
                    p = Pool.threads(workers());
                    pool = p;
                }
            }
        }
        return p;
    }

    static boolean started() {
        return pool != null;
    }
}
