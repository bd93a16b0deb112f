package dev.chunkwise.cli;

import dev.chunkwise.cli.ApplySettings.Computation;
import dev.chunkwise.cli.ApplySettings.Placement;
import dev.chunkwise.cli.ApplySettings.Reports;
import dev.chunkwise.cli.ApplySettings.Source;
import dev.chunkwise.cli.ApplySettings.Target;
import dev.chunkwise.cli.StreamedApply.Output;
import dev.chunkwise.cli.csv.CsvWriter;
import dev.chunkwise.cli.data.DataFileException;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.cli.expr.ExpressionFailedException;
import dev.chunkwise.cli.work.LocalThreads;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.frame.Partitions;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.time.Durations;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.dflib.DataFrame;
import org.dflib.parquet.Parquet;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One run of {@code chunkwise apply} over a Parquet input read as a stream: runs of neighbouring row groups are read,
 * computed and formatted (CSV bytes, or a Parquet part of their own) on threads, a bounded window of runs at a time,
 * and written in order, as {@link StreamedApply} does with the blocks of a CSV file. A Parquet file's columns have
 * their types in its schema, so the function is compiled once, against the first run's frame, and nothing is read
 * twice. Memory is bounded by the window of runs, not by the file; a run is a row group at least, so the largest row
 * group must fit in memory several times.
 */
final class StreamedParquet implements ApplyRun {

    private final Path input;
    private final Path output;
    private final FileFormat outFormat;
    private final List<Assignment> assignments;
    private final PartitionFunction userFunction;
    private final String userClass;
    private final Placement placement;
    private final Reports reports;
    private final int blockBytes;

