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
import dev.chunkwise.cli.expr.AggregateSpec;
import dev.chunkwise.cli.work.LocalThreads;
import dev.chunkwise.frame.Frames;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.time.Durations;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code chunkwise apply --group-by KEY --agg …} run over a CSV input read as a stream ({@link GroupScan}): one row
 * per group, the keys then the aggregates, groups in order of their first row, written as the whole-file path
 * ({@link GroupJob}) writes them — the same columns, types, numbers and dialect — once the whole input is read. Memory
 * is bounded by the number of groups and the window of blocks; standard input can be read.
 *
 * <p>Which values equal the whole-file path's to the bit: counts, int and long sums, mins, maxes, firsts and lasts
 * always; a double sum, a mean, a variance and a standard deviation where a group lies within one block (and, as on
 * the whole-file path, is not a hot key split among workers); otherwise they are summed block by block and may differ
 * in the last bits (see {@code docs/csv.md}).
 */
final class StreamedGroupBy implements ApplyRun {

    private final Source source;
    private final Target target;
    private final GroupSpec spec;
    private final Placement placement;
    private final Reports reports;
    private final int blockBytes;
    private final String name;

    StreamedGroupBy(Source source, Target target, GroupSpec spec, Placement placement, Reports reports,
                    int blockBytes) {
        this.source = source;
        this.target = target;
        this.spec = spec;
        this.placement = placement;
        this.reports = reports;
        this.name = StreamedApply.inputName(source);
        this.blockBytes = StreamedApply.blockBytes(blockBytes, placement, source);
    }

