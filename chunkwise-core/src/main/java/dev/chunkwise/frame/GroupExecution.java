package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskFunction;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a grouped frame's work where the settings say: cuts hot groups into pieces where the work allows it, packs
 * groups and pieces into tasks ({@link Packing}), sends each task its rows ({@link GroupBatch}), and gives each
 * group's result back in output order, merging the pieces' partial results. A group's failure reaches the caller as
 * its {@link GroupFailedException}.
 */
final class GroupExecution {

    /** Tasks per worker: enough that a worker that finishes early takes another, few enough to cost little. */
    private static final int TASKS_PER_WORKER = 2;
    /** The fewest rows in a piece of a split group: below this, reducing a piece costs less than sending it. */
    static final int MIN_PIECE_ROWS = 512;

    private final Grouping grouping;
    /** The caller's pool, or null. */
    private final Pool pool;
    /** The workers the caller asked for, or 0. */
    private final int workersAsked;

    GroupExecution(Grouping grouping, Pool pool, int workersAsked) {
        this.grouping = grouping;
        this.pool = pool;
        this.workersAsked = workersAsked;
    }

    /** A run of rows of one group: the group at output position {@code position}, from its row {@code from}. */
    private record Item(int position, int from, int rows, boolean piece) {
    }

    /** Returns the workers the groups run on: the pool's, those asked for, or one per core. */
    int workers() {
        return pool != null ? pool.workers() : workersAsked > 0 ? workersAsked : SharedThreads.workers();
    }

    /** Returns {@code fn}'s result for every group, by output position; for a frame without rows, for the frame. */
    List<DataFrame> applyEach(PartitionFunction fn) {
        GroupApplyTask task = new GroupApplyTask(fn, grouping.keys());
        if (grouping.groups() == 0) {
            DataFrame df = grouping.frame();
            return run(task, List.of(new GroupBatch(df, null, new int[]{0}, new int[]{0}, new boolean[]{false})))
                    .get(0);
        }
        List<Item> items = new ArrayList<>(grouping.groups());
        for (int i = 0; i < grouping.groups(); i++) {
            items.add(new Item(i, 0, grouping.size(grouping.inOrder(i)), false));
        }
        return runItems(task, items, grouping.frame());
    }

    /** Reduces every group, hot groups in pieces; returns, per aggregate, the values by output position. */
    Object[][] reduce(List<Reducer> reducers) {
        Grouping g = grouping;
        List<Item> items = new ArrayList<>();
        List<int[]> piecesOfGroup = new ArrayList<>(g.groups()); // the items of each position's pieces, or null
        for (int i = 0; i < g.groups(); i++) {
            int size = g.size(g.inOrder(i));
            int pieces = piecesOf(size);
            if (pieces == 1) {
                items.add(new Item(i, 0, size, false));
                piecesOfGroup.add(null);
                continue;
            }
            int[] sizes = Partitions.sizes(size, pieces);
            int[] these = new int[pieces];
            int from = 0;
            for (int p = 0; p < pieces; p++) {
                these[p] = items.size();
                items.add(new Item(i, from, sizes[p], true));
                from += sizes[p];
            }
            piecesOfGroup.add(these);
        }
        Set<String> needed = new LinkedHashSet<>(List.of(g.keys()));
        for (Reducer r : reducers) {
            if (r.column() != null) {
                needed.add(r.column());
            }
        }
        DataFrame narrow = g.frame().cols(needed.toArray(String[]::new)).select();
        List<Object[]> results = runItems(new GroupAggTask(reducers, g.keys()), items, narrow);
        Object[][] values = new Object[reducers.size()][g.groups()];
        int next = 0;
        for (int i = 0; i < g.groups(); i++) {
            int[] pieces = piecesOfGroup.get(i);
            for (int a = 0; a < reducers.size(); a++) {
                if (pieces == null) {
                    values[a][i] = results.get(next)[a];
                } else {
                    Partial merged = (Partial) results.get(pieces[0])[a];
                    for (int p = 1; p < pieces.length; p++) {
                        merged = merged.merge((Partial) results.get(pieces[p])[a]);
                    }
                    values[a][i] = reducers.get(a).finish(merged);
                }
            }
            next += pieces == null ? 1 : pieces.length;
        }
        return values;
    }

