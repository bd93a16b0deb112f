package dev.chunkwise.cli;

import dev.chunkwise.cli.ApplySettings.Placement;
import dev.chunkwise.cli.ApplySettings.Reports;
import dev.chunkwise.cli.ApplySettings.Source;
import dev.chunkwise.cli.ApplySettings.Target;
import dev.chunkwise.cli.csv.CsvReader;
import dev.chunkwise.cli.csv.CsvWriter;
import dev.chunkwise.cli.csv.SafeOutput;
import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.DataFileException;
import dev.chunkwise.cli.data.TypeChoice;
import dev.chunkwise.cli.expr.AggregateCalls;
import dev.chunkwise.cli.expr.AggregateSpec;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.cli.expr.ExpressionException;
import dev.chunkwise.cli.expr.ExpressionFailedException;
import dev.chunkwise.cli.expr.ExpressionFunction;
import dev.chunkwise.cli.work.LocalThreads;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.ParallelApply;
import dev.chunkwise.frame.ParallelGroupBy;
import dev.chunkwise.frame.PartitionFailedException;
import dev.chunkwise.frame.RunReport;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.time.Durations;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code chunkwise apply --group-by} run, from settings already checked: reads the CSV input (the keys as text),
 * then either reduces each group to one row ({@code --agg}: the keys, then the aggregates, groups in the order of
 * their first row) or keeps every row and computes {@code --with} expressions that may use group aggregates
 * ({@code Z = (A - mean(A)) / std(A)}: the aggregates per group first, as columns, then the expressions row by row,
 * every other byte of the input copied as it was). The groups are reduced by {@link Parallel#groupBy} on the backend
 * the settings give (hot keys split), and the output appears only when every step succeeded.
 */
final class GroupJob implements ApplyRun {

    private final Source source;
    private final Target target;
    private final GroupSpec spec;
    private final Placement placement;
    private final Reports reports;
    /** The input, once read: a failure on a row names the row's line in the file. */
    private GroupInput read;

    GroupJob(Source source, Target target, GroupSpec spec, Placement placement, Reports reports) {
        this.source = source;
        this.target = target;
        this.spec = spec;
        this.placement = placement;
        this.reports = reports;
    }

    /** The time each step took, for {@code --explain}. */
    private static final class Steps {
        final long start = System.nanoTime();
        long read;
        long group;
        long compute;
        long write;

        long lap(long since) {
            return System.nanoTime() - since;
        }
    }

    /**
     * Runs the job, printing notes and, with {@code --explain}, how the groups were scheduled (and a hot key), the
     * plan of the row-wise step, the columns' types and the time of each step to {@code err}.
     *
     * @throws UsageException      naming the argument: a key or a column the file does not have, an aggregate that
     *                             needs numbers of a text column, a result named as a key
     * @throws ExpressionException for a {@code --with} that does not compile, quoting it as given
     * @throws DataFileException   naming the file and the line for input that cannot be read
     * @throws TaskFailedException if an expression failed on a row: {@link #describe} says where
     * @throws IOException         if a file cannot be written
     */
    @Override
    public void run(PrintWriter err) throws IOException {
        Steps steps = new Steps();
        try (SafeOutput out = SafeOutput.open(target.file()); LocalThreads io = LocalThreads.start(placement.workers());
             Pool pool = placement.planned() ? null : pool()) {
            CsvReader reader = CsvReader.open(source.file(), source.charset(), source.format().compression(),
                    source.dialect());
            List<String> keys = GroupInput.keyColumns(spec.keys(), reader.columns());
            if (spec.oneRowPerGroup()) {
                aggregate(reader, keys, out, io, pool, steps, err);
            } else {
                transform(reader, keys, out, io, pool, steps, err);
            }
        }
    }

    /**
     * Says which expression failed on which data row (counting from 1, the header not counted), on which line of the
     * file, and the values it read there (a group aggregate under its call, such as {@code `mean(A)`}); any other
     * failure as it was reported.
     */
    @Override
    public String describe(TaskFailedException e) {
        if (e instanceof PartitionFailedException p && p.getCause() instanceof ExpressionFailedException x) {
            long row = p.firstRow() + x.row();
            String where = read != null ? "on line " + read.csv.lineOfRow(row) + " of " + source.file()
                    + ", data row " + (row + 1) : "on data row " + (row + 1);
            return x.describe(where);
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    // --agg ----------------------------------------------------------------------------------------------------------

    private void aggregate(CsvReader reader, List<String> keys, SafeOutput out, LocalThreads io, Pool pool,
                           Steps steps, PrintWriter err) throws IOException {
        Map<String, String> readers = aggregateReaders(spec, keys, reader.columns());
        List<AggregateFrame.Wanted> wanted = new ArrayList<>();
        for (AggregateSpec a : spec.aggregates()) {
            wanted.add(new AggregateFrame.Wanted(a.function(), a.column(), a.name()));
        }
        GroupInput in = read = GroupInput.read(reader, spec.keysText(), keys, readers, source.types(), io,
                placement.partitions());
        steps.read = steps.lap(steps.start);
        in.notes.forEach(n -> err.println("note: " + n));
        for (AggregateSpec a : spec.aggregates()) {
            if (a.numeric()) {
                checkNumbers("--agg '" + a.text() + "'", a.function(), a.column(), in.choices.get(a.column()));
            }
        }

        long t = System.nanoTime();
        AggregateFrame af = AggregateFrame.of(in.frame, wanted);
        ParallelGroupBy groups = groupBy(af.frame(), in.keys, pool);
        List<String> names = new ArrayList<>(keys);
        spec.aggregates().forEach(a -> names.add(a.name()));
        DataFrame result = af.finish(groups.agg(af.aggregates()), names);
        steps.group = steps.lap(t);

        t = System.nanoTime();
        if (target.format() == FileFormat.PARQUET) {
            out.stream().close();
            ParquetFiles.write(result, out, io, io.count(), placement.partitions());
        } else {
            try (OutputStream stream = target.format().compression().compress(out.stream())) {
                CsvWriter.Format.of(source.dialect(), reader.delimiter(), source.charset())
                        .write(result, stream, io, placement.partitions());
            }
        }
        out.commit();
        steps.write = steps.lap(t);
        if (reports.explain()) {
            err.println(groups.explain());
            printColumns(in, err);
            err.println("read " + Durations.format(steps.read) + ", group " + Durations.format(steps.group)
                    + ", write " + Durations.format(steps.write) + ", total " + Durations.format(steps.lap(steps.start)));
        }
    }

    /**
     * Checks {@code spec}'s {@code --agg} aggregates against the file's {@code header} and returns the columns they
     * read, each with the first {@code --agg} that reads it (such as {@code "--agg 'S = sum(B)'"}).
     *
     * @throws UsageException naming the {@code --agg}: a result named as a key, a column the file does not have, a key
     *                        reduced
     */
    static Map<String, String> aggregateReaders(GroupSpec spec, List<String> keys, List<String> header) {
        Map<String, String> readers = new LinkedHashMap<>();
        for (AggregateSpec a : spec.aggregates()) {
            if (keys.contains(a.name())) {
                throw new UsageException("--agg '" + a.text() + "': " + a.name() + " is a --group-by key, which the "
                        + "output has already; name the result otherwise");
            }
            if (a.column() != null) {
                if (!header.contains(a.column())) {
                    throw new UsageException("--agg '" + a.text() + "': the file has no column " + a.column()
                            + " (its columns are " + String.join(", ", header) + ")");
                }
                if (keys.contains(a.column())) {
                    throw new UsageException("--agg '" + a.text() + "': " + a.column() + " is a --group-by key, which "
                            + "has one value per group and is in the output already; reduce another column");
                }
                readers.putIfAbsent(a.column(), "--agg '" + a.text() + "'");
            }
        }
        return readers;
    }

    // --with ---------------------------------------------------------------------------------------------------------

    private void transform(CsvReader reader, List<String> keys, SafeOutput out, LocalThreads io, Pool pool,
                           Steps steps, PrintWriter err) throws IOException {
        List<String> header = reader.columns();
        TransformReads reads = TransformReads.of(spec, header, keys, err);
        List<AggregateCalls.Use> uses = reads.uses();
        Set<String> hidden = reads.hidden();
        List<String> exprRead = reads.exprRead();
        Map<String, String> readers = reads.readers();
        List<AggregateFrame.Wanted> wanted = new ArrayList<>();
        for (AggregateCalls.Use u : uses) {
            wanted.add(new AggregateFrame.Wanted(u.function(), u.input(), u.column()));
        }
        GroupInput in = read = GroupInput.read(reader, spec.keysText(), keys, readers, source.types(), io,
                placement.partitions());
        steps.read = steps.lap(steps.start);
        in.notes.forEach(n -> err.println("note: " + n));

        Map<String, ColumnType> types = reads.types(header, in.choices);
        ExpressionFunction fn = reads.compile(types);

        long t = System.nanoTime();
        List<String> labels = new ArrayList<>(exprRead);
        List<Series<?>> columns = new ArrayList<>();
        exprRead.forEach(c -> columns.add(in.frame.getColumn(c)));
        ParallelGroupBy groups = null;
        if (!uses.isEmpty()) {
            AggregateFrame af = AggregateFrame.of(in.frame, wanted);
            groups = groupBy(af.frame(), in.keys, pool);
            DataFrame perRow = af.finish(groups.withAggregates(af.aggregates()), List.copyOf(hidden));
            for (String h : hidden) {
                ColumnType type = types.get(h);
                labels.add(h);
                columns.add(type.series(type.array(perRow.getColumn(h))));
            }
        }
        if (labels.isEmpty()) {
            labels.add(in.keys.get(0)); // carries the row count for expressions that read no column
            columns.add(in.frame.getColumn(in.keys.get(0)));
        }
        DataFrame frame = DataFrame.byColumn(labels.toArray(String[]::new)).of(columns.toArray(Series<?>[]::new));
        steps.group = steps.lap(t);

        t = System.nanoTime();
        RunReport report = compute(frame, fn, pool, err);
        DataFrame result = report.result();
        steps.compute = steps.lap(t);

        t = System.nanoTime();
        try (OutputStream stream = target.format().compression().compress(out.stream())) {
            List<String> names = spec.assignments().stream().map(Assignment::column).distinct().toList();
            in.csv.write(stream, names, names.stream().<Series<?>>map(result::getColumn).toList(), io);
        }
        out.commit();
        steps.write = steps.lap(t);
        if (reports.explain()) {
            if (groups != null) {
                err.println(groups.explain());
            }
            err.println(report.plan());
            printColumns(in, err);
            err.println("read " + Durations.format(steps.read) + ", group " + Durations.format(steps.group)
                    + ", compute " + Durations.format(steps.compute) + " (predicted "
                    + Durations.format(report.predictedNanos()) + "), write "
                    + Durations.format(steps.write) + ", total " + Durations.format(steps.lap(steps.start)));
        }
    }

    /** The row-wise step: the expressions over the frame, on the pool given or where the planner chooses. */
    private RunReport compute(DataFrame frame, ExpressionFunction fn, Pool pool, PrintWriter err) {
        ParallelApply apply = Parallel.apply(frame, fn);
        if (reports.progress() && System.console() != null) {
            apply.progress(new ProgressBar(err));
        }
        if (pool == null) {
            return apply.runReport();
        }
        return (placement.partitionsGiven() ? apply.partitions(placement.partitions()) : apply).on(pool).runReport();
    }

    // ----------------------------------------------------------------------------------------------------------------

    private Pool pool() {
        Backend backend = placement.backend() == Backend.auto ? Backend.threads : placement.backend();
        return backend.open(placement.workers(), placement.master());
    }

    private static ParallelGroupBy groupBy(DataFrame df, List<String> keys, Pool pool) {
        ParallelGroupBy g = Parallel.groupBy(df, keys.get(0), keys.subList(1, keys.size()).toArray(String[]::new));
        return pool == null ? g : g.on(pool);
    }

    /**
     * Checks that {@code column}, which {@code function} reduces, was read as numbers.
     *
     * @throws UsageException naming the argument, the column, its type and why it has it
     */
    static void checkNumbers(String argument, String function, String column, TypeChoice choice) {
        ColumnType t = choice.type();
        if (t == ColumnType.STRING || t == ColumnType.BOOLEAN) {
            throw new UsageException(argument + ": " + function + " needs numbers, but " + column + " is read as "
                    + (t == ColumnType.STRING ? "text" : "true/false") + " (" + choice.reason() + "); count, first "
                    + "and last take any column, and --type " + column + "=double reads it as numbers");
        }
    }

    private static void printColumns(GroupInput in, PrintWriter err) {
        for (TypeChoice c : in.choices.values()) {
            err.println("column " + c);
        }
    }
}
