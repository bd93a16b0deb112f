package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.util.Checks;
import org.dflib.DataFrame;
import org.dflib.Index;
import org.dflib.Series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One group-wise split-apply-combine over a {@link DataFrame}, with its settings: the rows grouped by the values of
 * key columns, a function applied to each group ({@link #apply}) or aggregates reduced over each
 * ({@link #agg}, {@link #withAggregates}), on a pool of workers; made by {@link Parallel#groupBy}.
 *
 * <pre>{@code
 * DataFrame centred = Parallel.groupBy(df, "K").apply(g -> g.cols("C").merge($int("A").sub($int("A").avg())));
 * DataFrame sums = Parallel.groupBy(df, "K").sorted().agg(Aggregate.sum("B").as("S"), Aggregate.count());
 * GroupPlan plan = Parallel.groupBy(df, "K").workers(2).explain();   // groups, tasks, and a hot key if there is one
 * }</pre>
 *
 * <h2>Groups</h2>
 * Rows with equal key values ({@link Object#equals}) form a group; a null key value is a group of its own (DFLib's
 * {@code group()} leaves such rows out). Results come in the order of each group's first row, or with
 * {@link #sorted()} by key, ascending, nulls last. The result equals the plain loop — each group's rows, in row
 * order, given to the function in turn and the results concatenated — on every backend.
 *
 * <h2>Settings</h2>
 * Each may be given once; a second time is an {@link IllegalStateException}.
 * <ul>
 *   <li>{@link #on(Pool)}: the pool to run on (serial, threads, worker processes, Spark: any {@link Pool}); the caller
 *   keeps it open and closes it.</li>
 *   <li>{@link #workers(int)}: how many workers; without a pool, a thread pool of that many is made for the call. With
 *   neither, the groups run on the calling thread and {@code auto}'s shared threads, one per core.</li>
 *   <li>{@link #sorted()}: groups in key order rather than in order of first appearance.</li>
 * </ul>
 *
 * <h2>Scheduling</h2>
 * The groups are packed into a few tasks (two per worker) by their rows, largest first onto the least loaded task
 * (longest processing time first), so that ten thousand tiny groups cost a handful of dispatches and the tasks cost
 * about the same; the tasks are handed out largest first to whichever worker is free. A group that holds more than a
 * worker's fair share of the rows (a hot key) caps {@code apply}, whose unit of work is a whole group;
 * {@link #explain()} names it and the cap. {@code agg} and {@link #withAggregates} split such a group into pieces,
 * reduce them in parallel and merge the partial results.
 */
public final class ParallelGroupBy {

    private final DataFrame df;
    private final String[] keys;
    private Pool pool;
    private int workers;
    private boolean sorted;
    private Grouping grouping;

    ParallelGroupBy(DataFrame df, String key, String... moreKeys) {
        Checks.notNull(key, "key");
        Checks.notNull(moreKeys, "moreKeys");
        this.df = df;
        this.keys = new String[1 + moreKeys.length];
        keys[0] = key;
        System.arraycopy(moreKeys, 0, keys, 1, moreKeys.length);
        Set<String> seen = new HashSet<>();
        for (String k : keys) {
            Checks.notNull(k, "key");
            if (!seen.add(k)) {
                throw new IllegalArgumentException("keys: " + Arrays.toString(keys) + " (expected: each key column once;"
                        + " " + k + " is given twice)");
            }
        }
        Grouping.checkKeys(df, keys); // here, where the call names them
    }

    /**
     * Runs on {@code pool}, which the caller keeps open and closes.
     *
     * @throws IllegalStateException    if a pool was already given
     * @throws IllegalArgumentException if {@link #workers(int)} was given and differs from the pool's
     */
    public ParallelGroupBy on(Pool pool) {
        Checks.notNull(pool, "pool");
        Settings.once(this.pool, "pool");
        Settings.checkWorkersMatch(pool, workers);
        this.pool = pool;
        return this;
    }

    /**
     * Uses {@code workers} workers.
     *
     * @throws IllegalArgumentException if {@code workers} is not positive, or differs from the given pool's
     * @throws IllegalStateException    if workers were already set
     */
    public ParallelGroupBy workers(int workers) {
        Checks.positive(workers, "workers");
        Settings.once(this.workers == 0 ? null : this.workers, "workers");
        Settings.checkWorkersMatch(pool, workers);
        this.workers = workers;
        return this;
    }

    /**
     * Gives the groups in key order, ascending, nulls last (several keys: by the first, then the next...), rather
     * than in the order of their first row.
     *
     * Keys that cannot be compared (a String and an Integer) make the call that groups fail, naming them.
     *
     * @throws IllegalStateException if already given
     */
    public ParallelGroupBy sorted() {
        Settings.once(sorted ? true : null, "sorted");
        sorted = true;
        if (grouping != null) {
            grouping = grouping.sortedByKey();
        }
        return this;
    }

    /**
     * Applies {@code fn} to each group's rows (a frame with all the columns, the keys among them) and concatenates the
     * results in group order. {@code fn} may return any number of rows; every result must have the same columns in
     * the same order. What it returns is materialized inside its task. An empty frame has no groups: {@code fn} is
     * then applied once, to the empty frame, so that the result has its columns.
     *
     * @throws GroupFailedException     if {@code fn} threw for a group, naming the group, its key and rows, with
     *                                  the original exception as the cause
     * @throws IllegalArgumentException naming the groups if two results have different columns
     */
    public DataFrame apply(PartitionFunction fn) {
        Checks.notNull(fn, "fn");
        Grouping g = grouping();
        List<DataFrame> results = execution().applyEach(fn);
        return concat(results, g);
    }

    /**
     * Reduces each group to one row: the key columns, then one column per aggregate, in the order given; one row per
     * group, in group order.
     *
     * <p>A group that holds more than a worker's fair share of the rows is split into pieces whose partial results are
     * reduced in parallel and merged; every other group is reduced whole, in one task, by DFLib's expression (see
     * {@link Aggregate}), and its values equal DFLib's to the bit. For a split group, counts, int and long sums, mins,
     * maxes, firsts, lasts and the mean of an int column are exact too; a double sum, the mean of a long or double
     * column, the variance and the standard deviation are summed in another order and may differ in the last bits
     * from a one-pass sum (within 1e-12 relative where the values do not cancel).
     *
     * @throws IllegalArgumentException naming the aggregate if none is given, its column is missing or holds values
     *                                  it cannot reduce, or two results have one name
     */
    public DataFrame agg(Aggregate... aggregates) {
        List<Reducer> reducers = bind(aggregates, true);
        Grouping g = grouping();
        Object[][] values = execution().reduce(reducers); // by output position
        String[] labels = new String[keys.length + reducers.size()];
        Series<?>[] columns = new Series<?>[labels.length];
        for (int k = 0; k < keys.length; k++) {
            Object[] keyValues = new Object[g.groups()];
            for (int i = 0; i < keyValues.length; i++) {
                keyValues[i] = g.keyValue(g.inOrder(i), k);
            }
            labels[k] = keys[k];
            columns[k] = Frames.column(keyValues);
        }
        for (int a = 0; a < reducers.size(); a++) {
            labels[keys.length + a] = reducers.get(a).name();
            columns[keys.length + a] = Frames.column(values[a]);
        }
        return DataFrame.byColumn(labels).of(columns);
    }

    /**
     * Returns the frame with one column per aggregate added (or replaced, where the frame has a column of that name),
     * each row holding its group's value, like pandas' {@code groupby(...).transform(...)}: the group-level inputs of a
     * row-wise step, such as {@code (A - mean(A)) / std(A)}, which {@link Parallel#apply} can then compute in
     * parallel whatever the groups. The aggregates are computed as {@link #agg} computes them, hot groups split.
     *
     * @throws IllegalArgumentException naming the aggregate if none is given, its column is missing or holds values
     *                                  it cannot reduce, two results have one name, or one would replace a key column
     */
    public DataFrame withAggregates(Aggregate... aggregates) {
        List<Reducer> reducers = bind(aggregates, false);
        Grouping g = grouping();
        Object[][] byPosition = execution().reduce(reducers);
        int[] positionOfGroup = new int[g.groups()];
        for (int i = 0; i < g.groups(); i++) {
            positionOfGroup[g.inOrder(i)] = i;
        }
        int[] groupOfRow = g.groupOfRow();
        String[] labels = new String[reducers.size()];
        Series<?>[] columns = new Series<?>[labels.length];
        for (int a = 0; a < labels.length; a++) {
            Object[] perRow = new Object[df.height()];
            for (int r = 0; r < perRow.length; r++) {
                perRow[r] = byPosition[a][positionOfGroup[groupOfRow[r]]];
            }
            labels[a] = reducers.get(a).name();
            columns[a] = Frames.column(perRow);
        }
        return df.cols(labels).merge(columns);
    }

    /**
     * Returns how the groups would be scheduled: how many there are, the tasks {@code apply} packs them into, the
     * speed-up that packing predicts, and the largest group — named as a hot key with the speed-up it caps when it
     * holds more than a worker's fair share. Groups the frame (once; a later call reuses it), runs nothing.
     */
    public GroupPlan explain() {
        return execution().plan();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Grouping grouping() {
        if (grouping == null) {
            Grouping byAppearance = Grouping.of(df, keys);
            grouping = sorted ? byAppearance.sortedByKey() : byAppearance;
        }
        return grouping;
    }

    private GroupExecution execution() {
        return new GroupExecution(grouping(), pool, workers);
    }

    private List<Reducer> bind(Aggregate[] aggregates, boolean keysInResult) {
        Checks.notNull(aggregates, "aggregates");
        if (aggregates.length == 0) {
            throw new IllegalArgumentException("aggregates: none (expected: at least one, such as Aggregate.count() "
                    + "or Aggregate.sum(\"B\").as(\"S\"))");
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> keyList = List.of(keys);
        List<Reducer> reducers = new ArrayList<>(aggregates.length);
        for (Aggregate a : aggregates) {
            Checks.notNull(a, "aggregate");
            if (keyList.contains(a.name())) {
                throw new IllegalArgumentException(a + ": the name " + a.name() + " is a key column, which the result "
                        + (keysInResult ? "has already" : "would lose") + " (expected: another name, with as(...))");
            }
            if (!names.add(a.name())) {
                throw new IllegalArgumentException(a + ": another aggregate is named " + a.name()
                        + " too (expected: one name per result column; name them with as(...))");
            }
            reducers.add(Reducer.bind(a, df));
        }
        return reducers;
    }

    /** Concatenates the groups' results in group order, checking that they have the same columns. */
    private static DataFrame concat(List<DataFrame> results, Grouping g) {
        Index columns = results.get(0).getColumnsIndex();
        for (int i = 1; i < results.size(); i++) {
            if (!results.get(i).getColumnsIndex().equals(columns)) {
                throw new IllegalArgumentException("group " + i + " (" + g.describe(g.inOrder(i)) + ") gave the columns "
                        + List.of(results.get(i).getColumnsIndex().toArray()) + ", group 0 (" + g.describe(g.inOrder(0))
                        + ") gave " + List.of(columns.toArray())
                        + " (expected: the same columns, in the same order, from every group)");
            }
        }
        if (results.size() == 1) {
            return results.get(0);
        }
        Series<?>[] combined = new Series<?>[columns.size()];
        for (int c = 0; c < combined.length; c++) {
            combined[c] = Partitions.concatColumn(results, c);
        }
        return DataFrame.byColumn(columns).of(combined);
    }
}
