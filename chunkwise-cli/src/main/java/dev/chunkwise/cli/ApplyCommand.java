package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.ColumnType;
import dev.chunkwise.cli.csv.CsvFormatException;
import dev.chunkwise.cli.csv.CsvWriter;
import dev.chunkwise.cli.csv.SafeOutput;
import dev.chunkwise.cli.csv.TypeChoice;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.cli.expr.ExpressionCompiler;
import dev.chunkwise.cli.expr.ExpressionException;
import dev.chunkwise.cli.expr.ExpressionFailedException;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.ParallelApply;
import dev.chunkwise.frame.PartitionFailedException;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.frame.RunReport;
import dev.chunkwise.trace.ChromeTrace;
import dev.chunkwise.trace.SvgTimeline;
import dev.chunkwise.trace.Trace;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.time.Durations;
import org.dflib.DataFrame;
import org.dflib.Series;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Read a CSV file, add or replace columns computed by Java expressions over the columns, and "
                + "write the result. Reading, computing and writing run in parallel; the output appears only whole.",
                "",
                "Example: chunkwise apply data.csv --with 'K = A * 2' --with 'L = Math.sqrt(B) + K' -o out.csv"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the output was written", "1:the run failed (bad data, a failing expression, a file that "
                + "cannot be read or written); nothing was written", "2:bad usage (an unknown option, a bad expression "
                + "or extension)"})
