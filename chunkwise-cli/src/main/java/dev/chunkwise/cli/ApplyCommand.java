package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.Compression;
import dev.chunkwise.cli.csv.CsvDialect;
import dev.chunkwise.cli.csv.Delimiters;
import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.DataFileException;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.cli.expr.ExpressionException;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.TaskFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code chunkwise apply}: reads a CSV file, adds or replaces columns computed by Java expressions, and writes the
 * result, splitting the work across a pool. The output appears only when the run succeeds.
 *
 * <p>This class holds the options: it checks them, makes them an {@link ApplyJob}, which does the work, and maps
 * how the job ended to a message and an exit code.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Read a CSV file, add or replace columns computed by Java expressions over the columns, and "
                + "write the result. Reading, computing and writing run in parallel; the output appears only whole.",
                "",
                "Example: chunkwise apply data.csv --with 'K = A * 2' --with 'L = Math.sqrt(B) + K' -o out.csv",
                "Groups: chunkwise apply data.csv --group-by G --agg 'S = sum(B)' --agg 'N = count()' -o sums.csv",
                "        chunkwise apply data.csv --group-by G --with 'Z = (A - mean(A)) / std(A)' -o z.csv"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the output was written", "1:the run failed (bad data, a failing expression, a file that "
                + "cannot be read or written); nothing was written", "2:bad usage (an unknown option, a bad expression "
                + "or extension)"})
