package dev.chunkwise.cli;

import dev.chunkwise.cli.ApplySettings.Computation;
import dev.chunkwise.cli.ApplySettings.Placement;
import dev.chunkwise.cli.ApplySettings.Reports;
import dev.chunkwise.cli.ApplySettings.Source;
import dev.chunkwise.cli.ApplySettings.Target;
import dev.chunkwise.cli.csv.CsvWriter;
import dev.chunkwise.cli.csv.Delimiters;
import dev.chunkwise.cli.csv.SafeOutput;
import dev.chunkwise.cli.data.DataFileException;
import dev.chunkwise.cli.data.TypeChoice;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.cli.expr.ExpressionCompiler;
import dev.chunkwise.cli.expr.ExpressionFailedException;
import dev.chunkwise.cli.work.LocalThreads;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.ParallelApply;
import dev.chunkwise.frame.PartitionFailedException;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.frame.RunReport;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.time.Durations;
import dev.chunkwise.trace.ChromeTrace;
import dev.chunkwise.trace.SvgTimeline;
import dev.chunkwise.trace.Trace;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One run of {@code chunkwise apply}, from settings already checked: reads the input, compiles the function, computes
 * the new columns on a backend and writes the output, each step timed for {@code --explain} and {@code --trace}; then
 * learns this machine's file rates. The output appears only when every step succeeded.
 *
 * <p>Reading and writing run on threads of this JVM ({@link LocalThreads}), whatever the backend that computes. The
 * settings come grouped as {@link ApplySettings} says.
 */
final class ApplyJob implements ApplyRun {

    // The files and the function are kept apart from their records as well, so that run() reads as the steps.
    private final Path input;
    private final FileFormat inFormat;
    private final Source source;
    private final Path output;
    private final FileFormat outFormat;
    private final Computation computation;
    private final List<Assignment> assignments;
    private final PartitionFunction userFunction;
    private final Placement placement;
    private final Reports reports;
    /** The input, once read: a failure on a row names the row's line in the file. */
    private ApplyInput read;

    ApplyJob(Source source, Target target, Computation computation, Placement placement, Reports reports) {
        this.source = source;
        this.input = source.file();
        this.inFormat = source.format();
        this.output = target.file();
        this.outFormat = target.format();
        this.computation = computation;
        this.assignments = computation.assignments();
        this.userFunction = computation.userFunction();
        this.placement = placement;
        this.reports = reports;
    }

    /**
     * Runs the job, printing notes and, with {@code --explain}, the plan and the time of each step to {@code err}.
     *
     * @throws UsageException      for a {@code --type} of a column the file does not have, or an expression that
     *                             names a column the header has twice
     * @throws DataFileException   naming the file and the line for input that cannot be read
     * @throws TaskFailedException if the function failed on a partition: {@link #describe} says where
     * @throws IOException         if a file cannot be written
     */
    @Override
    public void run(PrintWriter err) throws IOException {
        ExpressionCompiler.warmUpIfNeeded(assignments);
        Trace trace = new Trace();
        FileRates rates = FileRates.load();
        try (SafeOutput out = SafeOutput.open(output); LocalThreads io = LocalThreads.start(placement.workers())) {
            long t0 = trace.now();
            ApplyInput in = read = read(io);
            long t1 = trace.now();
            long inputBytes = Files.size(input);
            trace.add("caller", "read", t0, t1, in.table.frame().height() + " rows");
            PartitionFunction fn = compile(in);
            long t2 = trace.now();
            trace.add("caller", "compile", t1, t2, userFunction != null ? computation.userClass()
                    : assignments.size() + " expressions");
            in.notes.forEach(n -> err.println("note: " + n));

            RunReport report = compute(in.table.frame(), fn, trace, err);
            DataFrame result = report.result();
            long t3 = trace.now();
            write(result, in, out, io);
            out.commit();
            long t4 = trace.now();
            trace.add("caller", "write", t3, t4, result.height() + " rows");
            long values = (long) result.height() * result.width();
            if (reports.explain()) {
                // After the run, so that printing the plan (cold code in a one-shot JVM) is not timed as the work.
                err.println(report.plan());
                if (in.csv != null) {
                    explainDelimiter(in.csv.delimiter(), source, err);
                }
                for (TypeChoice c : in.table.choices()) {
                    err.println("column " + c);
                }
                err.println("read " + Durations.format(t1 - t0) + " ("
                        + FileRates.predicted(rates.predictRead(inFormat, inputBytes)) + "), compute "
                        + Durations.format(t3 - t2) + " (predicted "
                        + Durations.format(report.predictedNanos()) + "), write "
                        + Durations.format(t4 - t3) + " (" + FileRates.predicted(rates.predictWrite(outFormat, values))
                        + "), total " + Durations.format(t4 - t0));
            }
            rates.learn(inFormat, inputBytes, t1 - t0, outFormat, values, t4 - t3);
            rates.store();
            writeTraceFiles(trace);
        }
    }

