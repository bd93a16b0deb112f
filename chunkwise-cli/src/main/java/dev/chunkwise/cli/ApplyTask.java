package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.Compression;
import dev.chunkwise.cli.csv.CsvFile;
import dev.chunkwise.cli.csv.CsvStream;
import dev.chunkwise.cli.csv.CsvWriter;
import dev.chunkwise.cli.csv.StreamTyping;
import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.DataFileException;
import dev.chunkwise.cli.expr.ExpressionFailedException;
import dev.chunkwise.frame.PartitionFunction;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The second job of a cluster run, on the executors: reads one split with the final types, computes each block as the
 * local stream does (the same blocks, the same function, the columns no expression reads copied byte for byte by the
 * same writer) and writes the split's part file into the run's temporary directory. A task attempt writes a file of
 * its own and renames it to the part's name only when whole, so that an attempt that dies (its executor lost)
 * leaves no part behind that looks done; a failing row is not a task failure but a result that names it, so that
 * Spark does not retry what would fail again and the driver says it as the local run does.
 */
final class ApplyTask implements Function<InputSplit, ApplyTask.Result> {

    private static final long serialVersionUID = 1L;

    /** The directory, inside the temporary one, where task attempts write before their part is whole. */
    static final String ATTEMPTS = "_attempts";

    private final SplitReading reading;
    private final ColumnType[] types;
    private final String[] readers;
    private final List<String> names;
    private final PartitionFunction fn;
    private final String userClass;
    private final String dir;
    private final Compression compression;
    private final long[] firstRows;
    private final boolean headerInEveryPart;

    /**
     * @param names             the columns the expressions set, written into the input's rows; empty with
     *                          {@code userClass}, whose results are formatted from the frame (as locally)
     * @param userClass         the {@code --apply} class's name, or null for {@code --with} expressions
     * @param dir               the temporary directory the parts go into
     * @param compression       how the parts are compressed
     * @param firstRows         for each split, the data rows of the splits before it (for messages)
     * @param headerInEveryPart whether every part starts with the header, or only the first (parts concatenated)
     */
    ApplyTask(SplitReading reading, ColumnType[] types, String[] readers, List<String> names, PartitionFunction fn,
              String userClass, String dir, Compression compression, long[] firstRows, boolean headerInEveryPart) {
        this.reading = reading;
        this.types = types.clone();
        this.readers = readers.clone();
        this.names = List.copyOf(names);
        this.fn = fn;
        this.userClass = userClass;
        this.dir = dir;
        this.compression = compression;
        this.firstRows = firstRows.clone();
        this.headerInEveryPart = headerInEveryPart;
    }

    /** Returns the name of split {@code index}'s part file for parts compressed by {@code compression}. */
    static String partName(int index, Compression compression) {
        return String.format(Locale.ROOT, "part-%05d", index) + ClusterFiles.extension(compression);
    }

    /**
     * What a split's task gives back.
     *
     * @param rows         the data rows written
     * @param bytesRead    the bytes read, decompressed
     * @param bytesWritten the bytes written, before compression
     * @param failure      the message of the first failing row, as the local run says it, or null
     */
    record Result(long rows, long bytesRead, long bytesWritten, String failure) implements Serializable {
    }

    @Override
    public Result call(InputSplit split) throws IOException {
        Path part = new Path(dir, partName(split.index(), compression));
        TaskContext task = TaskContext.get();
        Path attempt = new Path(new Path(dir, ATTEMPTS), part.getName() + "." + (task == null ? 0 : task.taskAttemptId()));
        FileSystem fs = ClusterFiles.of(part);
        long rows = 0;
        long written = 0;
        long bytesRead = 0;
        String failure = null;
        try (CsvStream stream = reading.open(split);
             OutputStream out = compression.compress(fs.create(attempt, true))) {
            boolean header = headerInEveryPart || split.index() == 0;
            CsvFile block = stream.header().read(reading.typed(), Runnable::run, 1);
            while (block != null && failure == null) {
                if (!StreamTyping.of(block, reading.forced()).convertible(types, readers)) {
                    throw new SplitReading.SplitFailure(split.name() + " changed while it was read (its values "
                            + "gave other types than when they were counted); run again when nothing writes it");
                }
                DataFrame result = null;
                try {
                    result = fn.apply(block.frame(types));
                } catch (ExpressionFailedException x) {
                    failure = x.describe("on line " + block.lineOfRow(x.row()) + " of " + split.name()
                            + ", data row " + (firstRows[split.index()] + rows + x.row() + 1));
                } catch (RuntimeException e) {
                    failure = (userClass != null ? "--apply " + userClass : "an expression") + " failed: " + e;
                }
                if (result != null) {
                    byte[] bytes = format(block, result, header);
                    out.write(bytes);
                    written += bytes.length;
                    rows += block.rows();
                    header = false;
                    CsvStream.Block next = stream.next();
                    block = next == null ? null : next.read(reading.typed());
                }
            }
            bytesRead = stream.bytesRead();
        } catch (DataFileException | SplitReading.SplitFailure | IllegalArgumentException e) {
            failure = e.getMessage();
        }
        if (failure != null) {
            fs.delete(attempt, false);
            return new Result(0, 0, 0, failure);
        }
        if (fs.exists(part)) {
            fs.delete(part, false); // an earlier attempt's, whole and equal
        }
        if (!fs.rename(attempt, part)) {
            throw new IOException("could not rename " + attempt + " to " + part);
        }
        return new Result(rows, bytesRead, written, null);
    }

    /** Formats a block's result as the local stream does: into the input's rows, or from the frame for {@code --apply}. */
    private byte[] format(CsvFile block, DataFrame result, boolean header) {
        if (userClass == null) {
            return block.format(names, names.stream().<Series<?>>map(result::getColumn).toList(), header);
        }
        CsvWriter.Format format = CsvWriter.Format.of(reading.dialect(), block.delimiter(),
                Charset.forName(reading.charset()));
        byte[] rows = format.rows(result);
        if (!header || !format.hasHeader()) {
            return rows;
        }
        byte[] head = format.header(result);
        byte[] all = Arrays.copyOf(head, head.length + rows.length);
        System.arraycopy(rows, 0, all, head.length, rows.length);
        return all;
    }
}
