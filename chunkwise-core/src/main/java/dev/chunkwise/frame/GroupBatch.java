package dev.chunkwise.frame;

import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.Serializable;

/**
 * One task's share of a grouped frame: several groups, or pieces of one, each a run of rows. For a pool outside this
 * JVM the rows are gathered into one frame on the caller ({@code frame} holds them, {@code rowIndex} is null); on
 * threads of this JVM {@code frame} is the whole source and each item's rows are picked inside the task from
 * {@code rowIndex}, so that the caller copies nothing.
 *
 * @param frame    the gathered rows, or the source frame when {@code rowIndex} is given
 * @param rowIndex the rows of the source, item after item, or null when {@code frame} holds them already
 * @param sizes    the rows of each item
 * @param groups   the position of each item's group in the output, for messages
 * @param pieces   whether each item is a piece of a group (reduced to partials) rather than a whole group
 */
record GroupBatch(DataFrame frame, int[] rowIndex, int[] sizes, int[] groups, boolean[] pieces)
        implements Serializable {

    /** Returns the number of items. */
    int items() {
        return sizes.length;
    }

    /** Returns the rows of each item in turn, as frames. */
    DataFrame[] frames() {
        DataFrame[] out = new DataFrame[sizes.length];
        int at = 0;
        for (int i = 0; i < sizes.length; i++) {
            int to = at + sizes[i];
            if (rowIndex == null) {
                out[i] = frame.rowsRange(at, to).select();
            } else {
                int[] these = new int[sizes[i]];
                System.arraycopy(rowIndex, at, these, 0, sizes[i]);
                out[i] = frame.rows(Series.ofInt(these)).select();
            }
            at = to;
        }
        return out;
    }
}
