package dev.chunkwise.process;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Workers find the user's classes wherever the caller found them: a program loaded through a class loader of its own
 * ({@link ConsumerProgram}, not on the JVM's class path) maps its own lambdas and Tasks on worker processes, and gets
 * its own types back; where chunkwise cannot read where the classes come from, the failure names the class and the
 * setting, and the setting mends it.
 */
@Timeout(120)
class ProcessPool_OwnClassLoaderTest {

    @TempDir
    static Path dir;
    private static ConsumerProgram program;

    @BeforeAll
    static void compile() throws Exception {
        program = ConsumerProgram.compile(dir);
        assertThat(System.getProperty("java.class.path")).as("the program is not on the JVM's class path")
                .doesNotContain(program.classes().toString());
    }

    @Test
    void processes_madeByAProgramOfAURLClassLoader_runItsLambdaItsTaskAndReturnItsTypes() throws Throwable {
        try (URLClassLoader loader = program.urlLoader()) {
            assertThat(ConsumerProgram.call(loader, "run")).isEqualTo(ConsumerProgram.RESULT);
        }
    }

    @Test
    void processes_madeElsewhere_takeTheProgramsClassesOnItsFirstCall_thenKeepTheirWorkers() throws Throwable {
        try (URLClassLoader loader = program.urlLoader(); ProcessPool pool = ProcessPool.builder().workers(2).build()) {
            List<Long> before = pool.pids();

            assertThat(ConsumerProgram.call(loader, "mapOn", new Class<?>[]{Pool.class}, pool)).isEqualTo(ConsumerProgram.RESULT);
            List<Long> after = pool.pids();
            assertThat(ConsumerProgram.call(loader, "mapOn", new Class<?>[]{Pool.class}, pool)).isEqualTo(ConsumerProgram.RESULT);

            assertThat(after).as("workers replaced by ones with the program's classes").hasSize(2).doesNotContainAnyElementsOf(before);
            assertThat(pool.pids()).as("the same workers for the second call").containsExactlyInAnyOrderElementsOf(after);
            assertThat(pool.map(x -> x + 1, List.of(1, 2))).as("the test's own function still runs").containsExactly(2, 3);
        }
    }

    @Test
    void parallelApply_onProcessesMadeElsewhere_runsTheProgramsPartitionFunctionWrappedInChunkwisesTask() throws Throwable {
        try (URLClassLoader loader = program.urlLoader(); Pool pool = Pool.processes(2)) {
            assertThat(ConsumerProgram.call(loader, "applyOn", new Class<?>[]{Pool.class}, pool))
                    .isEqualTo("8 rows, K = A + 100");
        }
    }

    @Test
    void workerProcess_startedByAProgramOfAURLClassLoader_returnsItsType() throws Throwable {
        try (URLClassLoader loader = program.urlLoader()) {
            assertThat(ConsumerProgram.call(loader, "inAChild")).isEqualTo("Point[x=7]");
        }
    }

    @Test
    void processes_forAProgramDefinedFromMemory_failNamingTheClassAndTheSetting() {
        ClassLoader loader = program.memoryLoader();

        assertThatThrownBy(() -> ConsumerProgram.call(loader, "run"))
                .isInstanceOf(TaskFailedException.class)
                .cause()
                .hasMessageContaining("could not load the function: class " + ConsumerProgram.CLASS
                        + " is not on the workers' class path")
                .hasMessageContaining("the directory or jar that holds " + ConsumerProgram.CLASS
                        + ", by classPath(...) on ProcessPool.builder() or WorkerProcess.builder(), or the system"
                        + " property chunkwise.workerClassPath");
    }

    @Test
    void classPath_givenForAProgramDefinedFromMemory_letsItsFunctionsRun() throws Throwable {
        List<Path> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(e));
        }
        entries.add(program.classes());

        try (ProcessPool pool = ProcessPool.builder().workers(1).classPath(entries.toArray(Path[]::new)).build()) {
            assertThat(ConsumerProgram.call(program.memoryLoader(), "mapOn", new Class<?>[]{Pool.class}, pool))
                    .isEqualTo(ConsumerProgram.RESULT);
        }
    }

    @Test
    void classPath_withoutChunkwise_failsAtBuildNamingTheWorkersClassAndWhereTheCallerHasIt() throws Exception {
        String core = Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();

        assertThatThrownBy(() -> ProcessPool.builder().workers(1).classPath(program.classes()).build())
                .isInstanceOf(WorkerStartException.class)
                .hasMessageContaining("could not start (exit code 1): it exited before connecting; the workers' class"
                        + " path (set by the builder's classPath(...)) does not hold dev.chunkwise.process.WorkerMain:"
                        + " it needs chunkwise-core and DFLib (" + core + ", " + locationOf(DataFrame.class) + " here)")
                .hasMessageEndingWith("set it with classPath(...) on ProcessPool.builder() or WorkerProcess.builder(),"
                        + " or the system property chunkwise.workerClassPath");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-cp", "-classpath", "--class-path", "--class-path=/x.jar", "-Djava.class.path=/x.jar"})
    void jvmOptions_thatSetTheClassPath_areRefusedNamingTheSetting(String option) {
        String expected = "jvmOptions: " + option + " sets the workers' class path, which a JVM option cannot"
                + " (chunkwise gives the workers' -cp after their JVM options): give it with classPath(...) on the"
                + " builder instead, or the system property chunkwise.workerClassPath";

        assertThatThrownBy(() -> ProcessPool.builder().jvmOptions("-Xmx64m", option))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        assertThatThrownBy(() -> WorkerProcess.builder().jvmOptions(option))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
    }

    @Test
    void classPath_emptyOrNullOrTwice_isRefused() {
        assertThatThrownBy(() -> ProcessPool.builder().classPath())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classPath: no entry (expected: the directories and jars of the workers' whole class path,"
                        + " chunkwise-core's and DFLib's among them)");
        assertThatThrownBy(() -> WorkerProcess.builder().classPath(Path.of("a.jar"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classPath: entry 1 is null (expected: a directory or a jar)");
        assertThatThrownBy(() -> ProcessPool.builder().classPath(Path.of("a.jar")).classPath(Path.of("b.jar")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("classPath was already set to [a.jar]");
    }

    private static String locationOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
