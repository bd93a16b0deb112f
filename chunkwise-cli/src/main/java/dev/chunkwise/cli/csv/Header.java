package dev.chunkwise.cli.csv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The header line of a CSV file: the column names, and where the body starts. */
final class Header {

    final List<String> names;
    final int end;
    final long newlines;

    private Header(List<String> names, int end, long newlines) {
        this.names = names;
        this.end = end;
        this.newlines = newlines;
    }

    static Header parse(byte[] data, int start, String file) {
        // Parse the first row as one wide row of text: count its fields first.
        int width = countFields(data, start, file);
        ColumnType[] types = new ColumnType[width];
        java.util.Arrays.fill(types, ColumnType.STRING);
        ChunkParser.Result r = new ChunkParser(data, data.length, width).parse(start, start + 1, types);
        if (r.error != null) {
            throw new CsvFormatException(file, 1 + r.errorLine, "in the header: " + r.error);
        }
        List<String> names = new ArrayList<>(width);
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < width; c++) {
            String name = r.columns[c].strings[0].strip();
            if (name.isEmpty()) {
                throw new CsvFormatException(file, 1, "column " + (c + 1) + " has no name in the header");
            }
            Integer before = seen.put(name, c + 1);
            if (before != null) {
                throw new CsvFormatException(file, 1, "the header names column " + name + " twice (columns "
                        + before + " and " + (c + 1) + ")");
            }
            names.add(name);
        }
        return new Header(names, r.end, r.newlines);
    }

    /** Counts the fields of the row at {@code start}, minding quotes. */
    private static int countFields(byte[] data, int start, String file) {
        int fields = 1;
        boolean quoted = false;
        for (int i = start; i < data.length; i++) {
            byte b = data[i];
            if (b == '"') {
                quoted = !quoted;
            } else if (!quoted && b == ',') {
                fields++;
            } else if (!quoted && b == '\n') {
                break;
            }
        }
        if (quoted) {
            throw new CsvFormatException(file, 1, "a quoted name in the header is never closed (a \" is missing): "
                    + new String(data, start, Math.min(60, data.length - start), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        }
        return fields;
    }
}
