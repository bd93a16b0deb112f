package dev.chunkwise.cli.expr;

/**
 * The compiled form of one {@code --with} expression: computes a new column from the columns it uses, row by row.
 * Implemented by classes that chunkwise generates and compiles with Janino; public only so that they can.
 */
public interface ColumnKernel {

    /**
     * Returns the new column as a primitive array ({@code int[]}, {@code long[]}, {@code double[]},
     * {@code boolean[]}) or a {@code String[]} of {@code rows} values.
     *
     * @param columns the used columns' values, each an array of {@code rows} values, in the order they were declared
     */
    Object compute(Object[] columns, int rows);
}