    /**
     * Runs the job; with {@code --explain}, prints that it streamed, its blocks and groups, the columns' types and the
     * time of each phase to {@code err}.
     *
     * @throws UsageException naming the argument, as the whole-file path does
     * @throws DataFileException naming the file and the line for input that cannot be read
     * @throws IOException if the output cannot be written
     */
    @Override
    public void run(PrintWriter err) throws IOException {
        long start = System.nanoTime();
        try (SafeOutput file = target.format() == FileFormat.PARQUET ? SafeOutput.open(target.file()) : null;
             StreamedApply.Output csvOut = file == null ? StreamedApply.Output.open(target.file(), target.format()) : null;
             LocalThreads io = LocalThreads.start(placement.workers());
             GroupScan scan = GroupScan.open(source, name, blockBytes)) {
            CsvReader header = scan.header();
            List<String> columns = header.columns();
            List<String> keys = GroupInput.keyColumns(spec.keys(), columns);
            Map<String, String> readers = GroupJob.aggregateReaders(spec, keys, columns);
            List<String> notes = GroupInput.typeNotes(columns, keys, readers, source.types());
            Typed typed = Typed.of(header, keys, readers, source.types(), spec.keysText());

            GroupTotals.Kind[] kinds = new GroupTotals.Kind[spec.aggregates().size()];
            int[] slots = new int[kinds.length];
            for (int a = 0; a < kinds.length; a++) {
                AggregateSpec s = spec.aggregates().get(a);
                kinds[a] = GroupTotals.Kind.of(s.function());
                slots[a] = s.column() == null ? -1 : typed.names.indexOf(s.column());
            }
            GroupScan.Columns c = new GroupScan.Columns(typed.indexes, typed.forced, typed.readers, keys.size(), kinds,
                    slots);
            scan.run(c, io);
            long read = System.nanoTime() - start;
            Map<String, TypeChoice> choices = typed.choices(scan.types(c), keys, source.types());
            notes.forEach(n -> err.println("note: " + n));
            for (AggregateSpec a : spec.aggregates()) {
                if (a.numeric()) {
                    GroupJob.checkNumbers("--agg '" + a.text() + "'", a.function(), a.column(), choices.get(a.column()));
                }
            }

            long t = System.nanoTime();
            List<String> labels = new ArrayList<>(keys);
            List<Series<?>> result = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                Object[] values = new Object[scan.keys().size()];
                for (int g = 0; g < values.length; g++) {
                    values[g] = scan.keys().get(g)[k];
                }
                result.add(Frames.column(values));
            }
            for (int a = 0; a < kinds.length; a++) {
                AggregateSpec s = spec.aggregates().get(a);
                labels.add(s.name());
                result.add(scan.totals().series(a, s.column() == null ? null : choices.get(s.column()).type()));
            }
            DataFrame frame = DataFrame.byColumn(labels.toArray(String[]::new)).of(result.toArray(Series<?>[]::new));
            if (file != null) {
                file.stream().close();
                ParquetFiles.write(frame, file, io, io.count(), placement.partitions());
                file.commit();
            } else {
                CsvWriter.Format.of(source.dialect(), header.delimiter(), source.charset())
                        .write(frame, csvOut.stream(), io, placement.partitions());
                csvOut.commit();
            }
            long write = System.nanoTime() - t;
            if (reports.explain()) {
                err.println(String.format(Locale.ROOT, "plan: streamed --group-by: %,d rows in %,d blocks of about %s, "
                                + "up to %d in flight on %d threads; %,d groups", scan.rows(), scan.blocks(),
                        StreamedApply.bytesText(scan.blockBytes()), StreamedApply.window(io.count()), io.count(),
                        scan.keys().size()));
                choices.values().forEach(x -> err.println("column " + x));
                err.println("read " + StreamedApply.bytesText(scan.bytesRead()) + " in " + Durations.format(read)
                        + "; in the threads: scan " + Durations.format(scan.times.scan.get()) + ", group "
                        + Durations.format(scan.times.group.get()) + "; merge " + Durations.format(scan.times.merge)
                        + ", write " + Durations.format(write) + ", total " + Durations.format(System.nanoTime() - start));
                ApplyJob.explainDelimiter(header.delimiter(), source, err);
            }
        }
    }

    /**
     * The columns a streamed group pass types, as {@link GroupInput#read} types them: the keys (as text unless
     * {@code --type} says otherwise, read by {@code --group-by}), then the columns the arguments read.
     */
    static final class Typed {
        final List<String> names;
        final int[] indexes;
        final ColumnType[] forced;
        final String[] readers;

        private Typed(List<String> names, int[] indexes, ColumnType[] forced, String[] readers) {
            this.names = names;
            this.indexes = indexes;
            this.forced = forced;
            this.readers = readers;
        }

        static Typed of(CsvReader header, List<String> keys, Map<String, String> readers,
                        Map<String, ColumnType> forcedTypes, String keysText) {
            List<String> names = new ArrayList<>(keys);
            readers.keySet().stream().filter(c -> !keys.contains(c)).forEach(names::add);
            ColumnType[] forced = new ColumnType[names.size()];
            String[] readerOf = new String[names.size()];
            int[] indexes = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                String c = names.get(i);
                boolean key = i < keys.size();
                forced[i] = key ? forcedTypes.getOrDefault(c, ColumnType.STRING) : forcedTypes.get(c);
                readerOf[i] = key ? "--group-by " + keysText : readers.get(c);
                indexes[i] = header.indexOf(c);
            }
            return new Typed(names, indexes, forced, readerOf);
        }

        /**
         * Returns each column's type and why, by name, as the whole-file path says them: a key read as text by
         * {@code --group-by}, or as an expression that reads it types it.
         */
        Map<String, TypeChoice> choices(List<TypeChoice> chosen, List<String> keys, Map<String, ColumnType> forcedTypes) {
            return choices(chosen, null, keys, forcedTypes);
        }

        /**
         * As {@link #choices(List, List, Map)}, with {@code again} the types of the keys that an expression reads as
         * their own type too ({@link #forExpressions}): said after the other columns, as the whole-file path says
         * them.
         */
        Map<String, TypeChoice> choices(List<TypeChoice> chosen, Map<String, TypeChoice> again, List<String> keys,
                                        Map<String, ColumnType> forcedTypes) {
            Map<String, TypeChoice> choices = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String c = names.get(i);
                TypeChoice choice = chosen.get(i);
                if (i < keys.size() && again != null && again.containsKey(c)) {
                    continue;
                }
                if (i < keys.size() && !forcedTypes.containsKey(c)) {
                    choice = new TypeChoice(c, ColumnType.STRING, "a --group-by key, read as text");
                }
                choices.put(c, choice);
            }
            if (again != null) {
                choices.putAll(again);
            }
            return choices;
        }

        /**
         * Returns the types and readers of the columns with each key in {@code both} typed for the expression that
         * reads it ({@code readers}) or as {@code --type} says, rather than as a key: arrays for
         * {@link GroupScan#types(ColumnType[], String[])}.
         */
        Object[] forExpressions(List<String> both, Map<String, String> readers, Map<String, ColumnType> forcedTypes) {
            ColumnType[] f = forced.clone();
            String[] r = this.readers.clone();
            for (String c : both) {
                int i = names.indexOf(c);
                f[i] = forcedTypes.get(c);
                r[i] = readers.get(c);
            }
            return new Object[]{f, r};
        }
    }

    @Override
    public String describe(TaskFailedException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
