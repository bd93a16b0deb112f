package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;
import dev.chunkwise.cli.data.TypedFrame;
import dev.chunkwise.cli.work.LocalWork;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A CSV file read by {@link CsvReader}: every row's bytes as they were, and the values of the columns that were asked
 * for typed. It gives the typed columns as a frame ({@link #typedFrame}) and writes the rows back with computed
 * columns added or replaced ({@link #write}), every other field byte for byte as it was read.
 */
public final class CsvFile {

    final String name;
    final byte[] data;
    final Charset charset;
    final boolean bom;
    final int headerStart;
    final int headerEnd;
    final byte[] lineEnd;
    private final List<String> columns;
    private final int[] typed;
    final List<Chunk> chunks;
    private final long rows;
    /** Where {@link #data} starts in the file. */
    private final Origin origin;
    final byte delimiter;
    /** The bytes of the text that means a missing value, written for a missing result; or null. */
    final byte[] nullBytes;
    /** The delimiter the file is written back with. */
    final byte outputDelimiter;
    /** How fields are quoted, read and written. */
    final Quoting quoting;

    CsvFile(String name, byte[] data, Charset charset, boolean bom, int headerStart, int headerEnd, byte[] lineEnd,
            List<String> columns, int[] typed, List<Chunk> chunks, long rows, Origin origin, byte delimiter,
            byte[] nullBytes, byte outputDelimiter, Quoting quoting) {
        this.quoting = quoting;
        this.origin = origin;
        this.delimiter = delimiter;
        this.nullBytes = nullBytes;
        this.outputDelimiter = outputDelimiter;
        this.name = name;
        this.data = data;
        this.charset = charset;
        this.bom = bom;
        this.headerStart = headerStart;
        this.headerEnd = headerEnd;
        this.lineEnd = lineEnd;
        this.columns = columns;
        this.typed = typed;
        this.chunks = chunks;
        this.rows = rows;
    }

    /** Returns the byte that separates the fields. */
    public byte delimiter() {
        return delimiter;
    }

    /** Returns the column names, as the header writes them. */
    public List<String> columns() {
        return columns;
    }

    /** Returns the number of rows (blank lines not counted). */
    public long rows() {
        return rows;
    }

    /** Returns the file's 1-based line on which row {@code row} (0-based, the header not counted) starts. */
    public long lineOfRow(long row) {
        Chunk c = chunkOf(row);
        return origin.lineOf(data, c.rowStart[(int) (row - c.firstRow)]);
    }

    /**
     * Returns the type {@link #typedFrame} would give each typed column, without converting any value or failing on
     * a value that does not fit, so that the caller can first check what the expressions need.
     */
    public ColumnType[] chosenTypes(ColumnType[] forced, String[] readers) {
        return ColumnTyping.chosenTypes(columns, typed, censuses(), forced, readers);
    }

    /**
     * Types the columns the reader was asked to type and returns them as a frame, in that order, named as in the
     * header, with the type chosen for each; the values are converted on {@code executor}. A column that
     * {@code readers[i]} says an expression reads (such as {@code --with 'K = A * 2'}) is typed by the rule for such
     * columns, or as {@code forced[i]} ({@code --type}) when that is not null; a column with no reader (null) is
     * typed losslessly, so that written back from the frame it comes out as it came in (see {@link ColumnTyping}).
     *
     * @throws CsvFormatException naming the file, line, column and value for the first value that cannot be its
     *                            column's type, or the header line if the frame would hold two columns of one name
     */
    public TypedFrame typedFrame(ColumnType[] forced, String[] readers, Executor executor) {
        for (int i = 0; i < typed.length; i++) {
            for (int j = 0; j < i; j++) {
                if (typed[j] != typed[i] && columns.get(typed[j]).equals(columns.get(typed[i]))) {
                    throw new CsvFormatException(name, origin.lineOf(data, headerStart), "the header names column "
                            + columns.get(typed[i]) + " twice (columns " + (typed[j] + 1) + " and " + (typed[i] + 1)
                            + ")");
                }
            }
        }
        List<TypeChoice> choices = ColumnTyping.decide(name, columns, typed, censuses(), forced, readers, this::place);
        return new TypedFrame(materialize(choices, executor), choices);
    }

    /**
     * Returns the typed columns as a frame of the {@code types} given, on this thread; each column's values must all
     * be of its type, as a block's {@link StreamTyping.Part#convertible} says. Fewer types than typed columns give
     * the first columns only.
     */
    public DataFrame frame(ColumnType[] types) {
        List<TypeChoice> choices = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            choices.add(new TypeChoice(columns.get(typed[i]), types[i], "as the file's first rows say"));
        }
        return materialize(choices, Runnable::run);
    }

    /** Returns, for each typed column, the kinds of its values and where the first of each is. */
    ColumnTyping.Census[] censuses() {
        ColumnTyping.Census[] census = new ColumnTyping.Census[typed.length];
        for (int i = 0; i < typed.length; i++) {
            census[i] = ColumnTyping.Census.of(chunks, i);
        }
        return census;
    }

    /** Returns the line and the text of the {@code slot}-th typed column's value on {@code row}. */
    ColumnTyping.Place place(int slot, long row) {
        return new ColumnTyping.Place(lineOfRow(row), valueText(slot, row));
    }

    /**
     * Writes the file back to {@code out}: the header and every row as they were read, with the columns {@code names}
     * set to {@code values} — a column the header has is replaced where it stands, any other is added at the end, in
     * order. Everything else is copied byte for byte, in the file's encoding and with its line end. Rows are
     * formatted on {@code executor}, a bounded number of buffers at a time, and written in order.
     *
     * @throws IOException             if writing fails
     * @throws IllegalArgumentException if a computed text cannot be written in the file's encoding
     * @throws CsvFormatException       if a name is the header's twice (which one to replace is unclear)
     */
    public void write(OutputStream out, List<String> names, List<Series<?>> values, Executor executor)
            throws IOException {
        new VerbatimWriter(this, names, values).write(out, executor);
    }

    /**
     * Returns the rows as {@link #write} writes them, formatted on this thread, after the header if {@code header}:
     * one block of a file read as a stream.
     */
    public byte[] format(List<String> names, List<Series<?>> values, boolean header) {
        return new VerbatimWriter(this, names, values).format(header);
    }

    /** Returns the index of the column the header names {@code column}, -1 if none; throws if it names it twice. */
    int indexOf(String column) {
        int first = columns.indexOf(column);
        int last = columns.lastIndexOf(column);
        if (first != last) {
            throw new CsvFormatException(name, origin.lineOf(data, headerStart), "the header names column " + column
                    + " twice (columns " + (first + 1) + " and " + (last + 1) + "), so which one to replace is unclear; "
                    + "rename one of them");
        }
        return first;
    }

    private Chunk chunkOf(long row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " (expected: 0 to " + (rows - 1) + ")");
        }
        int lo = 0;
        int hi = chunks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (chunks.get(mid).firstRow <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return chunks.get(lo);
    }

    /**
     * Returns the {@code slot}-th typed column's field on {@code row} (0-based, the header not counted) as it was
     * classified, its text decoded, so that it can be given the column's type once that is known.
     */
    public FieldValue field(int slot, long row) {
        return field(slot, row, true, new ColumnValues.Scratch(quoting));
    }

    /** As {@link #field(int, long)}, decoding the text only if {@code text} or the field is not a number. */
    FieldValue field(int slot, long row, boolean text, ColumnValues.Scratch scratch) {
        Chunk c = chunkOf(row);
        ColumnValues v = c.values[slot];
        int r = (int) (row - c.firstRow);
        byte kind = v.kinds[r];
        boolean decode = text || kind == ColumnValues.TEXT;
        return new FieldValue(kind, v.bits[r], decode ? CsvReader.text(data, v.from[r], v.to[r], charset, scratch) : null);
    }

    /**
     * Returns the {@code slot}-th typed column's values as doubles, as a column of doubles holds them (an empty field
     * NaN), or null if one is true/false or text.
     */
    public double[] doubles(int slot) {
        double[] d = new double[(int) rows];
        for (Chunk c : chunks) {
            ColumnValues v = c.values[slot];
            if (v.counts[ColumnValues.BOOLEAN] + v.counts[ColumnValues.TEXT] > 0) {
                return null;
            }
            fill(v, ColumnType.DOUBLE, d, (int) c.firstRow, null);
        }
        return d;
    }

    /** Returns the {@code slot}-th typed column's values as longs, or null if one is not an integer. */
    public long[] longs(int slot) {
        long[] l = new long[(int) rows];
        for (Chunk c : chunks) {
            ColumnValues v = c.values[slot];
            if (v.counts[ColumnValues.INT] + v.counts[ColumnValues.LONG] != v.size) {
                return null;
            }
            fill(v, ColumnType.LONG, l, (int) c.firstRow, null);
        }
        return l;
    }

    /** Returns the text of the {@code slot}-th typed column's value on {@code row}. */
    String valueText(int slot, long row) {
        Chunk c = chunkOf(row);
        ColumnValues v = c.values[slot];
        int r = (int) (row - c.firstRow);
        return CsvReader.text(data, v.from[r], v.to[r], charset, new ColumnValues.Scratch(quoting));
    }

    private DataFrame materialize(List<TypeChoice> choices, Executor executor) {
        if (rows > Integer.MAX_VALUE) {
            throw new CsvFormatException(name, "has " + rows + " rows, more than a frame can hold (" + Integer.MAX_VALUE + ")");
        }
        int n = (int) rows;
        Object[] arrays = new Object[choices.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = choices.get(i).type().newArray(n);
        }
        LocalWork.map(executor, (Chunk c) -> {
            ColumnValues.Scratch scratch = new ColumnValues.Scratch(quoting);
            for (int i = 0; i < arrays.length; i++) {
                fill(c.values[i], choices.get(i).type(), arrays[i], (int) c.firstRow, scratch);
            }
            return c;
        }, chunks);
        if (arrays.length == 0) {
            // A frame without columns has no rows: one column of zeros carries the row count (an expression that
            // reads no column, such as K = 1, still makes one value per row).
            return DataFrame.byColumn(ROW_COUNT_COLUMN).of(Series.ofInt(new int[n]));
        }
        Series<?>[] series = new Series<?>[arrays.length];
        String[] labels = new String[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            labels[i] = choices.get(i).column();
            series[i] = choices.get(i).type().series(arrays[i]);
        }
        return DataFrame.byColumn(labels).of(series);
    }

    /** The name of the column that carries the row count of a frame of no typed columns. */
    public static final String ROW_COUNT_COLUMN = "\u0000rows";

    /** Converts one chunk's values of one column to {@code type} into {@code array} from {@code at}. */
    private void fill(ColumnValues v, ColumnType type, Object array, int at, ColumnValues.Scratch scratch) {
        switch (type) {
            case INT -> {
                int[] a = (int[]) array;
                for (int r = 0; r < v.size; r++) {
                    a[at + r] = (int) v.bits[r];
                }
            }
            case LONG -> {
                long[] a = (long[]) array;
                System.arraycopy(v.bits, 0, a, at, v.size);
            }
            case DOUBLE -> {
                double[] a = (double[]) array;
                for (int r = 0; r < v.size; r++) {
                    a[at + r] = switch (v.kinds[r]) {
                        case ColumnValues.DOUBLE -> Double.longBitsToDouble(v.bits[r]);
                        case ColumnValues.EMPTY -> Double.NaN;
                        default -> (double) v.bits[r];
                    };
                }
            }
            case BOOLEAN -> {
                boolean[] a = (boolean[]) array;
                for (int r = 0; r < v.size; r++) {
                    a[at + r] = v.bits[r] != 0;
                }
            }
            case STRING -> {
                String[] a = (String[]) array;
                for (int r = 0; r < v.size; r++) {
                    // A missing value (an empty field, or the --null text) is the empty string.
                    a[at + r] = v.kinds[r] == ColumnValues.EMPTY ? ""
                            : CsvReader.text(data, v.from[r], v.to[r], charset, scratch);
                }
            }
        }
    }
}
