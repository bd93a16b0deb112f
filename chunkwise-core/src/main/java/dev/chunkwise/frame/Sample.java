package dev.chunkwise.frame;

import dev.chunkwise.plan.Spread;
import org.dflib.DataFrame;

import java.util.List;

/**
 * What sampling the function gave: the batches it ran on (a prefix of the frame, in order) with their results, which
 * a run keeps rather than computes again, and the cost per row it measured.
 *
 * @param inputs      the sampled batches, in row order
 * @param results     the function's result for each
 * @param rows        the rows sampled: the sum of the batches' heights
 * @param nanosPerRow the function's measured cost per row
 * @param spread      how uneven the cost per row is across the frame
 */
record Sample(List<DataFrame> inputs, List<DataFrame> results, int rows, double nanosPerRow, Spread spread) {

    /** No sample: a run whose settings leave nothing to decide computes every row. */
    static final Sample NONE = new Sample(List.of(), List.of(), 0, 0, Spread.UNKNOWN);

    Sample {
        inputs = List.copyOf(inputs);
        results = List.copyOf(results);
        if (inputs.size() != results.size()) {
            throw new IllegalArgumentException("inputs: " + inputs.size() + ", results: " + results.size()
                    + " (expected: as many)");
        }
    }

    /** Returns how many columns of the last result the function computed (the others pass its input's through). */
    int newColumns() {
        return inputs.isEmpty() ? 0 : newColumns(inputs.get(inputs.size() - 1), results.get(results.size() - 1));
    }

    /** Returns the width of the last result, or {@code otherwise} when nothing was sampled. */
    int outColumns(int otherwise) {
        return results.isEmpty() ? otherwise : results.get(results.size() - 1).width();
    }

    /** Returns how many columns of {@code out} the function computed (the others pass {@code in}'s through). */
    static int newColumns(DataFrame in, DataFrame out) {
        int n = 0;
        for (String name : out.getColumnsIndex().toArray()) {
            if (!in.getColumnsIndex().contains(name) || in.getColumn(name) != out.getColumn(name)) {
                n++;
            }
        }
        return n;
    }
}
