package dev.chunkwise.cli;

import dev.chunkwise.cli.ApplySettings.Placement;
import dev.chunkwise.cli.ApplySettings.Reports;
import dev.chunkwise.cli.ApplySettings.Source;
import dev.chunkwise.cli.ApplySettings.Target;
import dev.chunkwise.cli.csv.BlockKeys;
import dev.chunkwise.cli.csv.CsvFile;
import dev.chunkwise.cli.csv.CsvReader;
import dev.chunkwise.cli.csv.CsvStream;
import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;
import dev.chunkwise.cli.expr.AggregateCalls;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.cli.expr.ExpressionFailedException;
import dev.chunkwise.cli.expr.ExpressionFunction;
import dev.chunkwise.cli.work.LocalThreads;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.time.Durations;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code chunkwise apply --group-by KEY --with 'Z = (A - mean(A)) / std(A)'} run over a CSV input read as a stream,
 * in two passes: the first reduces the groups to the aggregates the expressions use ({@link GroupScan}) and types
 * every column read over the whole file; the second reads the blocks again, a window at a time on the local threads,
 * and computes the expressions of each row with its group's aggregates, every other byte of the row copied as it was
 * (as {@link StreamedApply} does). Memory is bounded by the number of groups and the window of blocks. Standard input,
 * which cannot be read twice, is first copied to a temporary file, removed when the run ends.
 */
final class StreamedGroupTransform implements ApplyRun {

    private final Source source;
    private final Target target;
    private final GroupSpec spec;
    private final Placement placement;
    private final Reports reports;
    private final int blockBytes;
    private final String name;

    StreamedGroupTransform(Source source, Target target, GroupSpec spec, Placement placement, Reports reports,
                           int blockBytes) {
        this.source = source;
        this.target = target;
        this.spec = spec;
        this.placement = placement;
        this.reports = reports;
        this.name = StreamedApply.inputName(source);
        this.blockBytes = StreamedApply.blockBytes(blockBytes, placement, source);
    }

    /** What a block's task of the second pass gives back: its formatted rows, or its first failure. */
    private record Done(byte[] bytes, long rows, String failure, ExpressionFailedException failed, long failedLine) {
    }

