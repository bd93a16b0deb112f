package dev.chunkwise.frame;

/**
 * Told as the partitions of a {@link Parallel#apply} finish, in order, so that a caller can show progress on long
 * work. Called on the caller's thread; keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param partitionsDone  partitions finished so far
     * @param partitionsTotal partitions in all
     * @param rowsDone        rows finished so far
     * @param rowsTotal       rows in all
     * @param elapsedNanos    time since the apply started
     */
    void onProgress(int partitionsDone, int partitionsTotal, long rowsDone, long rowsTotal, long elapsedNanos);
}
