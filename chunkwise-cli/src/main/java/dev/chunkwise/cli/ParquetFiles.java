package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.SafeOutput;
import dev.chunkwise.cli.data.DataFileException;
import dev.chunkwise.cli.work.LocalWork;
import dev.chunkwise.frame.Partitions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.dflib.parquet.Parquet;
import org.dflib.parquet.read.DataFrameParquetReaderBuilder;
import org.dflib.parquet.read.converter.NoNullsRowConverter;
import org.dflib.parquet.read.converter.NullAwareRowConverter;
import org.dflib.parquet.read.converter.StoringConverter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

/**
 * Parquet files for the command line, through DFLib's Parquet module, with their row groups read and written in
 * parallel: a Parquet file is a run of row groups, each of which is encoded and decoded on its own.
 */
final class ParquetFiles {

    /** Row groups are made of at least this many rows, so that a small frame is written as one. */
    static final int MIN_ROWS_PER_GROUP = 65_536;

    private ParquetFiles() {
    }

    /**
     * Reads {@code file}, its row groups spread over {@code executor} in up to {@code 2 * threads} runs of neighbouring
     * groups (a file of one row group, or one thread, is read on this thread).
     *
     * @param threads how many tasks {@code executor} runs at once
     * @throws DataFileException naming the file if it is missing or not a Parquet file
     */
    static DataFrame read(Path file, Executor executor, int threads) {
        if (!Files.exists(file)) {
            throw new DataFileException(file.toString(), "no such file");
        }
        try {
            ParquetMetadata footer = footer(file);
            List<BlockMetaData> groups = footer.getBlocks();
            if (groups.size() < 2 || threads < 2) {
                return Parquet.load(file);
            }
            MessageType schema = footer.getFileMetaData().getSchema();
            List<List<BlockMetaData>> runs = runs(groups, Math.min(groups.size(), 2 * threads));
            return Partitions.concat(LocalWork.map(executor, run -> readGroups(file, schema, run), runs));
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(file.toString(), "cannot be read as Parquet: " + rootMessage(e));
        }
    }

    /** Cuts {@code groups} into at most {@code n} runs of neighbours with about as many rows each. */
    static List<List<BlockMetaData>> runs(List<BlockMetaData> groups, int n) {
        long total = groups.stream().mapToLong(BlockMetaData::getRowCount).sum();
        List<List<BlockMetaData>> runs = new ArrayList<>();
        List<BlockMetaData> run = new ArrayList<>();
        long done = 0;
        for (BlockMetaData g : groups) {
            run.add(g);
            done += g.getRowCount();
            if (runs.size() < n - 1 && done * n >= total * (runs.size() + 1L)) {
                runs.add(run);
                run = new ArrayList<>();
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    /**
     * Cuts {@code groups} into runs of neighbours of about {@code bytes} uncompressed bytes each, a group at least: the
     * pieces of a file read as a stream.
     */
    static List<List<BlockMetaData>> runsOfBytes(List<BlockMetaData> groups, long bytes) {
        List<List<BlockMetaData>> runs = new ArrayList<>();
        List<BlockMetaData> run = new ArrayList<>();
        long size = 0;
        for (BlockMetaData g : groups) {
            run.add(g);
            size += g.getTotalByteSize();
            if (size >= bytes) {
                runs.add(run);
                run = new ArrayList<>();
                size = 0;
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    /** Reads the row groups of {@code run} (neighbours in the file) into a frame, as DFLib's loader reads a file. */
    static DataFrame readGroups(Path file, MessageType schema, List<BlockMetaData> run) {
        int rows = Math.toIntExact(run.stream().mapToLong(BlockMetaData::getRowCount).sum());
        String[] labels = schema.getFields().stream().map(Type::getName).toArray(String[]::new);
        StoringConverter[] converters = new StoringConverter[labels.length];
        for (int c = 0; c < labels.length; c++) {
            converters[c] = StoringConverter.ofAccum(schema.getFields().get(c), rows, false);
        }
        StoringConverter[] nullable = Arrays.stream(converters).filter(StoringConverter::allowsNulls)
                .toArray(StoringConverter[]::new);
        GroupConverter row = nullable.length > 0 ? new NullAwareRowConverter(converters, nullable)
                : new NoNullsRowConverter(converters);
        // A reader given a byte range takes the row groups whose middle falls in it: from the first group's start to
        // the last group's end takes exactly this run.
        BlockMetaData last = run.get(run.size() - 1);
        long start = run.get(0).getStartingPos();
        long end = last.getStartingPos() + last.getCompressedSize();
        try (ParquetReader<Object> reader = new DataFrameParquetReaderBuilder(new ChannelInputFile(file), schema, row)
                .withFileRange(start, end).build()) {
            while (reader.read() != null) {
                // the converters keep the values
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Series<?>[] columns = new Series<?>[labels.length];
        for (int c = 0; c < labels.length; c++) {
            columns[c] = converters[c].accum().toSeries();
        }
        return DataFrame.byColumn(labels).of(columns);
    }

    /** Returns the footer of {@code file}: its schema and row groups. */
    static ParquetMetadata footer(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new ChannelInputFile(file))) {
            return reader.getFooter();
        }
    }

    /**
     * Writes {@code df} to the temporary file of {@code out}, which the caller commits: up to {@code partitions} row
     * groups encoded at once on {@code executor}, each into a file of its own beside the output, then copied into the
     * output group by group, without decoding. A frame too small for two groups of {@value #MIN_ROWS_PER_GROUP} rows,
     * or one thread, is written as one group on this thread.
     *
     * @param threads how many tasks {@code executor} runs at once
     */
    @SuppressWarnings("deprecation") // the writer's other constructors differ only in encryption, which is not used
    static void write(DataFrame df, SafeOutput out, Executor executor, int threads, int partitions) throws IOException {
        int groups = Math.min(partitions, df.height() / MIN_ROWS_PER_GROUP);
        if (groups < 2 || threads < 2) {
            Parquet.saver().save(df, out.temporaryFile());
            return;
        }
        List<DataFrame> slices = Partitions.split(df, groups);
        List<String> parts = new ArrayList<>();
        try {
            for (int i = 0; i < groups; i++) {
                parts.add(out.scratchFile("group-" + i + ".parquet").toString());
            }
            LocalWork.map(executor, i -> {
                Parquet.saver().save(slices.get(i), Path.of(parts.get(i)));
                return i;
            }, IntStream.range(0, groups).boxed().toList());
            List<ParquetMetadata> footers = new ArrayList<>();
            for (String part : parts) {
                footers.add(footer(Path.of(part)));
            }
            MessageType schema = footers.get(0).getFileMetaData().getSchema();
            if (footers.stream().anyMatch(f -> !f.getFileMetaData().getSchema().equals(schema))) {
                // Each part's column types were inferred from its own rows, and they differ (a column of nulls in
                // one part, say): write the frame whole instead.
                Parquet.saver().save(df, out.temporaryFile());
                return;
            }
            ParquetFileWriter writer = new ParquetFileWriter(new LocalOutputFile(out.temporaryFile()), schema,
                    ParquetFileWriter.Mode.OVERWRITE, ParquetWriter.DEFAULT_BLOCK_SIZE, 0);
            writer.start();
            for (String part : parts) {
                writer.appendFile(new ChannelInputFile(Path.of(part)));
            }
            writer.end(footers.get(0).getFileMetaData().getKeyValueMetaData());
        } finally {
            for (String part : parts) {
                Files.deleteIfExists(Path.of(part));
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