final class ApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The file to read (.csv, .csv.gz or .parquet).")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
            description = "The file to write (.csv, .csv.gz or .parquet); replaced only when the run succeeds.")
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

    @Option(names = "--type", paramLabel = "COLUMN=TYPE", mapFallbackValue = "",
            description = {"The type an expression sees for a column: int, long, double or text (default: chosen from "
                    + "all the column's values: numbers if every value is one, text if most are not; a column that is "
                    + "mostly numbers with a value that is not one is an error naming it). Repeat for more columns."})
    Map<String, String> types;

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
            description = "With --backend spark: the Spark master, e.g. spark://host:7077 (default: an embedded local[N] session).")
    String master;

    @Option(names = "--workers", paramLabel = "N", description = "Workers (default: the available processors).")
    Integer workers;

    @Option(names = "--partitions", paramLabel = "P", description = "Partitions of the data (default: 4 per worker).")
    Integer partitions;

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
        } catch (CsvFormatException e) {
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

    /**
     * Says which expression failed on which data row (counting from 1, the header not counted) and the values it
     * read there, with the expression's exception.
     */
    private String failure(TaskFailedException e) {
        if (e instanceof PartitionFailedException p && p.getCause() instanceof ExpressionFailedException x) {
            long row = p.firstRow() + x.row();
            String where = read != null && read.csv != null
                    ? "on line " + read.csv.lineOfRow(row) + " of " + input + ", data row " + (row + 1)
                    : "on data row " + (row + 1);
            return x.describe(where);
        }
        return (applyClass != null ? "--apply " + applyClass : "an expression") + " failed: "
                + (e.getCause() != null ? e.getCause() : e.getMessage());
    }

    /** The input of the run, once read: a failure on a row names the row's line in the file. */
    private ApplyInput read;

    private int run(PrintWriter err) throws IOException {
        if (master != null && backend != Backend.spark) {
            throw new UsageException("--master " + master + " needs --backend spark");
        }
        FileFormat inFormat = FileFormat.of(input, "INPUT");
        FileFormat outFormat = FileFormat.of(output, "--output");
        int w = workers == null ? Runtime.getRuntime().availableProcessors() : positive(workers, "--workers");
        int p = partitions == null ? 4 * w : positive(partitions, "--partitions");
        List<Assignment> assignments = new ArrayList<>();
        for (String text : with == null ? List.<String>of() : with) {
            assignments.add(Assignment.parse(text));
        }
        PartitionFunction userFunction = null;
        if (applyClass != null || jar != null) {
            if (!assignments.isEmpty()) {
                throw new UsageException("--apply and --with cannot be combined: give one or the other");
            }
            if (backend == Backend.processes || backend == Backend.spark) {
                throw new UsageException("--apply runs on --backend serial, threads or auto, in this JVM (worker "
                        + "processes and Spark executors do not have " + jar + " on their class path yet)");
            }
            userFunction = UserFunction.load(applyClass, jar);
        } else if (assignments.isEmpty()) {
            throw new UsageException("give at least one --with 'NAME = EXPRESSION', or --apply CLASS --jar JAR");
        }
        Map<String, ColumnType> forcedTypes = forcedTypes();
        Charset charset = charset();

        ExpressionCompiler.warmUpIfNeeded(assignments);
        Trace trace = new Trace();
        FileRates rates = FileRates.load();
        try (SafeOutput out = SafeOutput.open(output); Pool io = Pool.threads(w)) {
            long t0 = trace.now();
            ApplyInput in = read = inFormat == FileFormat.PARQUET ? ApplyInput.ofFrame(ParquetFiles.read(input, io), assignments)
                    : ApplyInput.readCsv(input, charset, inFormat.gzip(), assignments, forcedTypes,
                    userFunction != null || outFormat == FileFormat.PARQUET, io, p);
            long t1 = trace.now();
            long inputBytes = Files.size(input);
            trace.add("caller", "read", t0, t1, in.frame.height() + " rows");
            PartitionFunction fn = userFunction != null ? userFunction : in.expressions();
            long t2 = trace.now();
            trace.add("caller", "compile", t1, t2, userFunction != null ? applyClass : assignments.size() + " expressions");
            in.notes.forEach(n -> err.println("note: " + n));

            RunReport report = compute(in.frame, fn, trace, err, w, p);
            DataFrame result = report.result();
            long t3 = trace.now();
            if (outFormat == FileFormat.PARQUET) {
                out.stream().close();
                ParquetFiles.write(result, out, io, p);
            } else {
                try (OutputStream stream = CsvWriter.compressedIf(outFormat.gzip(), out.stream())) {
                    if (in.csv != null && userFunction == null) {
                        List<String> names = assignedColumns(assignments);
                        in.csv.write(stream, names, names.stream().<Series<?>>map(result::getColumn).toList(), io);
                    } else {
                        CsvWriter.write(result, stream, io, p);
                    }
                }
            }
            out.commit();
            long t4 = trace.now();
            trace.add("caller", "write", t3, t4, result.height() + " rows");
            long values = (long) result.height() * result.width();
            if (explain) {
                // After the run, so that printing the plan (cold code in a one-shot JVM) is not timed as the work.
                err.println(report.plan());
                for (TypeChoice c : in.choices) {
                    err.println("column " + c);
                }
                err.println("read " + Durations.format(t1 - t0) + " ("
                        + FileRates.predicted(rates.predictRead(inFormat, inputBytes)) + "), compute "
                        + Durations.format(t3 - t2) + " (predicted "
                        + Durations.format(report.plan().chosen().predictedNanos()) + "), write "
                        + Durations.format(t4 - t3) + " (" + FileRates.predicted(rates.predictWrite(outFormat, values))
                        + "), total " + Durations.format(t4 - t0));
            }
            rates.learn(inFormat, inputBytes, t1 - t0, outFormat, values, t4 - t3);
            rates.store();
            writeTraceFiles(trace);
        }
        return 0;
    }

    private RunReport compute(DataFrame frame, PartitionFunction fn, Trace trace, PrintWriter err, int w, int p) {
        ParallelApply apply = Parallel.apply(frame, fn).trace(trace);
        if (!noProgress && System.console() != null) {
            apply.progress(new ProgressBar(err));
        }
        if (backend == Backend.auto && workers == null && partitions == null) {
            return apply.runReport();
        }
        try (Pool compute = (backend == Backend.auto ? Backend.threads : backend).open(w, master)) {
            return apply.partitions(p).on(compute).runReport();
        }
    }

    /** The columns the assignments set, each once, in the order of their first assignment. */
    private static List<String> assignedColumns(List<Assignment> assignments) {
        return assignments.stream().map(Assignment::column).distinct().toList();
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

    private Charset charset() {
        try {
            return Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--encoding " + encoding + ": unknown encoding (for example UTF-8, ISO-8859-1, "
                    + "windows-1252, Shift_JIS)");
        }
    }

    private void writeTraceFiles(Trace trace) throws IOException {
        if (tracePath != null) {
            try (SafeOutput out = SafeOutput.open(tracePath);
                 Writer w = new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8)) {
                ChromeTrace.write(trace, w);
                w.flush();
                out.commit();
            }
        }
        if (timelinePath != null) {
            try (SafeOutput out = SafeOutput.open(timelinePath);
                 Writer w = new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8)) {
                SvgTimeline.write(trace, "chunkwise apply " + input.getFileName(), w);
                w.flush();
                out.commit();
            }
        }
    }

    private static int positive(int value, String option) {
        if (value <= 0) {
            throw new UsageException(option + ": " + value + " (expected: > 0)");
        }
        return value;
    }
}
