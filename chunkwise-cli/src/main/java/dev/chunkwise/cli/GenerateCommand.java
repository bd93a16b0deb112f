package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.CsvWriter;
import dev.chunkwise.cli.csv.SafeOutput;
import dev.chunkwise.cli.work.LocalThreads;
import dev.chunkwise.cli.work.LocalWork;
import dev.chunkwise.frame.Partitions;
import org.dflib.DataFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code chunkwise generate}: a file of random ints, like {@code numpy.random.randint(low, high, size=(N, k))}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a CSV or Parquet file of random ints in [low, high), like "
                + "numpy.random.randint(low, high, size=(rows, len(columns))). The same seed gives the same file.",
                "",
                "Example: chunkwise generate --rows 1000000 -o data.csv"})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "How many rows.")
    int rows;

    @Option(names = "--columns", split = ",", paramLabel = "A,B,…", defaultValue = "A,B,C,D",
            description = "The column names (default: ${DEFAULT-VALUE}).")
    List<String> columns;

    @Option(names = "--low", defaultValue = "0", description = "The smallest value (default: ${DEFAULT-VALUE}).")
    int low;

    @Option(names = "--high", defaultValue = "100", description = "One past the largest value (default: ${DEFAULT-VALUE}).")
    int high;

    @Option(names = "--seed", defaultValue = "42", description = "The random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The file to write (.csv, .csv.gz, .csv.zst or .parquet).")
    Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            FileFormat format = FileFormat.of(output, "--output");
            if (rows < 0) {
                throw new UsageException("--rows: " + rows + " (expected: >= 0)");
            }
            if (low >= high) {
                throw new UsageException("--high: " + high + " (expected: > --low, which is " + low + ")");
            }
            RandomInts random = new RandomInts(seed, columns.toArray(String[]::new), low, high, rows);
            List<Integer> blocks = IntStream.range(0, random.blocks()).boxed().toList();
            int workers = Runtime.getRuntime().availableProcessors();
            try (SafeOutput out = SafeOutput.open(output); LocalThreads io = LocalThreads.start(workers)) {
                if (format == FileFormat.PARQUET) {
                    DataFrame df = blocks.isEmpty() ? random.block(0)
                            : Partitions.concat(LocalWork.map(io, random::block, blocks));
                    out.stream().close();
                    ParquetFiles.write(df, out, io, workers, 4 * workers);
                } else {
                    // A block at a time, made and formatted on the threads, written in order: any size in a fixed heap.
                    try (OutputStream stream = format.compression().compress(out.stream())) {
                        stream.write(CsvWriter.header(random.block(0)));
                        LocalWork.forEachInOrder(io, (Integer b) -> CsvWriter.format(random.block(b)), blocks,
                                stream::write);
                    }
                }
                out.commit();
            }
            return 0;
        } catch (UsageException e) {
            err.println("chunkwise generate: " + e.getMessage());
            err.println("Try 'chunkwise generate --help' for more information.");
            return Chunkwise.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("chunkwise generate: " + e.getMessage());
            return Chunkwise.FAILED;
        } finally {
            err.flush();
        }
    }
}
