package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a pool of worker processes, {@code Parallel.apply} never runs the user's function in the caller's JVM: not to
 * time it, not for a small frame, not for an empty one, by any entry point.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Parallel_IsolationTest {

    /** Counts the function's calls in the JVM that runs it: in the caller's, it must stay 0. */
    static final AtomicInteger CALLS_IN_THIS_JVM = new AtomicInteger();

    /** Adds a column P holding the pid of the process that computed each row. */
    static final PartitionFunction PID = part -> {
        CALLS_IN_THIS_JVM.incrementAndGet();
        long[] pids = new long[part.height()];
        Arrays.fill(pids, ProcessHandle.current().pid());
        return part.cols("P").merge(Series.ofLong(pids));
    };

    static Pool pool;

    @BeforeAll
    static void open() {
        pool = Pool.processes(2);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @BeforeEach
    void reset() {
        CALLS_IN_THIS_JVM.set(0);
    }

    @ParameterizedTest(name = "{0} rows, {1}")
    @CsvSource({"0, run", "0, runReport", "1, run", "1, runReport", "10, run", "10, runReport", "2000, run",
            "2000, runReport", "2000, explainThenRun", "50000, runReport"})
    void apply_onAProcessPool_computesEveryRowInAWorker(int rows, String entry) {
        DataFrame df = Frames.randomInts(rows, -100, 100, rows, "A", "B");

        ParallelApply apply = Parallel.apply(df, PID).on(pool);
        DataFrame result = switch (entry) {
            case "run" -> apply.run();
            case "runReport" -> apply.runReport().result();
            default -> {
                apply.explain();
                yield apply.run();
            }
        };

        assertThat(CALLS_IN_THIS_JVM).as("calls of the function in the caller's JVM").hasValue(0);
        assertThat(result.height()).isEqualTo(rows);
        assertThat(result.getColumn("P").unique().toList()).as("pids that computed a row")
                .doesNotContain(ProcessHandle.current().pid());
        assertThatFrame(result.colsExcept("P").select()).as("the other columns").hasSameContentAs(df);
    }

    @ParameterizedTest(name = "{0} rows, {1}")
    @CsvSource({"10, run", "10, runReport", "10, explain", "2000, runReport", "2000, explain"})
    void functionThatCallsSystemExit_onAProcessPool_failsWithWorkerDied_andTheCallerCarriesOn(int rows, String entry)
            throws IOException, InterruptedException {
        Process caller = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExitingCaller.class.getName(), Integer.toString(rows),
                entry).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(caller.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(caller.waitFor()).as("the caller's exit code (3 if the function ran in it); it printed: " + out)
                .isZero();
        // Which partition fails first depends on which worker dies first.
        assertThat(out).matches("(?s)caught dev\\.chunkwise\\.pool\\.WorkerDiedException: task \\d+: its worker process"
                + " died 3 times \\(pid \\d+: exit code 3; pid \\d+: exit code 3; pid \\d+: exit code 3\\); .*");
    }
}