    /** Returns how the groups would be scheduled for {@code apply}, and what {@code agg} would do with the largest. */
    GroupPlan plan() {
        Grouping g = grouping;
        int w = workers();
        int groups = g.groups();
        if (groups == 0) {
            return new GroupPlan(0, 0, w, 0, "", 0, 0, 0);
        }
        long[] costs = new long[groups];
        int largest = 0;
        for (int i = 0; i < groups; i++) {
            costs[i] = g.size(g.inOrder(i));
            largest = costs[i] > costs[largest] ? i : largest;
        }
        int tasks = Packing.pack(costs, taskCount(w)).size();
        long busiest = Packing.makespan(costs, Packing.pack(costs, w));
        int largestRows = (int) costs[largest];
        int pieces = piecesOf(largestRows);
        return new GroupPlan(g.frame().height(), groups, w, tasks, g.describe(g.inOrder(largest)), largestRows, busiest,
                pieces > 1 ? pieces : 0);
    }

    private static int taskCount(int workers) {
        return workers == 1 ? 1 : TASKS_PER_WORKER * workers;
    }

    /**
     * Returns how many pieces {@code agg} cuts a group of {@code groupRows} into: one unless it is hot (it holds more
     * than a worker's fair share of the rows); else pieces no larger than a task's share of the rows, and of at
     * least {@link #MIN_PIECE_ROWS}.
     */
    private int piecesOf(int groupRows) {
        long rows = grouping.frame().height();
        int w = workers();
        if ((long) groupRows * w <= rows) {
            return 1;
        }
        long share = Math.max(1, (rows + taskCount(w) - 1) / taskCount(w));
        return (int) Math.max(1, Math.min((groupRows + share - 1) / share, groupRows / MIN_PIECE_ROWS));
    }

    /**
     * Packs {@code items} into tasks, runs them and returns each item's result in item order.
     *
     * @param source the frame the items' rows are taken from (its columns are those the tasks see)
     */
    private <R> List<R> runItems(TaskFunction<GroupBatch, List<R>> task, List<Item> items, DataFrame source) {
        Grouping g = grouping;
        long[] costs = items.stream().mapToLong(Item::rows).toArray();
        List<int[]> packed = Packing.pack(costs, taskCount(workers()));
        boolean inThisJvm = pool == null || pool.backend().inThisJvm();
        List<GroupBatch> batches = new ArrayList<>(packed.size());
        for (int[] these : packed) {
            int total = 0;
            for (int i : these) {
                total += items.get(i).rows();
            }
            int[] rowIndex = new int[total];
            int[] sizes = new int[these.length];
            int[] positions = new int[these.length];
            boolean[] pieces = new boolean[these.length];
            int at = 0;
            for (int j = 0; j < these.length; j++) {
                Item item = items.get(these[j]);
                int[] rows = g.rows(g.inOrder(item.position()), item.from(), item.rows());
                System.arraycopy(rows, 0, rowIndex, at, rows.length);
                at += rows.length;
                sizes[j] = item.rows();
                positions[j] = item.position();
                pieces[j] = item.piece();
            }
            // On this JVM's threads each task picks its rows from the frame itself; elsewhere they travel gathered.
            batches.add(inThisJvm ? new GroupBatch(source, rowIndex, sizes, positions, pieces)
                    : new GroupBatch(source.rows(Series.ofInt(rowIndex)).select(), null, sizes, positions, pieces));
        }
        List<List<R>> perTask = run(task, batches);
        Object[] byItem = new Object[items.size()];
        for (int t = 0; t < packed.size(); t++) {
            int[] these = packed.get(t);
            for (int j = 0; j < these.length; j++) {
                byItem[these[j]] = perTask.get(t).get(j);
            }
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(byItem);
        return list;
    }

    /** Runs the batches where the settings say; a group's failure reaches the caller as its GroupFailedException. */
    private <R> List<R> run(TaskFunction<GroupBatch, R> task, List<GroupBatch> batches) {
        try {
            if (pool != null) {
                return pool.map(task, batches, 1);
            }
            if (batches.size() == 1 || workers() == 1) {
                List<R> out = new ArrayList<>(batches.size());
                for (GroupBatch b : batches) {
                    out.add(task.apply(b));
                }
                return out;
            }
            if (workersAsked > 0) {
                try (Pool own = Pool.threads(workersAsked)) {
                    return own.map(task, batches, 1);
                }
            }
            return SharedThreads.map(task, batches, null);
        } catch (TaskFailedException e) {
            if (e.getCause() instanceof GroupFailedException failed) {
                throw failed;
            }
            throw e;
        }
    }
}
