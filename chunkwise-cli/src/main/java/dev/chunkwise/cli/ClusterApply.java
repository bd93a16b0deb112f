package dev.chunkwise.cli;

import dev.chunkwise.cli.ApplyInput.ColumnsRead;
import dev.chunkwise.cli.ApplySettings.Computation;
import dev.chunkwise.cli.ApplySettings.Source;
import dev.chunkwise.cli.csv.Compression;
import dev.chunkwise.cli.csv.CsvReader;
import dev.chunkwise.cli.csv.CsvFormatException;
import dev.chunkwise.cli.csv.CsvStream;
import dev.chunkwise.cli.csv.Delimiters;
import dev.chunkwise.cli.csv.SplitTyping;
import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.cli.expr.ExpressionFunction;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.spark.SparkPool;
import dev.chunkwise.time.Durations;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One run of {@code chunkwise apply PATH --backend spark --master URL}: the executors read the input and write the
 * output, and the driver (this JVM) plans, checks and commits. The driver lists the input's files (one split each:
 * {@link InputSplits}) and reads the first file's header, and nothing else of the data; two Spark jobs do the rest:
 * <ol>
 *   <li><b>census</b>: each split is read whole on an executor, which returns the kinds of the typed columns' values
 *   and the row count ({@link CensusTask}); the driver adds them in order and chooses the types from all the rows,
 *   as the local run does, or fails naming the file, line, column and value;</li>
 *   <li><b>apply</b>: each split is read again with those types and computed block by block by the local stream's
 *   code, its part file written into a temporary directory beside the output ({@link ApplyTask});</li>
 * </ol>
 * then the driver commits the parts by renaming the directory ({@link OutputDirectory}). What comes back to the driver
 * is a few numbers a split, and a message where a split failed.
 */
final class ClusterApply implements ApplyRun {

    /** A block's bytes on the executors unless {@code --block-size} says: the local stream's largest. */
    static final int BLOCK_BYTES = 8 << 20;

    private final String input;
    private final String output;
    private final boolean singleFile;
    private final Source source;
    private final List<Assignment> assignments;
    private final Computation computation;
    private final String userJar;
    private final String master;
    private final boolean explain;
    private final int blockBytes;

    /**
     * @param input      the input as the user wrote it: a file, a directory or a glob, on any file system Hadoop knows
     * @param output     the output directory (or file, with {@code singleFile}) as the user wrote it
     * @param computation the {@code --with} expressions, or the {@code --apply} class
     * @param userJar    the {@code --apply} class's jar, shipped to the executors; null with {@code --with}
     * @param blockBytes the bytes of a block on the executors, 0 for {@link #BLOCK_BYTES}
     */
    ClusterApply(String input, String output, boolean singleFile, Source source, Computation computation,
                 String userJar, String master, boolean explain, int blockBytes) {
        this.input = input;
        this.output = output;
        this.singleFile = singleFile;
        this.source = source;
        this.computation = computation;
        this.assignments = computation.assignments();
        this.userJar = userJar;
        this.master = master;
        this.explain = explain;
        this.blockBytes = blockBytes > 0 ? blockBytes : BLOCK_BYTES;
    }

    @Override
    public String describe(TaskFailedException e) {
        return (computation.userClass() != null ? "--apply " + computation.userClass() : "an expression")
                + " failed: " + (e.getCause() != null ? e.getCause() : e.getMessage());
    }