    /**
     * Says which expression failed on which data row (counting from 1, the header not counted) and the values it
     * read there, with the expression's exception; for a class of the user's, which one failed and why.
     */
    @Override
    public String describe(TaskFailedException e) {
        if (e instanceof PartitionFailedException p && p.getCause() instanceof ExpressionFailedException x) {
            long row = p.firstRow() + x.row();
            String where = read != null && read.csv != null
                    ? "on line " + read.csv.lineOfRow(row) + " of " + input + ", data row " + (row + 1)
                    : "on data row " + (row + 1);
            return x.describe(where);
        }
        return (userFunction != null ? "--apply " + computation.userClass() : "an expression") + " failed: "
                + (e.getCause() != null ? e.getCause() : e.getMessage());
    }

    /** Says which delimiter a CSV input was read with and why, under {@code --explain}, unless it is a comma. */
    static void explainDelimiter(byte delimiter, Source source, PrintWriter err) {
        if (delimiter != ',') {
            err.println("delimiter " + Delimiters.name(delimiter)
                    + (source.dialect().delimiter() != null ? " (--delimiter)" : " (detected from the first lines)"));
        }
    }

    /** The read step: the input's columns, typed for the function (every column for a class or a Parquet output). */
    private ApplyInput read(Executor io) {
        if (inFormat == FileFormat.PARQUET) {
            return ApplyInput.ofFrame(ParquetFiles.read(input, io, placement.workers()), assignments);
        }
        return ApplyInput.readCsv(input, source.charset(), inFormat.compression(), source.dialect(),
                assignments,
                source.types(),
                userFunction != null || outFormat == FileFormat.PARQUET, io, placement.partitions());
    }

    /** The compile step: the user's class as it is, or the expressions compiled against the columns' types. */
    private PartitionFunction compile(ApplyInput in) {
        return userFunction != null ? userFunction : in.expressions();
    }

    /** The compute step: the function over the frame's partitions, on the backend given or the one the planner chose. */
    private RunReport compute(DataFrame frame, PartitionFunction fn, Trace trace, PrintWriter err) {
        ParallelApply apply = Parallel.apply(frame, fn).trace(trace);
        if (reports.progress() && System.console() != null) {
            apply.progress(new ProgressBar(err));
        }
        if (placement.planned()) {
            return apply.runReport();
        }
        Backend backend = placement.backend() == Backend.auto ? Backend.threads : placement.backend();
        try (Pool compute = backend.open(placement.workers(), placement.master())) {
            return (placement.partitionsGiven() ? apply.partitions(placement.partitions()) : apply).on(compute)
                    .runReport();
        }
    }

    /**
     * The write step, into {@code out}'s temporary file: a CSV input written back with the computed columns set (every
     * other field as it was read), or the result frame formatted as CSV or Parquet.
     */
    private void write(DataFrame result, ApplyInput in, SafeOutput out, LocalThreads io) throws IOException {
        if (outFormat == FileFormat.PARQUET) {
            out.stream().close();
            ParquetFiles.write(result, out, io, io.count(), placement.partitions());
            return;
        }
        try (OutputStream stream = outFormat.compression().compress(out.stream())) {
            if (in.csv != null && userFunction == null) {
                List<String> names = assignedColumns(assignments);
                in.csv.write(stream, names, names.stream().<Series<?>>map(result::getColumn).toList(), io);
            } else {
                // A CSV input's output in its own delimiter, quoting, null text, encoding and header (or none).
                CsvWriter.Format format = in.csv == null ? CsvWriter.Format.RFC_4180
                        : CsvWriter.Format.of(source.dialect(), in.csv.delimiter(), source.charset());
                format.write(result, stream, io, placement.partitions());
            }
        }
    }

    /** The columns the assignments set, each once, in the order of their first assignment. */
    private static List<String> assignedColumns(List<Assignment> assignments) {
        return assignments.stream().map(Assignment::column).distinct().toList();
    }

    private void writeTraceFiles(Trace trace) throws IOException {
        Path tracePath = reports.trace();
        Path timelinePath = reports.timeline();
        if (tracePath != null) {
            try (SafeOutput out = SafeOutput.open(tracePath);
                 Writer w = new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8)) {
                ChromeTrace.write(trace, w);
                w.flush();
                out.commit();
            }
        }
        if (timelinePath != null) {
            try (SafeOutput out = SafeOutput.open(timelinePath);
                 Writer w = new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8)) {
                SvgTimeline.write(trace, "chunkwise apply " + input.getFileName(), w);
                w.flush();
                out.commit();
            }
        }
    }
}
