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
     * @throws RowFailure if the expression threw on a row
     */
    Object compute(Object[] columns, int rows);

    /**
     * Thrown by {@link #compute} when the expression threw on a row: carries the row's index, with the expression's
     * exception as the cause. Public only so that generated kernels can throw it.
     */
    final class RowFailure extends RuntimeException {

        private final int row;

        public RowFailure(int row, Throwable cause) {
            super("row " + row + ": " + cause, cause, false, false);
            this.row = row;
        }

        /** Returns the index of the row on which the expression threw. */
        public int row() {
            return row;
        }
    }
}
