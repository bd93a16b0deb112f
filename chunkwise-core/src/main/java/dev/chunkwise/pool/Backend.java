package dev.chunkwise.pool;

import java.util.Locale;

/**
 * Where a pool runs its tasks: the kinds of worker chunkwise has. A pool says which it is ({@link Pool#backend()}), and
 * a plan names the backend of each alternative it weighs.
 */
public enum Backend {
    /** On the calling thread, one task after another. */
    SERIAL,
    /** On threads of this JVM. */
    THREADS,
    /** In worker processes: child JVMs, so that a crash, a leak or {@code System.exit} stays there. */
    PROCESSES,
    /** On Spark executors, embedded ({@code local[*]}) or on a cluster. */
    SPARK;

    /** Returns whether the backend runs tasks in this JVM (serial and threads do; processes and Spark may not). */
    public boolean inThisJvm() {
        return this == SERIAL || this == THREADS;
    }

    /** Returns the backend's name as the command line and the plans write it: {@code serial}, {@code threads}... */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
