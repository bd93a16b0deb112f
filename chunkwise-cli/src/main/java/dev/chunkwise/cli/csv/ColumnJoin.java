package dev.chunkwise.cli.csv;

import org.dflib.Series;

import java.util.List;

/** Joins one column's values from every chunk, in order, into one series, copying each array once. */
final class ColumnJoin {

    private ColumnJoin() {
    }

    static Series<?> join(List<ChunkParser.Result> chunks, int c, ColumnType type, int rows) {
        int at = 0;
        switch (type) {
            case INT -> {
                int[] all = new int[rows];
                for (ChunkParser.Result r : chunks) {
                    System.arraycopy(r.columns[c].ints, 0, all, at, r.columns[c].size);
                    at += r.columns[c].size;
                }
                return Series.ofInt(all);
            }
            case LONG -> {
                long[] all = new long[rows];
                for (ChunkParser.Result r : chunks) {
                    System.arraycopy(r.columns[c].longs, 0, all, at, r.columns[c].size);
                    at += r.columns[c].size;
                }
                return Series.ofLong(all);
            }
            case DOUBLE -> {
                double[] all = new double[rows];
                for (ChunkParser.Result r : chunks) {
                    System.arraycopy(r.columns[c].doubles, 0, all, at, r.columns[c].size);
                    at += r.columns[c].size;
                }
                return Series.ofDouble(all);
            }
            case BOOLEAN -> {
                boolean[] all = new boolean[rows];
                for (ChunkParser.Result r : chunks) {
                    System.arraycopy(r.columns[c].bools, 0, all, at, r.columns[c].size);
                    at += r.columns[c].size;
                }
                return Series.ofBool(all);
            }
            default -> {
                String[] all = new String[rows];
                for (ChunkParser.Result r : chunks) {
                    System.arraycopy(r.columns[c].strings, 0, all, at, r.columns[c].size);
                    at += r.columns[c].size;
                }
                return Series.of(all);
            }
        }
    }
}
