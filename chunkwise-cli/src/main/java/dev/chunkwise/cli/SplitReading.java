package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.CsvDialect;
import dev.chunkwise.cli.csv.CsvStream;
import dev.chunkwise.cli.csv.Quoting;
import dev.chunkwise.cli.data.ColumnType;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * How every split of a cluster run is read, decided once on the driver from the first file's header and sent with the
 * tasks: the encoding, the dialect with the delimiter fixed (so that every file is read with the first file's), the
 * columns every file's header must have, and which of them are typed.
 *
 * @param charset    the encoding's name
 * @param delimiter  the field delimiter
 * @param header     whether the first row of each file names the columns
 * @param nullText   the text of a missing value, or null
 * @param outputDelimiter the output's delimiter, or null for the input's
 * @param quote      the quote character, or {@link Quoting#NONE}
 * @param escape     the escape character, or {@link Quoting#NONE}
 * @param headerRow  the 1-based line of each file that its header is on
 * @param columns    the columns of the first file's header
 * @param typed      the typed columns (indexes into {@code columns})
 * @param forced     for each typed column, {@code --type}'s type or null
 * @param blockBytes the bytes of a block, as a local stream reads it
 */
record SplitReading(String charset, byte delimiter, boolean header, String nullText, Byte outputDelimiter, int quote,
                    int escape, int headerRow, List<String> columns, int[] typed, ColumnType[] forced, int blockBytes)
        implements Serializable {

    /** Returns how a split is read with {@code dialect}, its delimiter fixed as {@code delimiter}. */
    static SplitReading of(Charset charset, byte delimiter, CsvDialect dialect, List<String> columns, int[] typed,
                           ColumnType[] forced, int blockBytes) {
        return new SplitReading(charset.name(), delimiter, dialect.header(), dialect.nullText(),
                dialect.outputDelimiter(), dialect.quoting().quote(), dialect.quoting().escape(), dialect.headerRow(),
                columns, typed, forced, blockBytes);
    }

    SplitReading {
        columns = new ArrayList<>(columns);
    }

    /** Returns the dialect, with the delimiter fixed. */
    CsvDialect dialect() {
        return new CsvDialect(delimiter, header, nullText, outputDelimiter, new Quoting(quote, escape), headerRow);
    }

    /**
     * Opens {@code split} as a stream of blocks, its header read and checked against the first file's.
     *
     * @throws SplitFailure naming the file if its header is not the first file's
     */
    CsvStream open(InputSplit split) throws IOException {
        Path path = new Path(split.uri());
        InputStream in = split.compression().decompress(ClusterFiles.of(path).open(path, 1 << 16));
        CsvStream stream;
        try {
            stream = CsvStream.open(in, split.name(), Charset.forName(charset), dialect(), blockBytes);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
        if (!stream.header().columns().equals(columns)) {
            stream.close();
            throw new SplitFailure(split.name() + ": its columns " + String.join(", ", stream.header().columns())
                    + " are not those of the first file (" + String.join(", ", columns) + "); every file of the "
                    + "input must have the same header");
        }
        return stream;
    }

    /** A split that cannot be read or computed, for a reason its message says in full. */
    static final class SplitFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SplitFailure(String message) {
            super(message);
        }
    }
}
