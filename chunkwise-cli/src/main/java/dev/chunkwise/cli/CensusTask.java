package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.CsvFile;
import dev.chunkwise.cli.csv.CsvStream;
import dev.chunkwise.cli.csv.SplitCensus;
import dev.chunkwise.cli.data.DataFileException;
import org.apache.spark.api.java.function.Function;

import java.io.IOException;
import java.io.Serializable;

/**
 * The first job of a cluster run, on the executors: reads one split whole, block by block as a local stream reads it,
 * and returns only its census (the kinds of the typed columns' values) and its row count, or why it cannot be read.
 */
final class CensusTask implements Function<InputSplit, CensusTask.Result> {

    private static final long serialVersionUID = 1L;

    private final SplitReading reading;

    CensusTask(SplitReading reading) {
        this.reading = reading;
    }

    /**
     * What a split's census gives back.
     *
     * @param census    the census, or null if it failed
     * @param bytesRead the bytes read, decompressed
     * @param failure   the message of why the split cannot be read (a malformed row, another header), or null
     */
    record Result(SplitCensus census, long bytesRead, String failure) implements Serializable {
    }

    @Override
    public Result call(InputSplit split) throws IOException {
        try (CsvStream stream = reading.open(split)) {
            SplitCensus census = new SplitCensus(reading.typed().length);
            CsvFile first = stream.header().read(reading.typed(), Runnable::run, 1);
            census.add(first, reading.forced());
            for (CsvStream.Block b = stream.next(); b != null; b = stream.next()) {
                census.add(b.read(reading.typed()), reading.forced());
            }
            return new Result(census, stream.bytesRead(), null);
        } catch (DataFileException | SplitReading.SplitFailure e) {
            return new Result(null, 0, e.getMessage());
        }
    }
}
