package dev.chunkwise.cli;

import dev.chunkwise.cli.ApplyInput.ColumnsRead;
import dev.chunkwise.cli.ApplySettings.Computation;
import dev.chunkwise.cli.ApplySettings.Placement;
import dev.chunkwise.cli.ApplySettings.Reports;
import dev.chunkwise.cli.ApplySettings.Source;
import dev.chunkwise.cli.ApplySettings.Target;
import dev.chunkwise.cli.csv.Compression;
import dev.chunkwise.cli.csv.CsvFile;
import dev.chunkwise.cli.csv.CsvReader;
import dev.chunkwise.cli.csv.CsvStream;
import dev.chunkwise.cli.csv.CsvWriter;
import dev.chunkwise.cli.csv.FileBytes;
import dev.chunkwise.cli.csv.SafeOutput;
import dev.chunkwise.cli.csv.StreamTyping;
import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.cli.expr.ExpressionException;
import dev.chunkwise.cli.expr.ExpressionFailedException;
import dev.chunkwise.cli.expr.ExpressionFunction;
import dev.chunkwise.cli.work.LocalThreads;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.time.Durations;
import dev.chunkwise.trace.Trace;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of {@code chunkwise apply} over a CSV input read as a stream of blocks: each block's rows are found, typed,
 * computed and formatted on a thread of their own, a bounded window of blocks at a time, and the blocks are written in
 * order as they are done. Memory is bounded by the window, not by the file, and reading, computing and writing
 * overlap; standard input and output, FIFOs and files larger than memory are read this way. A Parquet output is
 * written a row group per block ({@link ParquetSink}), every column typed as the whole-file path types them.
 *
 * <h2>Types without the whole table</h2>
 * A column's type is chosen from all its values ({@code docs/csv.md}), and the last row can change it. The blocks are
 * converted with the types the first block gives while the census of every block is added up in order
 * ({@link StreamTyping}); a block whose values do not fit those types stops the computing (the rest of the input is
 * only counted). At the end, the types of the whole input decide: if they are the types used, the output is
 * committed; if not, a file is read again with the final types (so the result is always the whole-file reader's),
 * and an input that cannot be read twice (a pipe) is an error that names the column and the {@code --type} to give.
 */
final class StreamedApply implements ApplyRun {

    /**
     * Files larger than this are read as a stream unless {@code --no-stream} says otherwise; smaller ones are read
     * whole, so that the planner can sample the work and choose serial or parallel (for a small file of heavy work
     * that matters; from a few megabytes on, the overlap of reading, computing and writing gains more).
     */
    static final long STREAM_ABOVE_BYTES = 4L << 20;
    /** A gzip file is read as a stream above this many compressed bytes. */
    static final long STREAM_ABOVE_GZIP_BYTES = 1L << 20;
    /** The least a block holds when the file's size makes the blocks smaller than the heap allows. */
    static final int MIN_BLOCK_BYTES = 64 << 10;

    private final Source source;
    private final Path output;
    private final FileFormat outFormat;
    private final List<Assignment> assignments;
    private final PartitionFunction userFunction;
    private final String userClass;
    private final Placement placement;
    private final Reports reports;
    private final int blockBytes;
    private final String name;

    StreamedApply(Source source, Target target, Computation computation, Placement placement, Reports reports,
                  int blockBytes) {
        this.source = source;
        this.output = target.file();
        this.outFormat = target.format();
        this.assignments = computation.assignments();
        this.userFunction = computation.userFunction();
        this.userClass = computation.userClass();
        this.placement = placement;
        this.reports = reports;
        this.blockBytes = blockBytes(blockBytes, placement, source);
        this.name = inputName(source);
    }

    /** Returns whether {@code file} is {@code -}, standard input or output. */
    static boolean isStandard(Path file) {
        return file.toString().equals("-");
    }

    /**
     * Returns whether an input is read as a stream by default: standard input, a FIFO or other file that is not
     * regular, or a file larger than {@link #STREAM_ABOVE_BYTES} ({@link #STREAM_ABOVE_GZIP_BYTES} compressed).
     */
    static boolean streamsByDefault(Path input, boolean compressed) {
        if (isStandard(input)) {
            return true;
        }
        try {
            return Files.exists(input) && (!Files.isRegularFile(input)
                    || Files.size(input) > (compressed ? STREAM_ABOVE_GZIP_BYTES : STREAM_ABOVE_BYTES));
        } catch (IOException e) {
            return false; // the reader names the fault
        }
    }

    /**
     * Returns the block size for {@code threads} threads: a window of blocks, each held in several forms at once
     * (bytes, rows, values, results, output), takes about a tenth of the heap, between 256 KiB and 8 MiB a block;
     * and a file of {@code fileBytes} (-1 if not known) makes four blocks a thread at least, of 64 KiB or more.
     */
    static int defaultBlockBytes(int threads, long fileBytes) {
        long heap = Runtime.getRuntime().maxMemory();
        long perBlock = Math.max(256 << 10, Math.min(8 << 20, heap / 10 / window(threads) / 8));
        if (fileBytes >= 0) {
            perBlock = Math.min(perBlock, Math.max(MIN_BLOCK_BYTES, fileBytes / (4L * threads)));
        }
        return (int) perBlock;
    }

    /** Returns the block size given ({@code given} > 0), else the default for the placement's threads and the input. */
    static int blockBytes(int given, Placement placement, Source source) {
        return given > 0 ? given : defaultBlockBytes(placement.workers(), sizeOf(source));
    }

    /** Returns the input's name in messages: its path, or "standard input". */
    static String inputName(Source source) {
        return isStandard(source.file()) ? "standard input" : source.file().toString();
    }

    /** Returns the size of an uncompressed input file, or -1 for standard input, a pipe or a compressed file. */
    private static long sizeOf(Source source) {
        try {
            return !isStandard(source.file()) && source.format().compression() == Compression.NONE && Files.isRegularFile(source.file())
                    ? Files.size(source.file()) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Returns the blocks in flight for {@code threads} threads: each busy, and as many again ready. */
    static int window(int threads) {
        return 2 * threads + 1;
    }

    @Override
    public void run(PrintWriter err) throws IOException {
        ColumnType[] known = null;
        for (int attempt = 1; ; attempt++) {
            ColumnType[] retype = attempt(known, err, attempt);
            if (retype == null) {
                return;
            }
            known = retype;
        }
    }

    @Override
    public String describe(TaskFailedException e) {
        return (userFunction != null ? "--apply " + userClass : "an expression") + " failed: "
                + (e.getCause() != null ? e.getCause() : e.getMessage());
    }

    /**
     * What a block's task gives back: its census, and its formatted rows (CSV bytes, or a Parquet part to append) or
     * why there are none.
     */
    private record Done(StreamTyping.Part part, byte[] bytes, RuntimeException failure, long failedLine,
                        int failedRow, Path parquet) {
        Done(StreamTyping.Part part, byte[] bytes, RuntimeException failure, long failedLine, int failedRow) {
            this(part, bytes, failure, failedLine, failedRow, null);
        }
    }

    /** The time the tasks spent in each step, summed over the threads. */
    private static final class Steps {
        final AtomicLong scan = new AtomicLong();
        final AtomicLong compute = new AtomicLong();
        final AtomicLong format = new AtomicLong();
    }

    /**
     * Reads the input once, with the {@code known} types (null: the first block's), and writes the output; returns
     * null when done, or the types to read it again with.
     */
    private ColumnType[] attempt(ColumnType[] known, PrintWriter err, int attempt) throws IOException {
        Trace trace = new Trace();
        long t0 = trace.now();
        Steps steps = new Steps();
        int threads = placement.workers();
        boolean elsewhere = placement.backend() == Backend.processes || placement.backend() == Backend.spark;
        try (InputStream in = open();
             CsvStream stream = CsvStream.open(in, name, source.charset(), source.dialect(),
                     blockBytes);
             Output out = Output.open(output, outFormat);
             LocalThreads io = LocalThreads.start(threads);
             Pool pool = elsewhere ? placement.backend().open(threads, placement.master()) : null) {
            CsvReader header = stream.header();
            List<String> columns = header.columns();
            // A Parquet output holds every column typed, as the whole-file path types them.
            ColumnsRead read = ColumnsRead.of(header, assignments, source.types(),
                    userFunction != null || outFormat == FileFormat.PARQUET);
            read.notes().forEach(n -> err.println("note: " + n));
            int[] typed = read.typed();
            String[] readers = read.readers();
            ColumnType[] forced = read.forced();
            long scanStart = System.nanoTime();
            CsvFile first = header.read(typed, Runnable::run, 1);
            StreamTyping.Part firstPart = StreamTyping.of(first, forced);
            steps.scan.addAndGet(System.nanoTime() - scanStart);

            ColumnType[] types = known;
            PartitionFunction fn = null;
            if (types == null) {
                StreamTyping sample = new StreamTyping(name, columns, typed);
                sample.add(firstPart);
                types = read.finalTypes(assignments, columns, sample.chosenTypes(forced, readers));
            }
            try {
                fn = userFunction != null ? userFunction
                        : ExpressionFunction.compile(assignments, read.typesByName(columns, types));
            } catch (ExpressionException e) {
                if (known != null) {
                    throw e;
                }
                // The first block's types may not be the file's: the types of every row decide, at the end.
            }
            AtomicBoolean counting = new AtomicBoolean(fn == null);
            List<String> names = assignments.stream().map(Assignment::column).distinct().toList();
            ColumnType[] used = types;
            PartitionFunction function = fn;
            StreamTyping typing = new StreamTyping(name, columns, typed);

            Deque<CompletableFuture<Done>> inFlight = new ArrayDeque<>();
            String failure = null;
            ProgressBar bar = reports.progress() && System.console() != null ? new ProgressBar(err) : null;
            long inputBytes = sizeOf(source);
            int window = window(threads);
            inFlight.add(CompletableFuture.supplyAsync(() -> block(first, firstPart, true, used, readers, function,
                    names, pool, counting, steps, trace, out.sink), io));
            int blocks = 1;
            for (CsvStream.Block b = stream.next(); b != null; b = stream.next()) {
                while (inFlight.size() >= window) {
                    failure = consume(inFlight.removeFirst(), typing, out, counting, failure);
                    if (bar != null) {
                        bar.onBytes(stream.bytesRead(), inputBytes, out.written(), trace.now() - t0, false);
                    }
                }
                CsvStream.Block block = b;
                inFlight.add(CompletableFuture.supplyAsync(() -> {
                    long s = System.nanoTime();
                    CsvFile f = block.read(typed);
                    StreamTyping.Part p = StreamTyping.of(f, forced);
                    steps.scan.addAndGet(System.nanoTime() - s);
                    return block(f, p, false, used, readers, function, names, pool, counting, steps, trace, out.sink);
                }, io));
                blocks++;
            }
            while (!inFlight.isEmpty()) {
                failure = consume(inFlight.removeFirst(), typing, out, counting, failure);
            }
            if (bar != null) {
                bar.onBytes(stream.bytesRead(), inputBytes, out.written(), trace.now() - t0, true);
            }

            // As the whole-file path decides: a column of numbers that an expression uses as text is text, and
            // only then is a value that does not fit its column's type a failure.
            ColumnType[] chosen = typing.chosenTypes(forced, readers);
            ColumnType[] finalTypes = read.finalTypes(assignments, columns, chosen);
            ColumnType[] decided = forced.clone();
            for (int i = 0; i < decided.length; i++) {
                if (finalTypes[i] != chosen[i]) {
                    decided[i] = finalTypes[i];
                }
            }
            List<TypeChoice> choices = new ArrayList<>(typing.choices(decided, readers));
            for (int i = 0; i < decided.length; i++) {
                if (finalTypes[i] != chosen[i]) {
                    choices.set(i, new TypeChoice(columns.get(typed[i]), finalTypes[i], readers[i] + " uses it as text"));
                }
            }
            boolean typesHeld = fn != null && Arrays.equals(finalTypes, used);
            if (failure != null && typesHeld) {
                throw new JobFailedException(failure);
            }
            if (counting.get() || !typesHeld) {
                if (isStandard(source.file()) || !Files.isRegularFile(source.file())) {
                    throw new JobFailedException(retypeAdvice(columns, typed, used, finalTypes));
                }
                if (known != null) {
                    // Read with the types its every row gave, the file gave others: it changed while it was read.
                    throw new JobFailedException(name + " changed while it was read (its values gave other types the "
                            + "second time); run again when nothing writes it");
                }
                if (reports.explain()) {
                    err.println("note: the first rows gave other types than the whole input; it is read again");
                }
                return finalTypes;
            }
            out.commit();
            long t1 = trace.now();
            if (reports.explain()) {
                explain(err, blocks, typing.rows(), stream.bytesRead(), choices, finalTypes, steps, t1 - t0, attempt);
                ApplyJob.explainDelimiter(header.delimiter(), source, err);
            }
            return null;
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // such as OutOfMemoryError, which the command names with what to do
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Runs one block: converts its values, computes, formats; or only counts, once a block did not fit. */
    private Done block(CsvFile f, StreamTyping.Part part, boolean first, ColumnType[] types, String[] readers,
                       PartitionFunction fn, List<String> names, Pool pool, AtomicBoolean counting, Steps steps,
                       Trace trace, ParquetSink sink) {
        if (counting.get() || !part.convertible(types, readers)) {
            return new Done(part, null, null, 0, 0);
        }
        long s = System.nanoTime();
        long start = trace.now();
        DataFrame result;
        try {
            DataFrame frame = f.frame(types);
            result = pool == null ? fn.apply(frame) : pool.submit(fn, frame).join();
        } catch (ExpressionFailedException x) {
            return new Done(part, null, x, f.lineOfRow(x.row()), x.row());
        } catch (CompletionException e) {
            if (e.getCause() instanceof TaskFailedException t && t.getCause() instanceof ExpressionFailedException x) {
                return new Done(part, null, x, f.lineOfRow(x.row()), x.row());
            }
            return new Done(part, null, e.getCause() instanceof RuntimeException r ? r : e, -1, -1);
        } catch (RuntimeException e) {
            return new Done(part, null, e, -1, -1);
        }
        long c = System.nanoTime();
        steps.compute.addAndGet(c - s);
        byte[] bytes;
        if (sink != null) {
            try {
                Path encoded = sink.encode(result);
                steps.format.addAndGet(System.nanoTime() - c);
                return new Done(part, null, null, 0, 0, encoded);
            } catch (IOException e) {
                return new Done(part, null, new UncheckedIOException(e), -1, -1);
            } catch (RuntimeException e) {
                return new Done(part, null, e, -1, -1);
            }
        } else if (userFunction == null) {
            bytes = f.format(names, names.stream().<Series<?>>map(result::getColumn).toList(), first);
        } else {
            // The input's delimiter, quoting, null text and encoding, as the rows that --with writes back have them.
            CsvWriter.Format format = CsvWriter.Format.of(source.dialect(), f.delimiter(), source.charset());
            bytes = first && format.hasHeader() ? concat(format.header(result), format.rows(result)) : format.rows(result);
        }
        steps.format.addAndGet(System.nanoTime() - c);
        trace.add(Thread.currentThread().getName(), "block", start, trace.now(), f.rows() + " rows");
        return new Done(part, bytes, null, 0, 0);
    }

    /**
     * Takes the next block's outcome, in order: adds its census, and writes its rows, or stops the computing and
     * returns the first failure's message (the run fails with it only if the types used prove to be the file's: with
     * other types the expression may not fail at all, as {@code A / B} does not once {@code B} is a double).
     */
    private String consume(CompletableFuture<Done> next, StreamTyping typing, Output out, AtomicBoolean counting,
                           String failure) throws IOException {
        Done d = next.join();
        long rowsBefore = typing.rows();
        typing.add(d.part());
        if (d.failure() != null && !counting.get()) {
            counting.set(true);
            if (d.failure() instanceof ExpressionFailedException x) {
                return x.describe("on line " + d.failedLine() + " of " + name + ", data row "
                        + (rowsBefore + d.failedRow() + 1));
            }
            return (userFunction != null ? "--apply " + userClass : "an expression") + " failed: " + d.failure();
        }
        if (d.bytes() == null && d.parquet() == null) {
            counting.set(true);
        } else if (counting.get()) {
            out.discard(d);
        } else if (d.parquet() != null) {
            out.sink.append(d.parquet(), String.format(Locale.ROOT, "data rows %,d to %,d", rowsBefore + 1,
                    typing.rows()));
        } else {
            out.write(d.bytes());
        }
        return failure;
    }

    private String retypeAdvice(List<String> columns, int[] typed, ColumnType[] used, ColumnType[] finalTypes) {
        for (int i = 0; i < typed.length; i++) {
            if (used[i] != finalTypes[i]) {
                String c = columns.get(typed[i]);
                return name + ": column " + c + " is " + word(finalTypes[i]) + " over the whole input, but its first "
                        + "rows were read as " + word(used[i]) + " and their results written already (an input read "
                        + "as a stream cannot be read again); give --type " + c + "=" + word(finalTypes[i]);
            }
        }
        return name + ": a block's values did not fit the types of the first rows; give --type for the columns read";
    }

    private static String word(ColumnType t) {
        return t == ColumnType.STRING ? "text" : t.javaName();
    }

    private void explain(PrintWriter err, int blocks, long rows, long bytes, List<TypeChoice> choices,
                         ColumnType[] types, Steps steps, long nanos, int attempt) {
        err.println(String.format(Locale.ROOT, "plan: streamed: %,d rows in %,d blocks of about %s, up to %d in "
                        + "flight on %d threads; computed on %s%s", rows, blocks, bytesText(blockBytes),
                window(placement.workers()), placement.workers(),
                placement.backend() == Backend.processes || placement.backend() == Backend.spark
                        ? placement.backend() + " (" + placement.workers() + " workers)" : "the same threads",
                attempt > 1 ? "; read twice, as the first rows' types were not the file's" : ""));
        for (int i = 0; i < choices.size(); i++) {
            TypeChoice c = choices.get(i);
            err.println("column " + (c.type() == types[i] ? c
                    : new TypeChoice(c.column(), types[i], "an expression uses it as text")));
        }
        err.println("read " + bytesText(bytes) + "; in the threads: scan " + Durations.format(steps.scan.get())
                + ", compute " + Durations.format(steps.compute.get()) + ", format "
                + Durations.format(steps.format.get()) + "; total " + Durations.format(nanos));
    }

    static String bytesText(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20))
                : bytes >= 1 << 10 ? String.format(Locale.ROOT, "%,d KiB", bytes >> 10)
                : String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * Opens the input: the file, decompressed as its extension says, or standard input, which has no name to tell
     * by, decompressed as its first bytes say.
     */
    private InputStream open() throws IOException {
        return open(source, name);
    }

    /** Opens {@code source}'s input, named {@code name} in messages, as {@link #open()} says. */
    static InputStream open(Source source, String name) throws IOException {
        if (!isStandard(source.file())) {
            return FileBytes.openStream(source.file(), name, source.format().compression());
        }
        return Compression.detected(nonClosing(System.in));
    }

    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // Standard input stays open for whoever reads it next.
            }
        };
    }

    /**
     * Where the blocks go: a file, replaced only when the run succeeds (a {@link SafeOutput}), or standard output,
     * written as the blocks are done.
     */
    static final class Output implements AutoCloseable {
        private final SafeOutput file;
        private final OutputStream stream;
        /** The Parquet output's row groups, or null for CSV. */
        final ParquetSink sink;

        private Output(SafeOutput file, OutputStream stream, ParquetSink sink) {
            this.file = file;
            this.stream = stream;
            this.sink = sink;
        }

        static Output open(Path target, FileFormat format) throws IOException {
            if (format == FileFormat.PARQUET) {
                SafeOutput file = SafeOutput.open(target);
                return new Output(file, null, new ParquetSink(file));
            }
            Compression compression = format.compression();
            if (isStandard(target)) {
                PrintStream stdout = System.out;
                OutputStream checked = new FilterOutputStream(stdout) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        stdout.write(b, off, len);
                        if (stdout.checkError()) {
                            throw new IOException("standard output was closed (the reader of the pipe stopped)");
                        }
                    }

                    @Override
                    public void close() {
                        stdout.flush();
                    }
                };
                return new Output(null, compression.compress(checked), null);
            }
            SafeOutput file = SafeOutput.open(target);
            return new Output(file, compression.compress(file.stream()), null);
        }

        private long written;

        void write(byte[] bytes) throws IOException {
            stream.write(bytes);
            written += bytes.length;
        }

        /** Returns the CSV stream the rows go to, compressed as the target says; null for a Parquet output. */
        OutputStream stream() {
            return stream;
        }

        /** Returns the bytes written so far, before compression. */
        long written() {
            return written;
        }

        /** Deletes what a block made that is not written (its rows will be computed again). */
        void discard(Done d) throws IOException {
            if (d.parquet() != null) {
                sink.discard(d.parquet());
            }
        }

        void commit() throws IOException {
            if (sink != null) {
                sink.finish();
            } else {
                stream.close();
            }
            if (file != null) {
                file.commit();
            }
        }

        @Override
        public void close() {
            if (file != null) {
                file.close();
            }
        }
    }
}
