package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;

/** The checks the builders of this package ({@link ParallelApply}, {@link ParallelGroupBy}) make of their settings. */
final class Settings {

    private Settings() {
    }

    /** Throws if a setting already has the value {@code current} (null: not set yet): each may be given once. */
    static void once(Object current, String setting) {
        if (current != null) {
            throw new IllegalStateException(setting + " was already set to " + current);
        }
    }

    /** Throws if both a pool and a worker count were given and they disagree ({@code workers} 0: not given). */
    static void checkWorkersMatch(Pool pool, int workers) {
        if (pool != null && workers != 0 && pool.workers() != workers) {
            throw new IllegalArgumentException(
                    "workers: " + workers + " (expected: " + pool.workers() + ", the workers of " + pool + ")");
        }
    }
}