    @Override
    public void run(PrintWriter err) throws IOException {
        if (!StreamedApply.isStandard(source.file())) {
            run(source, err);
            return;
        }
        Path spool = Files.createTempFile("chunkwise-stdin-", ".csv");
        spool.toFile().deleteOnExit();
        try {
            try (InputStream in = StreamedApply.open(source, name)) {
                Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            }
            run(new Source(spool, FileFormat.CSV, source.charset(), source.types(), source.dialect()), err);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private void run(Source input, PrintWriter err) throws IOException {
        long start = System.nanoTime();
        try (StreamedApply.Output out = StreamedApply.Output.open(target.file(), target.format());
             LocalThreads io = LocalThreads.start(placement.workers());
             GroupScan scan = GroupScan.open(input, name, blockBytes)) {
            CsvReader header = scan.header();
            List<String> columns = header.columns();
            List<String> keys = GroupInput.keyColumns(spec.keys(), columns);
            TransformReads reads = TransformReads.of(spec, columns, keys, err);
            List<AggregateCalls.Use> uses = reads.uses();
            List<String> exprRead = reads.exprRead();
            Map<String, String> readers = reads.readers();
            List<String> notes = GroupInput.typeNotes(columns, keys, readers, source.types());
            StreamedGroupBy.Typed typed = StreamedGroupBy.Typed.of(header, keys, readers, source.types(),
                    spec.keysText());
            GroupTotals.Kind[] kinds = new GroupTotals.Kind[uses.size()];
            int[] slots = new int[kinds.length];
            for (int a = 0; a < kinds.length; a++) {
                kinds[a] = GroupTotals.Kind.of(uses.get(a).function());
                slots[a] = uses.get(a).input() == null ? -1 : typed.names.indexOf(uses.get(a).input());
            }
            GroupScan.Columns c = new GroupScan.Columns(typed.indexes, typed.forced, typed.readers, keys.size(), kinds,
                    slots);
            scan.run(c, io);
            long pass1 = System.nanoTime() - start;
            List<TypeChoice> chosen = scan.types(c);
            List<String> both = keys.stream().filter(readers::containsKey).toList();
            Map<String, TypeChoice> again = null;
            if (!both.isEmpty()) {
                // A key an expression reads as its own type too: typed again, for the expression.
                Object[] fr = typed.forExpressions(both, readers, source.types());
                List<TypeChoice> asRead = scan.types((ColumnType[]) fr[0], (String[]) fr[1]);
                again = new LinkedHashMap<>();
                for (String k : both) {
                    again.put(k, asRead.get(keys.indexOf(k)));
                }
            }
            Map<String, TypeChoice> choices = typed.choices(chosen, again, keys, source.types());
            notes.forEach(n -> err.println("note: " + n));

            Map<String, ColumnType> types = reads.types(columns, choices);
            ExpressionFunction fn = reads.compile(types);
            // Each group's aggregates, once, in the type the expressions read them as.
            List<String> hiddenNames = new ArrayList<>();
            List<Object> perGroup = new ArrayList<>();
            for (int a = 0; a < uses.size(); a++) {
                String h = uses.get(a).column();
                if (hiddenNames.contains(h)) {
                    continue;
                }
                ColumnType t = types.get(h);
                hiddenNames.add(h);
                ColumnType in = uses.get(a).input() == null ? null : choices.get(uses.get(a).input()).type();
                perGroup.add(t.array(t.series(t.array(scan.totals().series(a, in)))));
            }

            long t2 = System.nanoTime();
            Pass2 pass2 = new Pass2(keys, typed, exprRead, types, hiddenNames, perGroup, scan.groupIds(), fn);
            long[] rows = pass2.run(input, out, io);
            out.commit();
            if (reports.explain()) {
                err.println(String.format(Locale.ROOT, "plan: streamed --group-by, two passes: %,d rows in %,d "
                                + "blocks of about %s, up to %d in flight on %d threads; %,d groups", scan.rows(),
                        scan.blocks(), StreamedApply.bytesText(scan.blockBytes()), StreamedApply.window(io.count()),
                        io.count(), scan.keys().size()));
                choices.values().forEach(x -> err.println("column " + x));
                err.println("pass 1 (aggregates) " + Durations.format(pass1) + ", in the threads: scan "
                        + Durations.format(scan.times.scan.get()) + ", group " + Durations.format(scan.times.group.get())
                        + "; pass 2 (rows) " + Durations.format(System.nanoTime() - t2) + ", in the threads: compute "
                        + Durations.format(rows[1]) + "; total " + Durations.format(System.nanoTime() - start));
                ApplyJob.explainDelimiter(header.delimiter(), source, err);
            }
        }
    }

    @Override
    public String describe(TaskFailedException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** The second pass: every row again, with its group's aggregates, written in order. */
    private final class Pass2 {
        private final int[] typed;
        private final ColumnType[] exprTypes;
        private final int[] keySlots;
        private final ColumnType[] keyTypes;
        private final List<String> exprRead;
        private final List<String> hiddenNames;
        private final List<Object> perGroup;
        private final Map<List<Object>, Integer> groupIds;
        private final ExpressionFunction fn;
        private final List<String> names;
        private final AtomicLong compute = new AtomicLong();

        Pass2(List<String> keys, StreamedGroupBy.Typed t, List<String> exprRead, Map<String, ColumnType> types,
              List<String> hiddenNames, List<Object> perGroup, Map<List<Object>, Integer> groupIds,
              ExpressionFunction fn) {
            // The columns the expressions read first, then the keys they do not read: a key read by an expression
            // is found by the bytes of the expression's slot, which are the same whatever their type.
            List<Integer> slots = new ArrayList<>();
            this.exprTypes = new ColumnType[exprRead.size()];
            this.keySlots = new int[keys.size()];
            this.keyTypes = new ColumnType[keys.size()];
            for (int i = 0; i < exprRead.size(); i++) {
                slots.add(t.indexes[t.names.indexOf(exprRead.get(i))]);
                exprTypes[i] = types.get(exprRead.get(i));
            }
            for (int k = 0; k < keys.size(); k++) {
                int read = exprRead.indexOf(keys.get(k));
                if (read >= 0) {
                    keySlots[k] = read;
                } else {
                    keySlots[k] = slots.size();
                    slots.add(t.indexes[k]);
                }
                keyTypes[k] = t.forced[k];
            }
            this.typed = slots.stream().mapToInt(Integer::intValue).toArray();
            this.exprRead = exprRead;
            this.hiddenNames = hiddenNames;
            this.perGroup = perGroup;
            this.groupIds = groupIds;
            this.fn = fn;
            this.names = spec.assignments().stream().map(Assignment::column).distinct().toList();
        }

        /** Returns the rows written and the time the threads computed. */
        long[] run(Source input, StreamedApply.Output out, LocalThreads io) throws IOException {
            long rows = 0;
            try (GroupScan again = GroupScan.open(input, name, blockBytes)) {
                CsvStream stream = again.stream();
                CsvReader header = stream.header();
                Deque<CompletableFuture<Done>> inFlight = new ArrayDeque<>();
                int window = StreamedApply.window(io.count());
                inFlight.add(CompletableFuture.supplyAsync(() -> block(header.read(typed, Runnable::run, 1), true),
                        io));
                for (CsvStream.Block next = stream.next(); next != null; next = stream.next()) {
                    CsvStream.Block b = next;
                    while (inFlight.size() >= window) {
                        rows = consume(inFlight.removeFirst(), out, rows);
                    }
                    inFlight.add(CompletableFuture.supplyAsync(() -> block(b.read(typed), false), io));
                }
                while (!inFlight.isEmpty()) {
                    rows = consume(inFlight.removeFirst(), out, rows);
                }
            } catch (CompletionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            return new long[]{rows, compute.get()};
        }

        private long consume(CompletableFuture<Done> next, StreamedApply.Output out, long rowsBefore)
                throws IOException {
            Done d = next.join();
            if (d.failed() != null) {
                throw new JobFailedException(d.failed().describe("on line " + d.failedLine() + " of " + name
                        + ", data row " + (rowsBefore + d.failed().row() + 1)));
            }
            if (d.failure() != null) {
                throw new JobFailedException(d.failure());
            }
            out.write(d.bytes());
            return rowsBefore + d.rows();
        }

        private Done block(CsvFile f, boolean first) {
            long s = System.nanoTime();
            BlockKeys k = BlockKeys.of(f, keySlots, keyTypes);
            int[] globalOf = k == null ? null : new int[k.groups()];
            for (int g = 0; globalOf != null && g < globalOf.length; g++) {
                Integer id = groupIds.get(Arrays.asList(k.key(g)));
                if (id == null) {
                    globalOf = null;
                } else {
                    globalOf[g] = id;
                }
            }
            if (globalOf == null) {
                return new Done(null, 0, name + " changed while it was read (the second pass found a key the first "
                        + "did not); run again when nothing writes it", null, 0);
            }
            DataFrame frame = f.frame(exprTypes);
            int[] groupOfRow = k.groupOfRow();
            if (!hiddenNames.isEmpty()) {
                List<String> labels = new ArrayList<>(exprRead.isEmpty() ? List.of(CsvFile.ROW_COUNT_COLUMN) : exprRead);
                List<Series<?>> series = new ArrayList<>();
                for (int i = 0; i < labels.size(); i++) {
                    series.add(frame.getColumn(i));
                }
                for (int h = 0; h < hiddenNames.size(); h++) {
                    labels.add(hiddenNames.get(h));
                    series.add(perRow(perGroup.get(h), groupOfRow, globalOf));
                }
                frame = DataFrame.byColumn(labels.toArray(String[]::new)).of(series.toArray(Series<?>[]::new));
            }
            DataFrame result;
            try {
                result = fn.apply(frame);
            } catch (ExpressionFailedException x) {
                return new Done(null, 0, null, x, f.lineOfRow(x.row()));
            }
            byte[] bytes = f.format(names, names.stream().<Series<?>>map(result::getColumn).toList(), first);
            compute.addAndGet(System.nanoTime() - s);
            return new Done(bytes, f.rows(), null, null, 0);
        }
    }

    /** Returns the series of each row's group's value, from {@code values}, an array of one value per group. */
    private static Series<?> perRow(Object values, int[] groupOfRow, int[] globalOf) {
        int n = groupOfRow.length;
        if (values instanceof double[] d) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = d[globalOf[groupOfRow[i]]];
            }
            return Series.ofDouble(r);
        }
        if (values instanceof long[] l) {
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                r[i] = l[globalOf[groupOfRow[i]]];
            }
            return Series.ofLong(r);
        }
        if (values instanceof int[] l) {
            int[] r = new int[n];
            for (int i = 0; i < n; i++) {
                r[i] = l[globalOf[groupOfRow[i]]];
            }
            return Series.ofInt(r);
        }
        if (values instanceof boolean[] l) {
            boolean[] r = new boolean[n];
            for (int i = 0; i < n; i++) {
                r[i] = l[globalOf[groupOfRow[i]]];
            }
            return Series.ofBool(r);
        }
        Object[] o = (Object[]) values;
        Object[] r = new Object[n];
        for (int i = 0; i < n; i++) {
            r[i] = o[globalOf[groupOfRow[i]]];
        }
        return Series.of(r);
    }
}
