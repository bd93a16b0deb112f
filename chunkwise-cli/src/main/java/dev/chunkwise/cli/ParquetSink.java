package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.SafeOutput;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.dflib.DataFrame;
import org.dflib.parquet.Parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Parquet output written as a stream of row groups, in order: each part of the result is encoded on any thread into
 * a file of its own beside the output ({@link #encode}), and the parts are then copied into the output one after
 * another without decoding ({@link #append}). The first part fixes the output's schema; a later part whose schema
 * differs is an error. The output is the {@link SafeOutput}'s temporary file, committed by the caller.
 */
final class ParquetSink {

    private final SafeOutput out;
    private int encoded;
    private ParquetFileWriter writer;
    private MessageType schema;
    private Map<String, String> metadata;
    private int appended;

    ParquetSink(SafeOutput out) throws IOException {
        this.out = out;
        out.stream().close(); // the Parquet writer takes the temporary file by its path
    }

    /** Encodes {@code part} into a file of its own, on the calling thread, and returns it for {@link #append}. */
    Path encode(DataFrame part) throws IOException {
        Path file = scratch();
        Parquet.saver().save(part, file);
        return file;
    }

    private synchronized Path scratch() throws IOException {
        return out.scratchFile("part-" + encoded++ + ".parquet");
    }

    /**
     * Copies the row groups of {@code part}, a file {@link #encode} made, to the output after those already there, and
     * deletes it.
     *
     * @param what how a message names the part, such as {@code rows 65,537 to 131,072}
     * @throws JobFailedException if its schema is not the first part's
     */
    @SuppressWarnings("deprecation") // the writer's other constructors differ only in encryption, which is not used
    void append(Path part, String what) throws IOException {
        try {
            ParquetMetadata footer;
            try (ParquetFileReader reader = ParquetFileReader.open(new ChannelInputFile(part))) {
                footer = reader.getFooter();
            }
            MessageType s = footer.getFileMetaData().getSchema();
            if (writer == null) {
                schema = s;
                metadata = footer.getFileMetaData().getKeyValueMetaData();
                writer = new ParquetFileWriter(new LocalOutputFile(out.temporaryFile()), schema,
                        ParquetFileWriter.Mode.OVERWRITE, ParquetWriter.DEFAULT_BLOCK_SIZE, 0);
                writer.start();
            } else if (!s.equals(schema)) {
                throw new JobFailedException("the Parquet output's columns were fixed by its first rows as ("
                        + columns(schema) + "), but " + what + " give (" + columns(s) + "); give --type for the "
                        + "columns that differ, or --no-stream to write the output whole");
            }
            writer.appendFile(new ChannelInputFile(part));
            appended++;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Returns the schema's columns on one line: {@code required int32 A, optional binary S (STRING)}. */
    private static String columns(MessageType schema) {
        return schema.getFields().stream().map(Type::toString).collect(Collectors.joining(", "));
    }

    /** Deletes a part that will not be appended (its rows are computed again). */
    void discard(Path part) throws IOException {
        Files.deleteIfExists(part);
    }

    /**
     * Ends the output's file (its footer); the caller commits it.
     *
     * @throws IllegalStateException if no part was appended
     */
    void finish() throws IOException {
        if (writer == null) {
            throw new IllegalStateException("no part appended (the first part, even of no rows, fixes the schema)");
        }
        writer.end(metadata);
    }

    /** Returns the parts appended so far. */
    int appended() {
        return appended;
    }
}