    @Override
    public void run(PrintWriter err) throws IOException {
        long t0 = System.nanoTime();
        List<InputSplit> splits = InputSplits.of(input);
        SplitReading reading;
        ColumnsRead read;
        try (CsvStream first = header(splits.get(0))) {
            CsvReader header = first.header();
            read = ColumnsRead.of(header, assignments, source.types(), computation.userFunction() != null);
            read.notes().forEach(n -> err.println("note: " + n));
            reading = SplitReading.of(source.charset(), header.delimiter(), source.dialect(), header.columns(),
                    read.typed(), read.forced(), blockBytes);
        }
        Compression parts = singleFile ? ClusterFiles.compressionOf(new Path(output).getName())
                : compressionOr(new Path(output).getName());
        try (OutputDirectory out = OutputDirectory.open(output, singleFile);
             SparkPool pool = SparkPool.connect(master)) {
            SparkContext sc = pool.session().sparkContext();
            SparkStageMetrics metrics = new SparkStageMetrics();
            sc.addSparkListener(metrics);
            int shipped = shipJars(sc, userJar);
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
            long t1 = System.nanoTime();

            jsc.setJobDescription("census");
            List<CensusTask.Result> census = collect(jsc.parallelize(splits, splits.size()).map(new CensusTask(reading)));
            SplitTyping typing = new SplitTyping(reading.columns(), reading.typed());
            long[] firstRows = new long[splits.size()];
            for (int i = 0; i < splits.size(); i++) {
                CensusTask.Result r = census.get(i);
                if (r.failure() != null) {
                    throw new JobFailedException(r.failure());
                }
                firstRows[i] = typing.rows();
                typing.add(splits.get(i).name(), r.census());
            }
            List<TypeChoice> choices = choices(typing, read, reading);
            ColumnType[] types = choices.stream().map(TypeChoice::type).toArray(ColumnType[]::new);
            PartitionFunction fn = computation.userFunction() != null ? computation.userFunction()
                    : ExpressionFunction.compile(assignments, read.typesByName(reading.columns(), types));
            List<String> names = assignments.stream().map(Assignment::column).distinct().toList();
            long t2 = System.nanoTime();

            jsc.setJobDescription("apply");
            ApplyTask task = new ApplyTask(reading, types, read.readers(), names, fn, computation.userClass(),
                    out.temporary(), parts, firstRows, !singleFile);
            List<ApplyTask.Result> applied = collect(jsc.parallelize(splits, splits.size()).map(task));
            for (ApplyTask.Result r : applied) {
                if (r.failure() != null) {
                    throw new JobFailedException(r.failure());
                }
            }
            long t3 = System.nanoTime();
            List<String> partNames = splits.stream().map(s -> ApplyTask.partName(s.index(), parts)).toList();
            out.commit(partNames, singleFile);
            long t4 = System.nanoTime();
            if (explain) {
                int executors = sc.statusTracker().getExecutorInfos().length - 1;
                err.println(String.format(Locale.ROOT, "plan: on the Spark cluster %s: the executors read and write; "
                                + "%d split%s (one per file) on %d executor%s (%d cores); the driver read only the "
                                + "first 64 KiB of the first file, for its header; %d jars shipped (spark.jars)", master, splits.size(),
                        splits.size() == 1 ? "" : "s", executors, executors == 1 ? "" : "s", sc.defaultParallelism(),
                        shipped));
                explainSplits(err, splits, census, applied);
                if (reading.delimiter() != ',') {
                    err.println("delimiter " + Delimiters.name(reading.delimiter())
                            + (source.dialect().delimiter() != null ? " (--delimiter)" : " (detected from the first lines)"));
                }
                choices.forEach(c -> err.println("column " + c));
                explainJob(err, "census (with the executors' start)", metrics.job("census"), t2 - t1);
                explainJob(err, "apply", metrics.job("apply"), t3 - t2);
                err.println("commit " + Durations.format(t4 - t3) + " (" + (singleFile ? "the parts copied in order "
                        + "into " + output : "renamed to " + output + ", with _SUCCESS") + "); planning and the "
                        + "session's start " + Durations.format(t1 - t0) + "; total " + Durations.format(t4 - t0));
            }
        }
    }

    /**
     * Returns the type of each typed column and why, as the whole-file reader chooses them: from all the values, but
     * text for a column of numbers that an expression uses as text ({@code Integer.parseInt(S)}), which is then no
     * misfit either.
     *
     * @throws CsvFormatException naming the file, line, column and value that cannot be its type
     */
    private List<TypeChoice> choices(SplitTyping typing, ColumnsRead read, SplitReading reading) {
        ColumnType[] chosen = typing.chosenTypes(reading.forced(), read.readers());
        ColumnType[] wanted = read.finalTypes(assignments, reading.columns(), chosen);
        ColumnType[] forced = reading.forced().clone();
        for (int i = 0; i < forced.length; i++) {
            if (wanted[i] != chosen[i]) {
                forced[i] = ColumnType.STRING;
            }
        }
        List<TypeChoice> choices = new ArrayList<>(typing.choices(forced, read.readers()));
        for (int i = 0; i < forced.length; i++) {
            if (wanted[i] != chosen[i]) {
                choices.set(i, new TypeChoice(choices.get(i).column(), ColumnType.STRING, read.readers()[i]
                        + " uses it as text"));
            }
        }
        return choices;
    }

