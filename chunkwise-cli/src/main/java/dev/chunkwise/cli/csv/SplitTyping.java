package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The types of the typed columns of an input made of several splits (files read on Spark executors), chosen from
 * all their values as the local reader chooses them: the splits' {@link SplitCensus}es are added in split order, and
 * {@link #choices} applies {@link ColumnTyping}'s rules to the sum, so that the types are those of the local run over
 * the files' rows in that order. A value that cannot be its column's type is named with its own file and line.
 */
public final class SplitTyping {

    private final List<String> columns;
    private final int[] typed;
    private final long[][] counts;
    private final long[][] firstRow;
    private final boolean[] canonical;
    /** For each typed column and kind, the file, line and text of its first value, where a split kept them. */
    private final String[][] files;
    private final long[][] lines;
    private final String[][] texts;
    private final List<String> splitNames = new ArrayList<>();
    private long rows;

    /** Starts with no rows, for the {@code typed} columns (indexes into {@code columns}). */
    public SplitTyping(List<String> columns, int[] typed) {
        this.columns = List.copyOf(columns);
        this.typed = typed.clone();
        int n = typed.length;
        counts = new long[n][ColumnValues.KINDS];
        firstRow = new long[n][ColumnValues.KINDS];
        canonical = new boolean[n];
        files = new String[n][ColumnValues.KINDS];
        lines = new long[n][ColumnValues.KINDS];
        texts = new String[n][ColumnValues.KINDS];
        for (int i = 0; i < n; i++) {
            Arrays.fill(firstRow[i], -1);
            canonical[i] = true;
        }
    }

    /**
     * Adds the census of the next split, the file named {@code file}.
     *
     * @throws IllegalArgumentException if it counts another number of columns
     */
    public void add(String file, SplitCensus c) {
        if (c.columns() != typed.length) {
            throw new IllegalArgumentException("census of " + file + ": " + c.columns() + " columns (expected: "
                    + typed.length + ")");
        }
        for (int i = 0; i < typed.length; i++) {
            for (int k = 0; k < ColumnValues.KINDS; k++) {
                counts[i][k] += c.counts[i][k];
                if (firstRow[i][k] < 0 && c.firstRow[i][k] >= 0) {
                    firstRow[i][k] = rows + c.firstRow[i][k];
                    files[i][k] = file;
                    lines[i][k] = c.lines[i][k];
                    texts[i][k] = c.texts[i][k];
                }
            }
            canonical[i] &= c.canonical[i];
        }
        splitNames.add(file);
        rows += c.rows();
    }

    /** Returns the rows added so far. */
    public long rows() {
        return rows;
    }

    /** Returns the type the local reader would give each typed column, without failing on a value that does not fit. */
    public ColumnType[] chosenTypes(ColumnType[] forced, String[] readers) {
        return ColumnTyping.chosenTypes(columns, typed, census(), forced, readers);
    }

    /**
     * Returns the type of each typed column and why, as the local reader chooses them from all the values.
     *
     * @throws CsvFormatException naming the file, line, column and value for the first value that cannot be its
     *                            column's type
     */
    public List<TypeChoice> choices(ColumnType[] forced, String[] readers) {
        ColumnTyping.Census[] census = census();
        String file = splitNames.isEmpty() ? "" : splitNames.get(0);
        for (int i = 0; i < typed.length; i++) {
            if (readers != null && readers[i] != null) {
                ColumnTyping.Outcome o = ColumnTyping.forExpressions(columns.get(typed[i]), census[i],
                        forced == null ? null : forced[i]);
                if (o.misfit() != null) {
                    file = fileOf(i, o.misfit().row());
                    break;
                }
            }
        }
        return ColumnTyping.decide(file, columns, typed, census, forced, readers, (slot, row) -> {
            for (int k = 0; k < ColumnValues.KINDS; k++) {
                if (firstRow[slot][k] == row && texts[slot][k] != null) {
                    return new ColumnTyping.Place(lines[slot][k], texts[slot][k]);
                }
            }
            throw new IllegalStateException("no place kept for row " + row + " of column " + columns.get(typed[slot]));
        });
    }

    private String fileOf(int slot, long row) {
        for (int k = 0; k < ColumnValues.KINDS; k++) {
            if (firstRow[slot][k] == row && files[slot][k] != null) {
                return files[slot][k];
            }
        }
        return splitNames.get(0);
    }

    private ColumnTyping.Census[] census() {
        ColumnTyping.Census[] c = new ColumnTyping.Census[typed.length];
        for (int i = 0; i < typed.length; i++) {
            c[i] = new ColumnTyping.Census(counts[i].clone(), firstRow[i].clone(), canonical[i]);
        }
        return c;
    }
}
