package dev.chunkwise.cli.csv;

import dev.chunkwise.pool.Checks;
import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file into a {@link DataFrame} in parallel: the file is cut into byte ranges, each range is parsed on the
 * pool straight into primitive columns, and the parts are joined in order.
 *
 * <h2>How a range finds its first row</h2>
 * Each range after the first starts after the first newline past its offset, a guess that is wrong only if that
 * newline lies inside a quoted field. The guesses are checked at the seams: every range, parsed from a true row
 * start, ends exactly where the next true row starts; where that is not the next range's guess, the next range is
 * parsed again from the right place. The result is always the sequential reader's.
 *
 * <h2>Types</h2>
 * Column types come from a sample at the start of the file (int, long, double, boolean or text); a later value that
 * does not fit widens its column (int → long → double → text) rather than failing, and {@link Table#notes()} says so.
 * An empty field in a numeric column is NaN, as pandas reads it. Blank lines are skipped.
 */
public final class CsvReader {

    /** Bytes of the file's body sampled for the column types. */
    static final int SAMPLE_BYTES = 64 * 1024;

    private CsvReader() {
    }

    /**
     * A file read into a frame.
     *
     * @param frame the columns, in the header's order
     * @param types the type each column was read as
     * @param notes plain-words notes on columns that were widened past their sampled type
     */
    public record Table(DataFrame frame, ColumnType[] types, List<String> notes) {
    }

    /**
     * Reads {@code file} ({@code .csv}, or {@code .csv.gz}, decompressed first) into about {@code partitions} ranges
     * parsed on {@code pool}, which must run in this JVM (serial or threads).
     *
     * @throws CsvFormatException naming the file, the line and the column at fault, for a missing or unreadable file,
     *                            an empty file, a header with no rows, a ragged row or an unclosed quote
     */
    public static Table read(Path file, Pool pool, int partitions) {
        return read(file, pool, partitions, MIN_RANGE_BYTES, null);
    }

    /**
     * Like {@link #read(Path, Pool, int)}, and tells {@code onSampled} the column names and their sampled types as
     * soon as they are known, before the body is parsed, so that the caller can prepare work that depends on them
     * (compile expressions, say) while the file is read. The final types may still be wider.
     */
    public static Table read(Path file, Pool pool, int partitions,
                             java.util.function.BiConsumer<List<String>, ColumnType[]> onSampled) {
        return read(file, pool, partitions, MIN_RANGE_BYTES, onSampled);
    }

    /** Below this many bytes a range is not split further: splitting would cost more than it saves. */
    static final int MIN_RANGE_BYTES = 1 << 20;

    static Table read(Path file, Pool pool, int partitions, int minRangeBytes) {
        return read(file, pool, partitions, minRangeBytes, null);
    }

    static Table read(Path file, Pool pool, int partitions, int minRangeBytes,
                      java.util.function.BiConsumer<List<String>, ColumnType[]> onSampled) {
        Checks.positive(partitions, "partitions");
        String name = file.toString();
        byte[] data = load(file, name);
        int pos = 0;
        if (data.length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF) {
            pos = 3; // a UTF-8 byte-order mark
        }
        if (new String(data, pos, Math.min(data.length - pos, 4096), StandardCharsets.ISO_8859_1).isBlank()) {
            throw new CsvFormatException(name, 0, "the file is empty (expected a header line naming the columns, such as A,B,C)");
        }

        Header header = Header.parse(data, pos, name);
        int width = header.names.size();
        int bodyStart = header.end;
        long bodyFirstLine = 1 + header.newlines;
        ChunkParser parser = new ChunkParser(data, data.length, width);

        ColumnType[] sampled = sampleTypes(parser, data, bodyStart, width);
        if (onSampled != null) {
            onSampled.accept(List.copyOf(header.names), sampled.clone());
        }
        List<int[]> ranges = ranges(data, bodyStart, data.length, sizeAwarePartitions(data.length - bodyStart, partitions, minRangeBytes));
        // A parser per range: a parser keeps a scratch buffer, so it must not be shared between threads.
        List<ChunkParser.Result> results = pool.map(
                r -> new ChunkParser(data, data.length, width).parse(r[0], r[1], sampled.clone()), ranges, 1);

        // Check the seams, in order; parse again from the true row start where a guess was wrong.
        List<ChunkParser.Result> chunks = new ArrayList<>(results.size());
        java.util.Map<Integer, String> textReasons = new java.util.HashMap<>();
        int expected = bodyStart;
        long line = bodyFirstLine;
        for (int i = 0; i < ranges.size(); i++) {
            int[] range = ranges.get(i);
            ChunkParser.Result r = results.get(i);
            if (range[0] != expected) {
                if (expected >= range[1]) {
                    continue; // a quoted field swallowed this whole range; the previous chunk read its rows
                }
                r = parser.parse(expected, range[1], sampled.clone());
            }
            if (r.error != null) {
                throw new CsvFormatException(name, line + r.errorLine, r.error);
            }
            for (var e : r.madeText.entrySet()) {
                textReasons.putIfAbsent(e.getKey(), "line " + (line + (long) e.getValue()[0]) + " holds \""
                        + abbreviate((String) e.getValue()[1]) + "\", which is not a number");
            }
            chunks.add(r);
            expected = r.end;
            line += r.newlines;
        }
        int rows = chunks.stream().mapToInt(c -> c.rows).sum();
        if (rows == 0) {
            throw new CsvFormatException(name, bodyFirstLine, "the file has a header (" + String.join(", ", header.names)
                    + ") but no rows");
        }

        ColumnType[] types = unifyTypes(chunks, width, parser);
        List<String> notes = new ArrayList<>();
        Series<?>[] columns = new Series<?>[width];
        for (int c = 0; c < width; c++) {
            columns[c] = ColumnJoin.join(chunks, c, types[c], rows);
            if (types[c] != sampled[c]) {
                String why = types[c] == ColumnType.STRING && textReasons.containsKey(c) ? textReasons.get(c)
                        : "a later value did not fit";
                notes.add("column " + header.names.get(c) + " was read as " + types[c].javaName()
                        + ": the sample at the start of the file suggested " + sampled[c].javaName() + ", but " + why);
            }
        }
        return new Table(DataFrame.byColumn(header.names.toArray(String[]::new)).of(columns), types, notes);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "…";
    }

    private static byte[] load(Path file, String name) {
        try {
            if (Files.isDirectory(file)) {
                throw new CsvFormatException(name, 0, "is a directory, not a file");
            }
            if (name.endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CsvFormatException(name, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new CsvFormatException(name, 0, "cannot be read: permission denied");
        } catch (OutOfMemoryError e) {
            throw new CsvFormatException(name, 0, "is too large for this JVM's heap; give it more with CHUNKWISE_OPTS=-Xmx…");
        } catch (IOException e) {
            throw new CsvFormatException(name, 0, "cannot be read: " + e.getMessage());
        }
    }

    private static int sizeAwarePartitions(int bodyBytes, int partitions, int minRangeBytes) {
        return Math.max(1, Math.min(partitions, bodyBytes / minRangeBytes));
    }

    /** Cuts {@code [start, end)} into {@code parts} ranges, each after the first starting after a newline. */
    static List<int[]> ranges(byte[] data, int start, int end, int parts) {
        List<int[]> ranges = new ArrayList<>(parts);
        int from = start;
        long length = end - start;
        for (int i = 1; i <= parts; i++) {
            int to;
            if (i == parts) {
                to = end;
            } else {
                to = (int) (start + length * i / parts);
                while (to < end && data[to - 1] != '\n') {
                    to++;
                }
            }
            if (to > from) {
                ranges.add(new int[]{from, to});
                from = to;
            }
        }
        if (ranges.isEmpty()) {
            ranges.add(new int[]{start, end});
        }
        return ranges;
    }

    private static ColumnType[] sampleTypes(ChunkParser parser, byte[] data, int bodyStart, int width) {
        ColumnType[] types = new ColumnType[width];
        java.util.Arrays.fill(types, ColumnType.INT);
        ChunkParser.Result first = parser.parse(bodyStart, Math.min(data.length, bodyStart + 1), types.clone());
        if (first.error == null && first.rows > 0) {
            for (int c = 0; c < width; c++) {
                if (first.columns[c].type == ColumnType.STRING && first.columns[c].size > 0) {
                    String v = first.columns[c].strings[0];
                    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                        types[c] = ColumnType.BOOLEAN;
                    }
                }
            }
        }
        ChunkParser.Result sample = parser.parse(bodyStart, Math.min(data.length, bodyStart + SAMPLE_BYTES), types.clone());
        if (sample.error != null) {
            return types; // the real parse reports it, with its line
        }
        for (int c = 0; c < width; c++) {
            types[c] = sample.columns[c].type;
        }
        return types;
    }

    /** Makes every chunk's column the widest type any chunk needed, parsing a chunk again where text is needed. */
    private static ColumnType[] unifyTypes(List<ChunkParser.Result> chunks, int width, ChunkParser parser) {
        ColumnType[] types = new ColumnType[width];
        for (int c = 0; c < width; c++) {
            ColumnType t = chunks.get(0).columns[c].type;
            for (ChunkParser.Result r : chunks) {
                t = t.widen(r.columns[c].type);
            }
            types[c] = t;
        }
        for (int i = 0; i < chunks.size(); i++) {
            ChunkParser.Result r = chunks.get(i);
            boolean needsText = false;
            for (int c = 0; c < width; c++) {
                if (types[c] == ColumnType.STRING && r.columns[c].type != ColumnType.STRING) {
                    needsText = true;
                } else if (r.columns[c].type != types[c]) {
                    r.columns[c].widenTo(types[c]);
                }
            }
            if (needsText) {
                chunks.set(i, reparse(parser, r, types));
            }
        }
        return types;
    }

    private static ChunkParser.Result reparse(ChunkParser parser, ChunkParser.Result r, ColumnType[] types) {
        ChunkParser.Result again = parser.parse(r.start, r.end, types.clone());
        for (int c = 0; c < types.length; c++) {
            if (again.columns[c].type != types[c]) {
                again.columns[c].widenTo(types[c]);
            }
        }
        return again;
    }
}
