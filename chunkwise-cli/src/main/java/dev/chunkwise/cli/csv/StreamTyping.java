package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;

import java.util.Arrays;
import java.util.List;

/**
 * The types of the typed columns of a file read as a stream ({@link CsvStream}), chosen from all their values as the
 * whole-file reader chooses them, without holding the rows: each block's census ({@link Part}) is added in order, and
 * {@link #choices} applies {@link ColumnTyping}'s rules to the sum. Blocks are converted with the types the first
 * block suggests while the file is read; whether a block's values fit those types is {@link Part#convertible}, and
 * whether the types the whole file gives are still those is for the caller to check at the end.
 */
public final class StreamTyping {

    private final String file;
    private final List<String> columns;
    private final int[] typed;
    private final ColumnTyping.Census[] census;
    /** For each typed column and kind, where the first value of that kind is, where a message may need it. */
    private final ColumnTyping.Place[][] places;
    private long rows;

    /**
     * Starts with no rows, for the {@code typed} columns (indexes into {@code columns}) of the file named
     * {@code file}.
     */
    public StreamTyping(String file, List<String> columns, int[] typed) {
        this.file = file;
        this.columns = columns;
        this.typed = typed.clone();
        this.census = new ColumnTyping.Census[typed.length];
        this.places = new ColumnTyping.Place[typed.length][ColumnValues.KINDS];
        for (int i = 0; i < typed.length; i++) {
            long[] first = new long[ColumnValues.KINDS];
            Arrays.fill(first, -1);
            census[i] = new ColumnTyping.Census(new long[ColumnValues.KINDS], first, true);
        }
    }

    /** What one block adds to the census, taken on the block's own thread by {@link #of}. */
    public static final class Part {
        private final ColumnTyping.Census[] census;
        private final ColumnTyping.Place[][] places;
        private final long rows;

        private Part(ColumnTyping.Census[] census, ColumnTyping.Place[][] places, long rows) {
            this.census = census;
            this.places = places;
            this.rows = rows;
        }

        /** Returns the block's rows. */
        public long rows() {
            return rows;
        }

        /**
         * Returns whether every value of each typed column can be converted to {@code types[i]} and, for a column no
         * expression reads ({@code readers[i]} null, or {@code readers} null), written back from it as it came in.
         */
        public boolean convertible(ColumnType[] types, String[] readers) {
            for (int i = 0; i < census.length; i++) {
                ColumnTyping.Census c = census[i];
                boolean expression = readers != null && readers[i] != null;
                if (expression ? !ColumnTyping.accepts(types[i], c) : !ColumnTyping.keeps(types[i], c)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Takes the census of {@code block}'s typed columns, with the line and text of the first value of each kind that
     * a message may name: any kind of a column {@code forced} gives a type ({@code --type}; {@code forced} may be
     * null), else an empty field, true/false or text.
     */
    public static Part of(CsvFile block, ColumnType[] forced) {
        ColumnTyping.Census[] census = block.censuses();
        ColumnTyping.Place[][] places = new ColumnTyping.Place[census.length][ColumnValues.KINDS];
        for (int i = 0; i < census.length; i++) {
            for (int k = 0; k < ColumnValues.KINDS; k++) {
                long row = census[i].firstRow()[k];
                // Numbers are the usual kinds and never the value a message names unless --type says otherwise;
                // finding a line costs a pass over the block's bytes up to it, so only the others are placed here.
                if (row >= 0 && (forced != null && forced[i] != null || k == ColumnValues.EMPTY
                        || k == ColumnValues.BOOLEAN || k == ColumnValues.TEXT || row == 0)) {
                    places[i][k] = block.place(i, row);
                }
            }
        }
        return new Part(census, places, block.rows());
    }

    /** Adds the next block's census. */
    public void add(Part p) {
        for (int i = 0; i < census.length; i++) {
            ColumnTyping.Census sum = census[i];
            ColumnTyping.Census c = p.census[i];
            for (int k = 0; k < ColumnValues.KINDS; k++) {
                sum.counts()[k] += c.counts()[k];
                if (sum.firstRow()[k] < 0 && c.firstRow()[k] >= 0) {
                    sum.firstRow()[k] = rows + c.firstRow()[k];
                    places[i][k] = p.places[i][k];
                }
            }
            census[i] = new ColumnTyping.Census(sum.counts(), sum.firstRow(), sum.canonical() && c.canonical());
        }
        rows += p.rows;
    }

    /** Returns the rows added so far. */
    public long rows() {
        return rows;
    }

    /**
     * Returns the type the whole-file reader would give each typed column, without failing on a value that does not
     * fit (as {@link CsvFile#chosenTypes}).
     */
    public ColumnType[] chosenTypes(ColumnType[] forced, String[] readers) {
        return ColumnTyping.chosenTypes(columns, typed, census, forced, readers);
    }

    /**
     * Returns the type of each typed column and why, as {@link CsvFile#typedFrame} chooses them from all the values.
     *
     * @throws CsvFormatException naming the file, line, column and value for the first value that cannot be its
     *                            column's type
     */
    public List<TypeChoice> choices(ColumnType[] forced, String[] readers) {
        return ColumnTyping.decide(file, columns, typed, census, forced, readers, (slot, row) -> {
            for (int k = 0; k < ColumnValues.KINDS; k++) {
                if (census[slot].firstRow()[k] == row && places[slot][k] != null) {
                    return places[slot][k];
                }
            }
            throw new IllegalStateException("no place kept for row " + row + " of column " + columns.get(typed[slot]));
        });
    }
}
