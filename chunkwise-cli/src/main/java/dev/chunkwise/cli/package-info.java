/**
 * The {@code chunkwise} command line: one picocli command class per subcommand ({@code apply}, {@code generate},
 * {@code demo}, {@code calibrate}, {@code bench}, {@code info}), each of which checks its options and maps how its
 * work ended to a message and an exit code (0 done, 1 failed, 2 bad usage). {@code apply}'s work is an
 * {@link dev.chunkwise.cli.ApplyJob} of read, compile, compute and write steps ({@code --group-by}'s a
 * {@link dev.chunkwise.cli.GroupJob}); the formats it reads and writes
 * ({@link dev.chunkwise.cli.FileFormat}: CSV through {@code dev.chunkwise.cli.csv}, Parquet through
 * {@link dev.chunkwise.cli.ParquetFiles}), the backends it computes on ({@link dev.chunkwise.cli.Backend}) and what it
 * remembers between runs ({@link dev.chunkwise.cli.FileRates}) live here too. This package depends on every other
 * package of the command line; none depends on it.
 */
package dev.chunkwise.cli;
