package dev.chunkwise.cli;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.process.ProcessInfo;
import dev.chunkwise.process.WorkerProcess;
import dev.chunkwise.time.CpuTime;
import dev.chunkwise.time.Durations;
import dev.chunkwise.time.Timeit;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.dflib.Exp.$int;

/**
 * {@code chunkwise demo}: replays the notebook chunkwise grew from, step by step, with figures measured now.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay the notebook chunkwise grew from, step by step, with figures measured on this machine.")
final class DemoCommand implements Runnable {

    /** The notebook's row function, {@code K = A * 2}. */
    static final PartitionFunction MULTIPLY_COLUMNS = part -> part.cols("K").merge($int("A").mul(2));

    /** A CPU-heavy row function: {@code K = sum over i < 200 of sqrt(i + A)}. */
    static final PartitionFunction HEAVY = part -> {
        IntSeries a = (IntSeries) part.<Integer>getColumn("A");
        double[] k = new double[a.size()];
        for (int r = 0; r < k.length; r++) {
            double s = 0;
            int x = a.getInt(r);
            for (int i = 0; i < 200; i++) {
                s += Math.sqrt(i + x);
            }
            k[r] = s;
        }
        return part.cols("K").merge(Series.ofDouble(k));
    };

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Time each step briefly (3 runs of at least 20 ms instead of 7 of 0.2 s).")
    boolean quick;

    @Option(names = "--workers", paramLabel = "N", description = "Workers in the pools (default: ${DEFAULT-VALUE}, the notebook's).")
    int workers = 4;

    private PrintWriter out;
    private int step;

    @Override
    public void run() {
        out = spec.commandLine().getOut();
        Timeit timeit = quick ? new Timeit(3, Duration.ofMillis(20)) : Timeit.standard();
        ProcessInfo info = ProcessInfo.current();

        heading("Processes", "Every running program is a process with an id (pid), started by a parent process.");
        out.println("process ID = " + info.pid());
        out.println("parent process = " + info.parentPid());
        out.println("cpus = " + info.cpus() + ", java " + info.javaVersion());

        heading("Functions run in the current process",
                "A function that calls another function runs in the same process: both print the same pid.");
        myfunc("mary");

        heading("Launch a separate process",
                "WorkerProcess.start runs a function in a child JVM, like Python's multiprocessing.Process: "
                        + "it prints its own pid, and its parent is this process.");
        out.println("process ID = " + info.pid());
        procInfo("cool stuff");
        out.println();
        out.println("create and start process");
        out.flush();
        CpuTime.Timed<long[]> child = CpuTime.of(() -> WorkerProcess.start(DemoCommand::childMyfunc, "bob").result());
        out.println("the child ran with pid " + child.value()[0] + ", parent " + child.value()[1]
                + (child.value()[1] == info.pid() ? " (this process)" : ""));
        out.println(child);

        heading("A pool of worker processes maps a function over a list",
                "Pool.processes(2) starts 2 child JVMs; the first map pays for their start-up, later ones do not.");
        CpuTime.Timed<List<Integer>> processesCold = CpuTime.of(() -> {
            try (Pool pool = Pool.processes(2)) {
                return pool.map(DemoCommand::square, items());
            }
        });
        out.println(processesCold.value());
        out.println("Cold (start 2 JVMs + map + close):");
        out.println(processesCold);
        try (Pool pool = Pool.processes(2)) {
            pool.map(DemoCommand::square, items());
            Timeit.Result warm = timeit.run(() -> pool.map(DemoCommand::square, items()));
            out.println("Warm map on the open pool:");
            out.println("  " + warm);
        }

        heading("A pool of workers maps a function over a list",
                "Pool.threads(" + workers + ") runs the function on " + workers + " worker threads and returns the results in order.");
        List<Integer> items = List.of(1, 2, 3);
        CpuTime.Timed<List<Integer>> pooled = CpuTime.of(() -> {
            try (Pool pool = Pool.threads(workers)) {
                return pool.map(DemoCommand::square, items);
            }
        });
        out.println(pooled.value());
        out.println(pooled);
        out.println("Create + map + close, repeated:");
        Timeit.Result poolLoop = timeit.run(() -> {
            try (Pool pool = Pool.threads(workers)) {
                pool.map(DemoCommand::square, items);
            }
        });
        out.println("  " + poolLoop);
        out.println("A plain loop, [sq(x) for x in [1, 2, 3]]:");
        Timeit.Result plainLoop = timeit.run(() -> {
            List<Integer> r = new ArrayList<>(3);
            for (int x : items) {
                r.add(square(x));
            }
        });
        out.println("  " + plainLoop);
        out.printf(Locale.ROOT, "The pool costs %.0f× the plain loop here: starting %d threads and handing them work "
                + "takes longer than squaring three numbers.%n", poolLoop.mean() / plainLoop.mean(), workers);

        heading("A random data frame", "100 rows by 4 columns of random ints in [0, 100), like numpy.random.randint(0, 100, size=(100, 4)).");
        DataFrame df = Frames.randomInts(100, 0, 100, 42, "A", "B", "C", "D");
        out.println("df shape: (" + df.height() + ", " + df.width() + ")");
        out.println(Frames.head(df, 5));

        heading("Split, apply in parallel, combine",
                "Parallel.apply splits the frame into 7 partitions, adds K = A * 2 to each on a pool of "
                        + workers + " threads, and concatenates the results in order.");
        CpuTime.Timed<DataFrame> parallelOnce = CpuTime.of(() -> parallelizeDataframe(df));
        out.println(parallelOnce);
        out.println(Frames.head(parallelOnce.value(), 5));
        Timeit.Result parallel = timeit.run(() -> parallelizeDataframe(df));
        out.println("Parallel apply (pool created and closed each time, as in the notebook):");
        out.println("  " + parallel);

        heading("Compare with a plain apply", "The same K = A * 2 on the whole frame, on this thread.");
        CpuTime.Timed<DataFrame> serialOnce = CpuTime.of(() -> MULTIPLY_COLUMNS.apply(df));
        out.println(serialOnce);
        Timeit.Result serial = timeit.run(() -> MULTIPLY_COLUMNS.apply(df));
        out.println("Plain apply:");
        out.println("  " + serial);
        double slower = parallel.mean() / serial.mean();
        out.printf(Locale.ROOT, "On 100 rows the parallel apply took %s and the plain apply %s: %.1f× %s.%n",
                Durations.format(parallel.mean()), Durations.format(serial.mean()),
                slower >= 1 ? slower : 1 / slower, slower >= 1 ? "slower" : "faster");

        heading("When would concurrency be useful?",
                "When the work per partition outweighs the price of starting workers and handing them data: "
                        + "here, a CPU-heavy row function (the sum of 200 square roots) over 1,000,000 rows.");
        DataFrame big = Frames.randomInts(1_000_000, 0, 100, 7, "A", "B", "C", "D");
        HEAVY.apply(big.head(20_000)); // warm up the JIT for both runs alike
        CpuTime.Timed<DataFrame> heavySerial = CpuTime.of(() -> HEAVY.apply(big));
        out.println("Plain apply:");
        out.println(heavySerial);
        CpuTime.Timed<DataFrame> heavyParallel = CpuTime.of(() -> {
            try (Pool pool = Pool.threads(info.cpus())) {
                return Parallel.apply(big, HEAVY).partitions(4 * info.cpus()).on(pool).run();
            }
        });
        out.println("Parallel apply on " + info.cpus() + " threads:");
        out.println(heavyParallel);
        double speedup = (double) heavySerial.wallNanos() / heavyParallel.wallNanos();

        heading("chunkwise decides, and says why",
                "With no backend given, Parallel.apply times the function on a few rows, predicts serial and parallel "
                        + "from this machine's measured costs, and picks the faster; explain() shows the figures.");
        out.println("The notebook's 100-row frame, K = A * 2:");
        out.println(indent(Parallel.apply(df, MULTIPLY_COLUMNS).explain().toString()));
        out.println("1,000,000 rows of the heavy function:");
        out.println(indent(Parallel.apply(big, HEAVY).explain().toString()));

        heading("The lesson", "Concurrency has a price; it pays only when there is enough work to spread.");
        out.printf(Locale.ROOT, "On the notebook's 100-row frame, splitting the work cost more than the work itself: "
                        + "the parallel apply was %.1f× the time of the plain one. On 1,000,000 rows of a heavy "
                        + "function the same call was %.1f× faster than the plain one on %d cores. chunkwise measures "
                        + "that price on each machine rather than guessing it.%n",
                slower, speedup, info.cpus());
        out.flush();
    }

    /** The notebook's {@code parallelize_dataframe}: a pool made for the call, 7 partitions, results concatenated. */
    private DataFrame parallelizeDataframe(DataFrame df) {
        try (Pool pool = Pool.threads(workers)) {
            return Parallel.apply(df, MULTIPLY_COLUMNS).partitions(7).on(pool).run();
        }
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).collect(java.util.stream.Collectors.joining("\n"));
    }

    static List<Integer> items() {
        return List.of(1, 2, 3);
    }

    /** The notebook's {@code myfunc}, run in a child process: prints there, and returns its pid and its parent's. */
    static long[] childMyfunc(String name) {
        long pid = ProcessHandle.current().pid();
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        System.out.println("Now in \"myfunc\"");
        System.out.println("process ID = " + pid);
        System.out.println("  Now in \"proc_info\"");
        System.out.println("  arg = " + name);
        System.out.println("  process id: " + pid);
        System.out.println("  parent process: " + parent);
        System.out.println("end of \"myfunc\"");
        System.out.flush();
        return new long[]{pid, parent};
    }

    static int square(int x) {
        return x * x;
    }

    private void myfunc(String name) {
        out.println("Now in \"myfunc\"");
        out.println("process ID = " + ProcessHandle.current().pid());
        procInfo(name);
        out.println("end of \"myfunc\"");
    }

    private void procInfo(String arg) {
        out.println("  Now in \"proc_info\"");
        out.println("  arg = " + arg);
        out.println("  process id: " + ProcessHandle.current().pid());
    }

    private void heading(String title, String explanation) {
        out.println();
        out.println("== " + (++step) + ". " + title + " ==");
        out.println(explanation);
    }
}