    /** Opens the first split on the driver for its header (the first block only), to plan and check. */
    private CsvStream header(InputSplit split) throws IOException {
        Path path = new Path(split.uri());
        InputStream in = split.compression().decompress(ClusterFiles.of(path).open(path, 1 << 16));
        try {
            return CsvStream.open(in, split.name(), source.charset(), source.dialect(), 1 << 16);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static Compression compressionOr(String name) {
        Compression c = ClusterFiles.compressionOf(name);
        return c == null ? Compression.NONE : c;
    }

    /**
     * Ships the command's jars to the executors with Spark's own mechanism ({@link SparkContext#addJar}): this
     * class's jar (chunkwise-cli) and those of {@code lib/core} that {@code bin/chunkwise} names in the system
     * property {@code chunkwise.workerClassPath}, and the {@code --apply} class's jar; returns how many. Run from classes (the tests), the executors must
     * have them already.
     */
    private static int shipJars(SparkContext sc, String userJar) {
        List<String> jars = new ArrayList<>();
        if (userJar != null) {
            jars.add(new File(userJar).getAbsolutePath());
        }
        try {
            File self = new File(ClusterApply.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (self.isFile()) {
                jars.add(self.getAbsolutePath());
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // No code source to tell: only the class path's jars are shipped.
        }
        String core = System.getProperty("chunkwise.workerClassPath", "");
        for (String entry : core.split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && new File(entry).isFile() && !jars.contains(entry)) {
                jars.add(entry);
            }
        }
        jars.forEach(sc::addJar);
        return jars.size();
    }

    /** Runs the job and collects its results; a job Spark gave up on is a failure naming its first line. */
    private static <T> List<T> collect(JavaRDD<T> rdd) {
        try {
            return rdd.collect();
        } catch (Exception e) { // SparkException, checked, comes through Scala undeclared
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new JobFailedException("the Spark job failed: " + message);
        }
    }

    private static void explainSplits(PrintWriter err, List<InputSplit> splits, List<CensusTask.Result> census,
                                      List<ApplyTask.Result> applied) {
        int shown = Math.min(splits.size(), 20);
        for (int i = 0; i < shown; i++) {
            InputSplit s = splits.get(i);
            err.println(String.format(Locale.ROOT, "split %d: %s, %,d bytes stored%s; rows %,d; %,d bytes written",
                    i, s.name(), s.bytes(), s.compression() == Compression.NONE ? ""
                            : String.format(Locale.ROOT, " (%,d read, %s)", census.get(i).bytesRead(),
                            s.compression().name().toLowerCase(Locale.ROOT)),
                    applied.get(i).rows(), applied.get(i).bytesWritten()));
        }
        if (shown < splits.size()) {
            err.println("… and " + (splits.size() - shown) + " more splits");
        }
    }

    private static void explainJob(PrintWriter err, String name, SparkStageMetrics.Job j, long nanos) {
        if (j == null) {
            err.println(name + ": " + Durations.format(nanos) + " (Spark's metrics did not come through)");
            return;
        }
        err.println(String.format(Locale.ROOT, "%s: %s as the driver waited, %s by Spark's scheduler; %d tasks "
                        + "(%d attempts failed) on executors %s, executor run time %s, CPU %s", name,
                Durations.format(nanos), j.wallMillis() < 0 ? "?" : Durations.format(j.wallMillis() * 1_000_000L),
                j.tasks, j.failedAttempts, j.executors, Durations.format(j.runMillis * 1_000_000L),
                Durations.format(j.cpuNanos)));
    }
}
