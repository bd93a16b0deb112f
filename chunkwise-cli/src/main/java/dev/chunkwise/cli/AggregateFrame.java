package dev.chunkwise.cli;

import dev.chunkwise.cli.expr.AggregateSpec;
import dev.chunkwise.frame.Aggregate;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.Series;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The frame the core's aggregates reduce for the command line, with missing numbers skipped as pandas skips them: a
 * number column's NaN (an empty field, or {@code NaN}) is made a null, which the core's aggregates leave out, so that
 * {@code sum}, {@code mean}, {@code var} and {@code std} are of the values present. A {@code min} or {@code max} of a
 * group with no value present is NaN (written as an empty field, as pandas writes it), not the core's 0: for such a
 * column a hidden aggregate tells whether each group had a value.
 */
final class AggregateFrame {

    /**
     * One aggregate wanted in the output.
     *
     * @param function one of {@link AggregateSpec#FUNCTIONS}
     * @param column   the column reduced, or null for {@code count}
     * @param name     the result column's name
     */
    record Wanted(String function, String column, String name) {
    }

    private final DataFrame frame;
    private final Aggregate[] aggregates;
    /** For a min or max result that may have no value: the hidden column that is 0 where its group had none. */
    private final Map<String, String> presentOf;

    private AggregateFrame(DataFrame frame, Aggregate[] aggregates, Map<String, String> presentOf) {
        this.frame = frame;
        this.aggregates = aggregates;
        this.presentOf = presentOf;
    }

    /** Prepares {@code wanted} over {@code typed}, whose columns are typed as the command line types them. */
    static AggregateFrame of(DataFrame typed, List<Wanted> wanted) {
        Set<String> taken = new HashSet<>(List.of(typed.getColumnsIndex().toArray()));
        wanted.forEach(w -> taken.add(w.name()));
        Map<String, Series<?>> replaced = new LinkedHashMap<>();
        Map<String, String> presentColumn = new LinkedHashMap<>(); // by reduced column
        Map<String, String> presentOf = new LinkedHashMap<>(); // by result
        List<Aggregate> aggregates = new ArrayList<>();
        for (Wanted w : wanted) {
            aggregates.add(Aggregate.of(w.function(), w.column()).as(w.name()));
            Series<?> s = w.column() == null ? null : typed.getColumn(w.column());
            if (!(s instanceof DoubleSeries d) || !hasNaN(d)) {
                continue;
            }
            replaced.computeIfAbsent(w.column(), c -> withNulls(d));
            if (w.function().equals("min") || w.function().equals("max")) {
                String present = presentColumn.computeIfAbsent(w.column(), c -> unique("present " + c, taken));
                presentOf.put(w.name(), unique("any " + present, taken));
            }
        }
        DataFrame frame = typed;
        if (!replaced.isEmpty()) {
            frame = frame.cols(replaced.keySet().toArray(String[]::new)).merge(replaced.values().toArray(Series<?>[]::new));
        }
        if (!presentColumn.isEmpty()) {
            List<Series<?>> present = new ArrayList<>();
            for (String c : presentColumn.keySet()) {
                DoubleSeries d = (DoubleSeries) (Series<?>) typed.getColumn(c);
                int[] flags = new int[d.size()];
                for (int i = 0; i < flags.length; i++) {
                    flags[i] = Double.isNaN(d.getDouble(i)) ? 0 : 1;
                }
                present.add(Series.ofInt(flags));
            }
            frame = frame.cols(presentColumn.values().toArray(String[]::new)).merge(present.toArray(Series<?>[]::new));
            for (Wanted w : wanted) {
                String flag = presentOf.get(w.name());
                if (flag != null) {
                    aggregates.add(Aggregate.max(presentColumn.get(w.column())).as(flag));
                }
            }
        }
        return new AggregateFrame(frame, aggregates.toArray(Aggregate[]::new), presentOf);
    }

    /** Returns the frame to group and reduce. */
    DataFrame frame() {
        return frame;
    }

    /** Returns the aggregates to compute over {@link #frame()}: those wanted, then the hidden ones. */
    Aggregate[] aggregates() {
        return aggregates.clone();
    }

    /**
     * Returns the columns {@code names} of {@code result} (what {@code agg} or {@code withAggregates} gave over
     * {@link #frame()}), with each min or max NaN where its group had no value.
     */
    DataFrame finish(DataFrame result, List<String> names) {
        Series<?>[] columns = new Series<?>[names.size()];
        for (int c = 0; c < columns.length; c++) {
            Series<?> s = result.getColumn(names.get(c));
            String flag = presentOf.get(names.get(c));
            if (flag != null) {
                Series<?> any = result.getColumn(flag);
                double[] values = new double[s.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = ((Number) any.get(i)).intValue() == 0 ? Double.NaN : ((Number) s.get(i)).doubleValue();
                }
                s = Series.ofDouble(values);
            }
            columns[c] = s;
        }
        return DataFrame.byColumn(names.toArray(String[]::new)).of(columns);
    }

    private static boolean hasNaN(DoubleSeries d) {
        for (int i = 0; i < d.size(); i++) {
            if (Double.isNaN(d.getDouble(i))) {
                return true;
            }
        }
        return false;
    }

    private static Series<Double> withNulls(DoubleSeries d) {
        Double[] values = new Double[d.size()];
        for (int i = 0; i < values.length; i++) {
            double v = d.getDouble(i);
            values[i] = Double.isNaN(v) ? null : v;
        }
        return Series.of(values);
    }

    private static String unique(String name, Set<String> taken) {
        String n = name;
        while (taken.contains(n)) {
            n = "hidden " + n;
        }
        taken.add(n);
        return n;
    }
}