final class ApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The file to read (.csv, .csv.gz, .csv.zst or .parquet), or - for CSV on standard input.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
            description = "The file to write (.csv, .csv.gz, .csv.zst or .parquet), replaced only when the run succeeds; or - "
                    + "for CSV on standard output, written as it is computed.")
    Path output;

    @Option(names = "--apply", paramLabel = "CLASS",
            description = "Instead of --with: a class of yours implementing dev.chunkwise.frame.PartitionFunction (with a "
                    + "public no-argument constructor), loaded from --jar; runs on serial or threads.")
    String applyClass;

    @Option(names = "--jar", paramLabel = "JAR", description = "The jar that holds the --apply class.")
    Path jar;

    @Option(names = "--with", paramLabel = "'NAME = EXPRESSION'",
            description = {"A column to add or replace, computed by a Java expression over the columns, such as "
                    + "'K = A * 2' or 'L = Math.sqrt(B) + C'; or a block: 'S = { double s = 0; for (int i = 0; "
                    + "i < 200; i++) s += Math.sqrt(i + A); return s; }'. Repeat for more; a later one may use "
                    + "earlier ones. The result type (int, long, double, boolean, String) is inferred; a String "
                    + "that is null is written as an empty field. A column name that is not a Java identifier (a "
                    + "space, a dash, a keyword such as class) goes in backticks, a backtick in it written twice: "
                    + "'`unit price x2` = `unit price` * 2'."})
    List<String> with;

    @Option(names = "--group-by", paramLabel = "KEY[,KEY…]",
            description = {"Split-apply-combine by group: the columns whose values make a group (read as text, so "
                    + "that 08123 is its own key; an empty field is a key too). With --agg, one row per group, in the "
                    + "order of the groups' first rows; with --with, every row, and the expressions may use group "
                    + "aggregates such as mean(A). A name with a comma goes in backticks. A CSV input is read as a "
                    + "stream (--with reads it twice); --no-stream reads it whole."})
    String groupBy;

    @Option(names = "--agg", paramLabel = "'NAME = FUNCTION(COLUMN)'",
            description = {"With --group-by: a result column, the group aggregate count(), sum, mean, min, max, var, "
                    + "std (sample, n - 1), first or last of a column, such as 'S = sum(B)' or 'N = count()'. Repeat "
                    + "for more; the output has the keys, then these in order. Missing numbers (empty fields) are "
                    + "skipped, as pandas skips them."})
    List<String> agg;

    @Option(names = "--type", paramLabel = "COLUMN=TYPE", mapFallbackValue = "",
            description = {"The type an expression sees for a column: int, long, double or text (default: chosen from "
                    + "all the column's values: numbers if every value is one, text if most are not; a column that is "
                    + "mostly numbers with a value that is not one is an error naming it). Repeat for more columns."})
    Map<String, String> types;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "The CSV input's field delimiter: , ; | tab or "
            + "another character (default: detected from the first lines; the output keeps it).")
    String delimiter;

    @Option(names = "--no-header", description = "The CSV input's first row is data, not names: the columns are "
            + "c1, c2, … (--with 'K = c1 * 2'), and the output has no header either.")
    boolean noHeader;

    @Mixin
    QuotingOptions quoting;

    @Option(names = "--output-delimiter", paramLabel = "CHAR", description = "The output's field delimiter (default: "
            + "the input's); a field that holds it is quoted.")
    String outputDelimiter;

    @Option(names = "--null", paramLabel = "TEXT", description = "The field that means a missing value in a column an "
            + "expression reads, as an empty field does (NaN in a number column, \"\" in text), such as NA or \\N; a "
            + "missing result is written as it.")
    String nullText;

    @Option(names = "--encoding", paramLabel = "NAME", defaultValue = "UTF-8",
            description = "The input's text encoding, such as ISO-8859-1, windows-1252 or Shift_JIS (default: "
                    + "${DEFAULT-VALUE}; a byte that is not valid in it is an error naming its line). The output is "
                    + "written in the same encoding.")
    String encoding;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "auto",
            description = "Where to compute: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: the planner chooses serial "
                    + "or threads from this machine's measured costs and a timed sample of the expressions).")
    Backend backend;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --backend spark: the Spark master, e.g. spark://host:7077, whose executors then read "
                    + "INPUT (a file, a directory or a glob of CSV files) and write OUTPUT as a directory of part files "
                    + "(default: an embedded local[N] session; this JVM reads and writes).")
    String master;

    @Option(names = "--single-file", description = "With --master spark://…: write one file (-o names it), the "
            + "executors' part files copied into it in order by this JVM, rather than a directory of part files.")
    boolean singleFile;

    @Option(names = "--workers", paramLabel = "N", description = "Workers (default: the available processors).")
    Integer workers;

    @Option(names = "--partitions", paramLabel = "P", description = "Pieces the data is computed in (default: the "
            + "planner's choice for the backend, the pieces handed out as workers free up).")
    Integer partitions;

    @Option(names = "--stream", negatable = true, description = "Read the input as a stream of blocks, computed and "
            + "written as they are read, in a fixed amount of memory (default: for standard input or output, pipes, "
            + "CSV files over 4 MiB, and compressed and Parquet files over 1 MiB; a Parquet input in runs of row "
            + "groups, a Parquet output a row group per block; --no-stream reads the file whole, so that the planner "
            + "can sample it).")
    Boolean stream;

    @Option(names = "--block-size", paramLabel = "BYTES", description = "The bytes of input in one block when the "
            + "input is read as a stream, uncompressed (default: from the heap, 256 KiB to 8 MiB, and at least four "
            + "blocks a thread; a Parquet run is one row group at least).")
    Integer blockSize;

    @Option(names = "--explain", description = "Print the plan (every alternative with its predicted time, and why) "
            + "and the time of each phase to standard error.")
    boolean explain;

    @Option(names = "--no-progress", description = "Show no progress bar (none is shown anyway when standard error is not a terminal).")
    boolean noProgress;

    @Option(names = "--trace", paramLabel = "FILE.json",
            description = "Write where the time went as Chrome trace events (open in Perfetto or chrome://tracing).")
    Path tracePath;

    @Option(names = "--timeline", paramLabel = "FILE.svg", description = "Draw where the time went as an SVG timeline, one lane per worker.")
    Path timelinePath;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(err);
        } catch (UsageException | ExpressionException e) {
            err.println("chunkwise apply: " + e.getMessage());
            err.println("Try 'chunkwise apply --help' for more information.");
            return Chunkwise.USAGE;
        } catch (DataFileException | JobFailedException e) {
            err.println("chunkwise apply: " + e.getMessage());
            return Chunkwise.FAILED;
        } catch (TaskFailedException e) {
            err.println("chunkwise apply: " + failure(e));
            return Chunkwise.FAILED;
        } catch (IllegalArgumentException | IOException e) {
            err.println("chunkwise apply: " + e.getMessage());
            return Chunkwise.FAILED;
        } finally {
            err.flush();
        }
    }

    /** Says where the function failed: the job knows the input, and so the line of a failing row. */
    private String failure(TaskFailedException e) {
        return group != null ? group.describe(e) : job.describe(e);
    }

    /** The job the options make, once they are checked. */
    private ApplyRun job;
    /** The job {@code --group-by} makes instead, once the options are checked. */
    private ApplyRun group;

    private int run(PrintWriter err) throws IOException {
        group = groupJob();
        if (group != null) {
            group.run(err);
            return 0;
        }
        job = job();
        if (explain && backend == Backend.spark && !onCluster()) {
            err.println("plan: --backend spark " + (master == null ? "without --master" : "on " + master) + ": this JVM "
                    + "reads and writes the file and computes on an embedded session (on a single machine the faster "
                    + "path); give --master spark://HOST:PORT for the executors to read and write");
        }
        job.run(err);
        return 0;
    }

    /**
     * Checks the options and makes them a job.
     *
     * @throws UsageException naming the option at fault
     * @throws ExpressionException for a {@code --with} that is not {@code NAME = EXPRESSION}
     */
    private ApplyRun job() {
        if (master != null && backend != Backend.spark) {
            throw new UsageException("--master " + master + " needs --backend spark");
        }
        if (onCluster()) {
            return clusterJob();
        }
        if (singleFile) {
            throw new UsageException("--single-file is for a run on a Spark cluster (--backend spark --master "
                    + "spark://…), which writes part files; this run writes one file anyway");
        }
        FileFormat inFormat = FileFormat.of(input, "INPUT");
        FileFormat outFormat = FileFormat.of(output, "--output");
        int w = workers == null ? Runtime.getRuntime().availableProcessors() : positive(workers, "--workers");
        int p = partitions == null ? 4 * w : positive(partitions, "--partitions");
        ApplySettings.Computation computation = computation();
        Map<String, ColumnType> forcedTypes = forcedTypes();
        Charset charset = charset();
        boolean planned = backend == Backend.auto && workers == null && partitions == null;
        ApplySettings.Source source = new ApplySettings.Source(input, inFormat, charset, forcedTypes,
                dialect());
        ApplySettings.Target target = new ApplySettings.Target(output, outFormat);
        ApplySettings.Reports reports = new ApplySettings.Reports(explain, !noProgress, tracePath, timelinePath);
        if (streamed(inFormat, outFormat)) {
            int threads = backend == Backend.serial ? 1 : w;
            ApplySettings.Placement placement = new ApplySettings.Placement(backend, master, threads, p, planned,
                    partitions != null);
            int blockBytes = blockSize == null ? 0 : positive(blockSize, "--block-size");
            return inFormat == FileFormat.PARQUET
                    ? new StreamedParquet(source, target, computation, placement, reports, blockBytes)
                    : new StreamedApply(source, target, computation, placement, reports, blockBytes);
        }
        return new ApplyJob(source, target, computation,
                new ApplySettings.Placement(backend, master, w, p, planned, partitions != null),
                reports);
    }

    /**
     * Returns the {@code --with} assignments or the {@code --apply} class, one or the other. A class runs in this JVM
     * or, on a cluster, on the executors (its jar shipped), not on worker processes or an embedded Spark session.
     *
     * @throws UsageException naming the options: both or neither given, or a class on such a backend
     */
    private ApplySettings.Computation computation() {
        List<Assignment> assignments = new ArrayList<>();
        for (String text : with == null ? List.<String>of() : with) {
            assignments.add(Assignment.parse(text));
        }
        PartitionFunction userFunction = null;
        if (applyClass != null || jar != null) {
            if (!assignments.isEmpty()) {
                throw new UsageException("--apply and --with cannot be combined: give one or the other");
            }
            if (!onCluster() && (backend == Backend.processes || backend == Backend.spark)) {
                throw new UsageException("--apply runs on --backend serial, threads or auto, in this JVM (worker "
                        + "processes and Spark executors do not have " + jar + " on their class path yet)");
            }
            userFunction = UserFunction.load(applyClass, jar);
        } else if (assignments.isEmpty()) {
            throw new UsageException("give at least one --with 'NAME = EXPRESSION', or --apply CLASS --jar JAR");
        }
        return new ApplySettings.Computation(assignments, applyClass, userFunction);
    }

    /** Returns whether the executors read and write: {@code --backend spark} with a master that is not local. */
    private boolean onCluster() {
        return backend == Backend.spark && master != null && !master.startsWith("local");
    }

    /**
     * Checks the options of a run on a Spark cluster, whose executors read and write the files, and makes them a job.
     *
     * @throws UsageException naming the option that such a run does not take
     */
    private ApplyRun clusterJob() {
        String in = spec.commandLine().getParseResult().matchedPositional(0).stringValues().get(0);
        String out = spec.commandLine().getParseResult().matchedOption("-o").stringValues().get(0);
        ApplySettings.Computation computation = computation();
        if (StreamedApply.isStandard(input) || StreamedApply.isStandard(output)
                || in.toLowerCase(Locale.ROOT).endsWith(".parquet") || out.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            throw new UsageException("a run on a Spark cluster reads and writes CSV files (.csv, .csv.gz, .csv.zst, "
                    + "or directories of them), not standard input or output or Parquet, for now");
        }
        if (singleFile) {
            FileFormat.of(output, "--output");
        }
        if (tracePath != null || timelinePath != null) {
            throw new UsageException("--trace and --timeline are not drawn for a run on a Spark cluster yet; "
                    + "--explain gives the time of each job from Spark's metrics");
        }
        ApplySettings.Source source = new ApplySettings.Source(input, FileFormat.CSV, charset(), forcedTypes(),
                dialect());
        return new ClusterApply(in, out, singleFile, source, computation,
                jar == null ? null : jar.toString(), master, explain,
                blockSize == null ? 0 : positive(blockSize, "--block-size"));
    }

    /**
     * Returns whether the input is read as a stream: as {@code --stream} or {@code --no-stream} says, else for
     * standard input or output, a pipe, or a large file (a Parquet file as a compressed one).
     *
     * @throws UsageException if a Parquet file or standard input or output cannot be read or written as asked
     */
    private boolean streamed(FileFormat inFormat, FileFormat outFormat) {
        boolean standard = StreamedApply.isStandard(input) || StreamedApply.isStandard(output);
        boolean parquet = inFormat == FileFormat.PARQUET || outFormat == FileFormat.PARQUET;
        if (parquet && standard) {
            throw new UsageException((StreamedApply.isStandard(input) ? "INPUT" : "--output")
                    + " -: standard input and output are CSV; a Parquet file must be named");
        }
        if (standard && Boolean.FALSE.equals(stream)) {
            throw new UsageException("--no-stream: standard input and output can only be read and written as a stream");
        }
        if (blockSize != null && Boolean.FALSE.equals(stream)) {
            throw new UsageException("--block-size is for input read as a stream; it cannot go with --no-stream");
        }
        return stream != null ? stream : standard || blockSize != null || StreamedApply.streamsByDefault(input,
                inFormat == FileFormat.PARQUET || inFormat.compression() != Compression.NONE);
    }

    /**
     * Checks the options of a {@code --group-by} run and makes them a job; returns null without {@code --group-by}
     * and {@code --agg} (after checking that no {@code --with} uses a group aggregate).
     *
     * @throws UsageException naming the option at fault
     * @throws ExpressionException for a {@code --with} or {@code --agg} that cannot be parsed
     */
    private ApplyRun groupJob() {
        List<Assignment> assignments = new ArrayList<>();
        for (String text : with == null ? List.<String>of() : with) {
            assignments.add(Assignment.parse(text));
        }
        GroupSpec spec = GroupSpec.of(groupBy, agg, assignments);
        if (spec == null) {
            return null;
        }
        if (applyClass != null || jar != null) {
            throw new UsageException("--apply cannot be combined with --group-by yet: give --agg or --with");
        }
        if (tracePath != null || timelinePath != null) {
            throw new UsageException("--trace and --timeline are not drawn for --group-by yet; --explain gives the "
                    + "time of each step");
        }
        if (master != null && backend != Backend.spark) {
            throw new UsageException("--master " + master + " needs --backend spark");
        }
        FileFormat inFormat = FileFormat.of(input, "INPUT");
        FileFormat outFormat = FileFormat.of(output, "--output");
        if (inFormat == FileFormat.PARQUET) {
            throw new UsageException("--group-by reads CSV input (.csv, .csv.gz or .csv.zst) for now, not " + input);
        }
        if (!spec.oneRowPerGroup() && outFormat == FileFormat.PARQUET) {
            throw new UsageException("--group-by with --with writes the input's rows back as CSV (.csv or .csv.gz), "
                    + "not " + output + "; --agg writes Parquet");
        }
        int w = workers == null ? Runtime.getRuntime().availableProcessors() : positive(workers, "--workers");
        int p = partitions == null ? 4 * w : positive(partitions, "--partitions");
        boolean planned = backend == Backend.auto && workers == null && partitions == null;
        boolean elsewhere = backend == Backend.processes || backend == Backend.spark;
        if (Boolean.TRUE.equals(stream) && elsewhere) {
            throw new UsageException("--stream with --group-by reduces the groups on this JVM's threads, and --backend "
                    + backend + " reduces a file read whole: give one or the other");
        }
        if (blockSize != null && (Boolean.FALSE.equals(stream) || elsewhere)) {
            throw new UsageException("--block-size is for input read as a stream; it cannot go with "
                    + (elsewhere ? "--backend " + backend + ", whose --group-by reads the file whole" : "--no-stream"));
        }
        boolean standard = StreamedApply.isStandard(input) || StreamedApply.isStandard(output);
        if (!Boolean.FALSE.equals(stream) && !elsewhere) {
            if (StreamedApply.isStandard(output) && outFormat == FileFormat.PARQUET) {
                throw new UsageException("--output -: standard output is CSV; a Parquet file must be named");
            }
            ApplySettings.Source source = new ApplySettings.Source(input, inFormat, charset(), forcedTypes(), dialect());
            ApplySettings.Placement placement = new ApplySettings.Placement(backend, master,
                    backend == Backend.serial ? 1 : w, p, planned, partitions != null);
            ApplySettings.Target target = new ApplySettings.Target(output, outFormat);
            ApplySettings.Reports reports = new ApplySettings.Reports(explain, !noProgress, null, null);
            int blockBytes = blockSize == null ? 0 : positive(blockSize, "--block-size");
            return spec.oneRowPerGroup()
                    ? new StreamedGroupBy(source, target, spec, placement, reports, blockBytes)
                    : new StreamedGroupTransform(source, target, spec, placement, reports, blockBytes);
        }
        if (standard) {
            throw new UsageException((Boolean.FALSE.equals(stream) ? "--no-stream" : "--backend " + backend)
                    + ": --group-by reads a whole file then, so standard input and output cannot be used; name the "
                    + "files, or let the input be read as a stream (the default)");
        }
        return new GroupJob(new ApplySettings.Source(input, inFormat, charset(), forcedTypes(),
                dialect()),
                new ApplySettings.Target(output, outFormat), spec,
                new ApplySettings.Placement(backend, master, w, p, planned, partitions != null),
                new ApplySettings.Reports(explain, !noProgress, null, null));
    }

    private Map<String, ColumnType> forcedTypes() {
        Map<String, ColumnType> forced = new LinkedHashMap<>();
        if (types != null) {
            for (Map.Entry<String, String> e : types.entrySet()) {
                ColumnType t = switch (e.getValue().strip().toLowerCase(Locale.ROOT)) {
                    case "int" -> ColumnType.INT;
                    case "long" -> ColumnType.LONG;
                    case "double" -> ColumnType.DOUBLE;
                    case "boolean" -> ColumnType.BOOLEAN;
                    case "text", "string" -> ColumnType.STRING;
                    default -> throw new UsageException("--type " + e.getKey() + "=" + e.getValue()
                            + ": unknown type (expected: int, long, double, boolean or text)");
                };
                forced.put(e.getKey(), t);
            }
        }
        return forced;
    }

    private CsvDialect dialect() {
        try {
            return quoting.dialect(delimiter == null ? null : Delimiters.parse(delimiter), !noHeader, nullText,
                    outputDelimiter == null ? null : Delimiters.parse(outputDelimiter, "--output-delimiter"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private Charset charset() {
        try {
            return Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--encoding " + encoding + ": unknown encoding (for example UTF-8, ISO-8859-1, "
                    + "windows-1252, Shift_JIS)");
        }
    }

    private static int positive(int value, String option) {
        if (value <= 0) {
            throw new UsageException(option + ": " + value + " (expected: > 0)");
        }
        return value;
    }
}
