/**
 * The command line's own parallel work, on threads of this JVM: {@link dev.chunkwise.cli.work.LocalThreads} (a
 * closable executor of a fixed number of threads) and {@link dev.chunkwise.cli.work.LocalWork} (run a task per item,
 * all at once or bounded and in order, passing a task's exception on as it was thrown). The readers and writers use
 * it instead of a {@code dev.chunkwise.pool.Pool}: their work is chunkwise's own, needs no serialization and never
 * leaves this JVM, and their failures are the file's, not a user function's.
 */
package dev.chunkwise.cli.work;
