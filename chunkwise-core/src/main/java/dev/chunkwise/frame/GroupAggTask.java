package dev.chunkwise.frame;

import dev.chunkwise.pool.TaskFunction;
import org.dflib.DataFrame;
import org.dflib.Exp;

import java.util.ArrayList;
import java.util.List;

/**
 * Reduces every item of a {@link GroupBatch} where the pool runs it: a whole group to its final values with DFLib's
 * expressions (so that they are the serial values to the bit), a piece of a group to {@link Partial}s that the caller
 * merges.
 *
 * @param reducers the aggregates, bound to their columns' types
 * @param keys     the key columns, to name a group that fails
 */
record GroupAggTask(List<Reducer> reducers, String[] keys) implements TaskFunction<GroupBatch, List<Object[]>> {

    @Override
    public List<Object[]> apply(GroupBatch batch) {
        Exp<?>[] exps = reducers.stream().map(Reducer::exp).toArray(Exp<?>[]::new);
        DataFrame[] items = batch.frames();
        List<Object[]> out = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            DataFrame item = items[i];
            Object[] values = new Object[exps.length];
            try {
                for (int a = 0; a < exps.length; a++) {
                    values[a] = batch.pieces()[i] ? reducers.get(a).partial(item) : exps[a].reduce(item);
                }
            } catch (RuntimeException | Error e) {
                throw new GroupFailedException(batch.groups()[i], Grouping.describe(keys, item, 0), item.height(), e);
            }
            out.add(values);
        }
        return out;
    }
}
