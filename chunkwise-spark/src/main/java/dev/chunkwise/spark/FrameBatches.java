package dev.chunkwise.spark;

import dev.chunkwise.frame.PartitionFunction;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The Spark task of {@link SparkFrames}: reads a partition's rows in batches of at most {@code batchRows}, makes each
 * batch a DFLib frame, applies the function to it and gives the result's rows, in order, before it reads the next
 * batch, so that a task holds one batch and its result at a time.
 */
final class FrameBatches implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final PartitionFunction fn;
    private final FrameSchema in;
    private final FrameSchema out;
    private final int batchRows;
    private final String origin;

    /**
     * @param origin where {@code out} came from, for messages, such as {@code the given schema}
     */
    FrameBatches(PartitionFunction fn, FrameSchema in, FrameSchema out, int batchRows, String origin) {
        this.fn = fn;
        this.in = in;
        this.out = out;
        this.batchRows = batchRows;
        this.origin = origin;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Rows(rows, TaskContext.getPartitionId());
    }

    /**
     * Reads up to {@code batchRows} rows of {@code rows} as a frame of schema {@code in}, or returns null if there are
     * none left.
     */
    static DataFrame nextBatch(Iterator<Row> rows, FrameSchema in, int batchRows) {
        if (!rows.hasNext()) {
            return null;
        }
        List<Row> batch = new ArrayList<>(Math.min(batchRows, 4096));
        while (batch.size() < batchRows && rows.hasNext()) {
            batch.add(rows.next());
        }
        return in.frame(batch);
    }

    /**
     * Applies {@code fn} to the batch {@code frame} and materializes every column it computed (a column passed through
     * from {@code frame} is kept as it is), so that the work and the failures of a lazy DFLib column happen here.
     *
     * @throws SparkPartitionFailedException with the batch's place if the function threw
     */
    static DataFrame applyTo(PartitionFunction fn, DataFrame frame, Batch batch) {
        try {
            DataFrame out = fn.apply(frame);
            return out == null ? null : materialized(out, frame);
        } catch (VirtualMachineError e) {
            throw e; // Spark's own handling of an executor out of memory stays as it is
        } catch (RuntimeException | Error e) {
            throw batch.threw(e);
        }
    }

    private static DataFrame materialized(DataFrame out, DataFrame in) {
        String[] labels = out.getColumnsIndex().toArray();
        Series<?>[] columns = new Series<?>[labels.length];
        boolean changed = false;
        for (int c = 0; c < labels.length; c++) {
            Series<?> s = out.getColumn(c);
            boolean passed = in.getColumnsIndex().contains(labels[c]) && in.getColumn(labels[c]) == s;
            columns[c] = passed ? s : s.materialize();
            changed |= columns[c] != s;
        }
        return changed ? DataFrame.byColumn(labels).of(columns) : out;
    }

    /** A partition's output rows, computed one batch at a time as they are read. */
    private final class Rows implements Iterator<Row> {
        private final Iterator<Row> input;
        private final int partition;
        private long firstRow;
        private ResultRows result;
        private int next;

        Rows(Iterator<Row> input, int partition) {
            this.input = input;
            this.partition = partition;
        }

        @Override
        public boolean hasNext() {
            while (result == null || next >= result.height()) {
                DataFrame frame = nextBatch(input, in, batchRows);
                if (frame == null) {
                    result = null;
                    return false;
                }
                Batch batch = new Batch(partition, firstRow, frame.height());
                result = ResultRows.check(applyTo(fn, frame, batch), frame, out, batch, origin);
                firstRow += frame.height();
                next = 0;
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException("partition " + partition + " has no more rows");
            }
            return result.row(next++);
        }
    }
}
