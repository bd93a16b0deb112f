package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.data.ColumnType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the first rows of a CSV file say about it, quickly: its delimiter, line end and byte-order mark, its columns,
 * and for each the type an expression would see ({@link ColumnTyping#forExpressions}, from the sampled rows only)
 * with a few of its values. What {@code chunkwise schema} prints.
 *
 * @param delimiter the field delimiter, detected or as given
 * @param lineEnd   the header's line end: {@code LF}, {@code CRLF} or {@code CR}
 * @param bom       whether the file starts with a UTF-8 byte-order mark
 * @param rows      the rows sampled
 * @param whole     whether the sample is the whole file
 * @param columns   each column, in the header's order
 */
public record CsvSchema(byte delimiter, String lineEnd, boolean bom, long rows, boolean whole, List<Column> columns) {

    /** The values a sample of the first rows shows of each column. */
    static final int SAMPLE_VALUES = 3;

    /**
     * One column of the header.
     *
     * @param name    as the header writes it
     * @param type    the type an expression would see, from the sampled rows
     * @param why     why, in plain words; or, for a column an expression could not read as it is, what is wrong
     * @param mixed   whether some sampled value does not fit the type (an expression reading it would stop there)
     * @param samples the first few distinct values, as text
     */
    public record Column(String name, ColumnType type, String why, boolean mixed, List<String> samples) {
    }

    /**
     * Reads about {@code bytes} bytes of {@code in} (already decompressed), the file named {@code name}, and
     * describes them; the stream is closed.
     *
     * @param dialect   the delimiter (or null to detect it), the header, the null text
     * @throws CsvFormatException naming the file and the line for a header or a sampled row that cannot be read
     */
    public static CsvSchema read(InputStream in, String name, Charset charset, CsvDialect dialect, int bytes)
            throws IOException {
        try (CsvStream stream = CsvStream.open(in, name, charset, dialect, bytes)) {
            CsvReader header = stream.header();
            int width = header.columns().size();
            int[] all = new int[width];
            for (int i = 0; i < width; i++) {
                all[i] = i;
            }
            CsvFile sample = header.read(all, Runnable::run, 1);
            boolean whole = stream.next() == null;
            ColumnTyping.Census[] census = sample.censuses();
            List<Column> columns = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                String column = header.columns().get(i);
                ColumnTyping.Outcome o = ColumnTyping.forExpressions(column, census[i], null);
                String why = o.choice().reason();
                if (o.misfit() != null) {
                    ColumnTyping.Place p = sample.place(i, o.misfit().row());
                    why = "line " + p.line() + ": \"" + Messages.abbreviate(p.text()) + "\" " + o.misfit().why();
                }
                Set<String> values = new LinkedHashSet<>();
                for (long r = 0; r < Math.min(sample.rows(), 1000) && values.size() < SAMPLE_VALUES; r++) {
                    values.add(sample.valueText(i, r));
                }
                columns.add(new Column(column, o.choice().type(), why, o.misfit() != null, List.copyOf(values)));
            }
            String end = header.lineEnd().length == 2 ? "CRLF" : header.lineEnd()[0] == '\r' ? "CR" : "LF";
            return new CsvSchema(header.delimiter(), end, header.bom(), sample.rows(), whole, List.copyOf(columns));
        }
    }
}
