package dev.chunkwise.frame;

import dev.chunkwise.pool.TaskFunction;
import org.dflib.DataFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies the user's function to every group of a {@link GroupBatch}, where the pool runs it, and materializes each
 * result there; a failure names the group.
 *
 * @param fn   the user's function
 * @param keys the key columns, to name a group that fails
 */
record GroupApplyTask(PartitionFunction fn, String[] keys) implements TaskFunction<GroupBatch, List<DataFrame>> {

    @Override
    public List<DataFrame> apply(GroupBatch batch) {
        DataFrame[] groups = batch.frames();
        List<DataFrame> out = new ArrayList<>(groups.length);
        for (int i = 0; i < groups.length; i++) {
            DataFrame g = groups[i];
            try {
                out.add(FunctionCalls.checked(fn.apply(g), g));
            } catch (RuntimeException | Error e) {
                String key = g.height() == 0 ? "no key: the frame has no rows" : Grouping.describe(keys, g, 0);
                throw new GroupFailedException(batch.groups()[i], key, g.height(), e);
            }
        }
        return out;
    }
}
