package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.data.ColumnType;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The census of the typed columns of one split of an input (a whole file, read on a Spark executor): for each column
 * the count of each kind of value, the data row (within the split) of the first of each kind, whether every value is
 * written canonically, and the line and text of the first values a message may name. Small (a few numbers a column),
 * serializable, and added up in split order on the driver by {@link SplitTyping}, which applies the same rules as
 * {@link StreamTyping} to the sum.
 */
public final class SplitCensus implements Serializable {

    private static final long serialVersionUID = 1L;

    final long[][] counts;
    final long[][] firstRow;
    final boolean[] canonical;
    final long[][] lines;
    final String[][] texts;
    private long rows;

    /** Starts a census of {@code columns} typed columns with no rows. */
    public SplitCensus(int columns) {
        counts = new long[columns][ColumnValues.KINDS];
        firstRow = new long[columns][ColumnValues.KINDS];
        canonical = new boolean[columns];
        lines = new long[columns][ColumnValues.KINDS];
        texts = new String[columns][ColumnValues.KINDS];
        for (int i = 0; i < columns; i++) {
            Arrays.fill(firstRow[i], -1);
            canonical[i] = true;
        }
    }

    /**
     * Adds the next block of the split, keeping the place of the first value of each kind that a message may name
     * (as {@link StreamTyping#of} keeps them: any kind of a column {@code forced} gives a type, else an empty field,
     * true/false or text, and the first value).
     */
    public void add(CsvFile block, ColumnType[] forced) {
        ColumnTyping.Census[] census = block.censuses();
        for (int i = 0; i < census.length; i++) {
            ColumnTyping.Census c = census[i];
            for (int k = 0; k < ColumnValues.KINDS; k++) {
                counts[i][k] += c.counts()[k];
                long row = c.firstRow()[k];
                if (firstRow[i][k] < 0 && row >= 0) {
                    firstRow[i][k] = rows + row;
                    if (forced != null && forced[i] != null || k == ColumnValues.EMPTY || k == ColumnValues.BOOLEAN
                            || k == ColumnValues.TEXT || row == 0) {
                        ColumnTyping.Place p = block.place(i, row);
                        lines[i][k] = p.line();
                        texts[i][k] = p.text();
                    }
                }
            }
            canonical[i] &= c.canonical();
        }
        rows += block.rows();
    }

    /** Returns the split's data rows. */
    public long rows() {
        return rows;
    }

    /** Returns the number of typed columns. */
    public int columns() {
        return counts.length;
    }
}