    StreamedParquet(Source source, Target target, Computation computation, Placement placement, Reports reports,
                    int blockBytes) {
        this.input = source.file();
        this.output = target.file();
        this.outFormat = target.format();
        this.assignments = computation.assignments();
        this.userFunction = computation.userFunction();
        this.userClass = computation.userClass();
        this.placement = placement;
        this.reports = reports;
        this.blockBytes = blockBytes > 0 ? blockBytes
                : StreamedApply.defaultBlockBytes(placement.workers(), fileSize(input));
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // the reader names the fault
        }
    }

    /** Rows formatted as CSV at a time: a run's text is made in pieces, so that no buffer is doubled whole. */
    private static final int ROWS_PER_PIECE = 16_384;

    /** What a run's task gives back: its rows formatted (CSV pieces, or a Parquet part), or why there are none. */
    private record Done(long rows, List<byte[]> bytes, Path parquet, RuntimeException failure) {
    }

    @Override
    public void run(PrintWriter err) throws IOException {
        long t0 = System.nanoTime();
        if (!Files.exists(input)) {
            throw new DataFileException(input.toString(), "no such file");
        }
        ParquetMetadata footer;
        try {
            footer = ParquetFiles.footer(input);
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(input.toString(), "cannot be read as Parquet: " + ParquetFiles.rootMessage(e));
        }
        MessageType schema = footer.getFileMetaData().getSchema();
        List<List<BlockMetaData>> runs = ParquetFiles.runsOfBytes(footer.getBlocks(), blockBytes);
        int threads = placement.workers();
        int window = window(threads, runs);
        boolean elsewhere = placement.backend() == Backend.processes || placement.backend() == Backend.spark;
        try (Output out = Output.open(output, outFormat);
             LocalThreads io = LocalThreads.start(threads);
             Pool pool = elsewhere ? placement.backend().open(threads, placement.master()) : null) {
            DataFrame first = runs.isEmpty() ? Parquet.load(input) : read(schema, runs.get(0));
            ApplyInput in = ApplyInput.ofFrame(first, assignments);
            PartitionFunction fn = userFunction != null ? userFunction : in.expressions();

            Deque<CompletableFuture<Done>> inFlight = new ArrayDeque<>();
            long rows = 0;
            inFlight.add(CompletableFuture.supplyAsync(() -> run(first, true, 0, fn, pool, out), io));
            long firstRow = first.height();
            for (int i = 1; i < runs.size(); i++) {
                while (inFlight.size() >= window) {
                    rows += consume(inFlight.removeFirst(), out, rows);
                }
                List<BlockMetaData> run = runs.get(i);
                long at = firstRow;
                inFlight.add(CompletableFuture.supplyAsync(() -> run(read(schema, run), false, at, fn, pool, out), io));
                firstRow += run.stream().mapToLong(BlockMetaData::getRowCount).sum();
            }
            while (!inFlight.isEmpty()) {
                rows += consume(inFlight.removeFirst(), out, rows);
            }
            out.commit();
            if (reports.explain()) {
                err.println(String.format(Locale.ROOT, "plan: streamed: %,d rows in %,d runs of row groups (of about "
                                + "%,d bytes), up to %d in flight on %d threads; computed on %s", rows,
                        Math.max(1, runs.size()), blockBytes, window, threads, elsewhere
                                ? placement.backend() + " (" + threads + " workers)" : "the same threads"));
                in.table.choices().forEach(c -> err.println("column " + c));
                err.println("total " + Durations.format(System.nanoTime() - t0));
            }
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // such as OutOfMemoryError, which the command names with what to do
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Returns the runs in flight: {@link StreamedApply#window}, fewer where the largest run, held in several forms at
     * once (values, results, output), would take more than a quarter of the heap.
     */
    private static int window(int threads, List<List<BlockMetaData>> runs) {
        long largest = runs.stream().mapToLong(r -> r.stream().mapToLong(BlockMetaData::getTotalByteSize).sum())
                .max().orElse(1);
        long fits = Runtime.getRuntime().maxMemory() / 4 / Math.max(1, 4 * largest);
        return (int) Math.max(1, Math.min(StreamedApply.window(threads), fits));
    }

    private DataFrame read(MessageType schema, List<BlockMetaData> run) {
        try {
            return ParquetFiles.readGroups(input, schema, run);
        } catch (RuntimeException e) {
            throw new DataFileException(input.toString(), "cannot be read as Parquet: " + ParquetFiles.rootMessage(e));
        }
    }

    /** Computes one run and formats it, on this thread; {@code firstRow} is its first row's place in the file. */
    private Done run(DataFrame frame, boolean first, long firstRow, PartitionFunction fn, Pool pool, Output out) {
        DataFrame result;
        try {
            result = pool == null ? fn.apply(frame) : pool.submit(fn, frame).join();
        } catch (ExpressionFailedException x) {
            return new Done(0, null, null, new JobFailedException(x.describe("on data row "
                    + (firstRow + x.row() + 1) + " of " + input)));
        } catch (CompletionException e) {
            if (e.getCause() instanceof TaskFailedException t && t.getCause() instanceof ExpressionFailedException x) {
                return new Done(0, null, null, new JobFailedException(x.describe("on data row "
                        + (firstRow + x.row() + 1) + " of " + input)));
            }
            return new Done(0, null, null, e.getCause() instanceof RuntimeException r ? r : e);
        } catch (RuntimeException e) {
            return new Done(0, null, null, e);
        }
        try {
            if (out.sink != null) {
                return new Done(result.height(), null, out.sink.encode(result), null);
            }
            List<byte[]> pieces = new ArrayList<>();
            if (first) {
                pieces.add(CsvWriter.header(result));
            }
            int n = Math.max(1, (result.height() + ROWS_PER_PIECE - 1) / ROWS_PER_PIECE);
            for (DataFrame piece : n == 1 ? List.of(result) : Partitions.split(result, n)) {
                pieces.add(CsvWriter.format(piece));
            }
            return new Done(result.height(), pieces, null, null);
        } catch (IOException e) {
            return new Done(0, null, null, new UncheckedIOException(e));
        } catch (RuntimeException e) {
            return new Done(0, null, null, e);
        }
    }

    /** Writes the next run's outcome, in order, and returns its rows; throws its failure. */
    private long consume(CompletableFuture<Done> next, Output out, long rowsBefore) throws IOException {
        Done d = next.join();
        if (d.failure() != null) {
            throw d.failure();
        }
        if (d.parquet() != null) {
            out.sink.append(d.parquet(), String.format(Locale.ROOT, "data rows %,d to %,d", rowsBefore + 1,
                    rowsBefore + d.rows()));
        } else {
            for (byte[] piece : d.bytes()) {
                out.write(piece);
            }
        }
        return d.rows();
    }

    @Override
    public String describe(TaskFailedException e) {
        return (userFunction != null ? "--apply " + userClass : "an expression") + " failed: "
                + (e.getCause() != null ? e.getCause() : e.getMessage());
    }
}
