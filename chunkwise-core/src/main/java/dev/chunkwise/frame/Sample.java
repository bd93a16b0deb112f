package dev.chunkwise.frame;

import dev.chunkwise.plan.Spread;
import org.dflib.DataFrame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What sampling the function gave: the parts of the frame it ran on (a prefix, and blocks spread over the rest) with
 * their results, which a run keeps rather than computes again, and the cost per row it measured.
 *
 * @param parts       the sampled parts with their results, in row order
 * @param nanosPerRow the function's measured cost per row
 * @param spread      how uneven the cost per row is across the frame
 */
record Sample(List<Part> parts, double nanosPerRow, Spread spread) {

    /** No sample: a run whose settings leave nothing to decide computes every row. */
    static final Sample NONE = new Sample(List.of(), 0, Spread.UNKNOWN);

    /**
     * Rows {@code firstRow} to {@code firstRow + in.height()} of the frame, and the function's result for them
     * ({@code out}; null while not computed).
     */
    record Part(int firstRow, DataFrame in, DataFrame out) {

        /** Returns the row after this part's last. */
        int end() {
            return firstRow + in.height();
        }

        Part computed(DataFrame result) {
            return new Part(firstRow, in, result);
        }
    }

    /** A range of rows, {@code from} inclusive, {@code to} exclusive. */
    record Range(int from, int to) {

        int rows() {
            return to - from;
        }
    }

    Sample {
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(Part::firstRow));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).firstRow() < sorted.get(i - 1).end()) {
                throw new IllegalArgumentException("sampled parts overlap at row " + sorted.get(i).firstRow());
            }
        }
        parts = List.copyOf(sorted);
    }

    /** Returns the rows sampled: the sum of the parts' heights. */
    int rows() {
        int rows = 0;
        for (Part p : parts) {
            rows += p.in().height();
        }
        return rows;
    }

    /** Returns the ranges of a frame of {@code height} rows that the sample did not compute, in row order. */
    List<Range> left(int height) {
        List<Range> left = new ArrayList<>(parts.size() + 1);
        int from = 0;
        for (Part p : parts) {
            if (p.firstRow() > from) {
                left.add(new Range(from, p.firstRow()));
            }
            from = p.end();
        }
        if (from < height) {
            left.add(new Range(from, height));
        }
        return left;
    }

    /** Returns how many columns the function computed in the largest part (the others pass its input's through). */
    int newColumns() {
        Part p = largest();
        return p == null ? 0 : newColumns(p.in(), p.out());
    }

    /** Returns the width of the largest part's result, or {@code otherwise} when nothing was sampled. */
    int outColumns(int otherwise) {
        Part p = largest();
        return p == null ? otherwise : p.out().width();
    }

    private Part largest() {
        return parts.stream().max(Comparator.comparingInt(p -> p.in().height())).orElse(null);
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
