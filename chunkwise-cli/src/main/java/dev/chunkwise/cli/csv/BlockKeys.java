package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.data.ColumnType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one block of a CSV file ({@link CsvStream}) assigned to groups by their key fields, numbered in the
 * order of each group's first row: what a streamed {@code --group-by} reduces a block by. A row's key is found from
 * its fields' bytes, hashed where they lie in the block, with no object made per row; a key's values (a
 * {@code String} for a key read as text) are made once per group of the block. Two spellings of one key ({@code a}
 * and {@code "a"}) are one group, as their values are equal.
 */
public final class BlockKeys {

    private final int[] groupOfRow;
    private final List<Object[]> keys;

    private BlockKeys(int[] groupOfRow, List<Object[]> keys) {
        this.groupOfRow = groupOfRow;
        this.keys = keys;
    }

    /**
     * Groups the rows of {@code block} by the values of its typed columns {@code slots}, read as {@code types}; returns
     * null if a key value does not fit its type (the census of the block names it).
     */
    public static BlockKeys of(CsvFile block, int[] slots, ColumnType[] types) {
        int n = (int) block.rows();
        int k = slots.length;
        int[][] from = new int[k][];
        int[][] to = new int[k][];
        for (int s = 0; s < k; s++) {
            from[s] = new int[n];
            to[s] = new int[n];
            for (Chunk c : block.chunks) {
                ColumnValues v = c.values[slots[s]];
                System.arraycopy(v.from, 0, from[s], (int) c.firstRow, v.size);
                System.arraycopy(v.to, 0, to[s], (int) c.firstRow, v.size);
            }
        }
        byte[] data = block.data;
        // Rows with equal key bytes, in an open-addressing table of the first row of each.
        int capacity = 64;
        int[] table = new int[capacity]; // first row + 1, 0 for free
        int[] hashOf = new int[capacity];
        int[] spelling = new int[n];
        int[] firstRows = new int[16];
        int spellings = 0;
        for (int r = 0; r < n; r++) {
            int h = 1;
            for (int s = 0; s < k; s++) {
                int a = from[s][r];
                int b = to[s][r];
                int x = 0x9E3779B9 * (b - a + 1);
                for (int i = a; i < b; i++) {
                    x = 31 * x + data[i];
                }
                h = 31 * h + x;
            }
            h ^= h >>> 16;
            int mask = capacity - 1;
            int at = h & mask;
            while (true) {
                int e = table[at];
                if (e == 0) {
                    if (spellings == firstRows.length) {
                        firstRows = Arrays.copyOf(firstRows, spellings * 2);
                    }
                    firstRows[spellings] = r;
                    table[at] = r + 1;
                    hashOf[at] = h;
                    spelling[r] = spellings++;
                    if (2 * spellings > capacity) {
                        int[][] grown = grow(table, hashOf);
                        table = grown[0];
                        hashOf = grown[1];
                        capacity = table.length;
                    }
                    break;
                }
                if (hashOf[at] == h && sameKey(data, from, to, e - 1, r)) {
                    spelling[r] = spelling[e - 1];
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        // One group per key value: the spellings of one value are one group.
        ColumnValues.Scratch scratch = new ColumnValues.Scratch(block.quoting);
        Map<List<Object>, Integer> byValue = new HashMap<>();
        List<Object[]> keys = new ArrayList<>();
        int[] groupOf = new int[spellings];
        for (int sp = 0; sp < spellings; sp++) {
            Object[] values = new Object[k];
            for (int s = 0; s < k; s++) {
                FieldValue f = block.field(slots[s], firstRows[sp], types[s] == ColumnType.STRING, scratch);
                if (!f.fits(types[s])) {
                    return null;
                }
                values[s] = f.as(types[s]);
            }
            Integer g = byValue.putIfAbsent(Arrays.asList(values), keys.size());
            if (g == null) {
                groupOf[sp] = keys.size();
                keys.add(values);
            } else {
                groupOf[sp] = g;
            }
        }
        int[] groupOfRow = new int[n];
        for (int r = 0; r < n; r++) {
            groupOfRow[r] = groupOf[spelling[r]];
        }
        return new BlockKeys(groupOfRow, keys);
    }

    private static boolean sameKey(byte[] data, int[][] from, int[][] to, int r1, int r2) {
        for (int s = 0; s < from.length; s++) {
            if (!Arrays.equals(data, from[s][r1], to[s][r1], data, from[s][r2], to[s][r2])) {
                return false;
            }
        }
        return true;
    }

    private static int[][] grow(int[] table, int[] hashOf) {
        int capacity = table.length * 2;
        int[] t = new int[capacity];
        int[] hs = new int[capacity];
        for (int i = 0; i < table.length; i++) {
            if (table[i] != 0) {
                int at = hashOf[i] & (capacity - 1);
                while (t[at] != 0) {
                    at = (at + 1) & (capacity - 1);
                }
                t[at] = table[i];
                hs[at] = hashOf[i];
            }
        }
        return new int[][]{t, hs};
    }

    /** Returns the number of groups in the block. */
    public int groups() {
        return keys.size();
    }

    /** Returns the group of each row, numbered from 0 in the order of the groups' first rows. */
    public int[] groupOfRow() {
        return groupOfRow;
    }

    /** Returns the key values of group {@code g}, one per key column, as their types hold them. */
    public Object[] key(int g) {
        return keys.get(g).clone();
    }
}
