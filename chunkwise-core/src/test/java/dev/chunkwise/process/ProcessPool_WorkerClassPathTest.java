package dev.chunkwise.process;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskFunction;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The system property {@code chunkwise.workerClassPath} sets the worker JVMs' whole class path (bin/chunkwise passes
 * its core jars, so that workers do not load the caller's Parquet and Spark jars); unset or blank, workers get the
 * class path chunkwise gathers, the caller's {@code java.class.path} first.
 */
@Timeout(120)
class ProcessPool_WorkerClassPathTest {

    private static <T> T withWorkerClassPath(String classPath, Callable<T> body) throws Exception {
        String before = System.getProperty(WorkerClassPath.PROPERTY);
        System.setProperty(WorkerClassPath.PROPERTY, classPath);
        try {
            return body.call();
        } finally {
            if (before == null) {
                System.clearProperty(WorkerClassPath.PROPERTY);
            } else {
                System.setProperty(WorkerClassPath.PROPERTY, before);
            }
        }
    }

    private static String locationOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void property_givesTheWorkersAClassPathWithAFunctionTheCallersLacks(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/com/example"));
        Files.writeString(src.resolve("Thrice.java"), "package com.example;\n"
                + "public class Thrice implements dev.chunkwise.pool.TaskFunction<Integer, Integer> {\n"
                + "  public Integer apply(Integer x) { return 3 * x; }\n}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.resolve("Thrice.java").toString())).isZero();

        List<Integer> result = withWorkerClassPath(System.getProperty("java.class.path") + File.pathSeparator + classes, () -> {
            try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, getClass().getClassLoader());
                 Pool pool = Pool.processes(1)) {
                @SuppressWarnings("unchecked")
                TaskFunction<Integer, Integer> thrice = (TaskFunction<Integer, Integer>)
                        loader.loadClass("com.example.Thrice").getDeclaredConstructor().newInstance();
                return pool.map(thrice, List.of(1, 2, 3));
            }
        });

        assertThat(result).containsExactly(3, 6, 9);
    }

    @Test
    void property_narrowerThanTheCallers_leavesTheCallersOtherClassesOut() throws Exception {
        String coreOnly = locationOf(WorkerMain.class) + File.pathSeparator + locationOf(DataFrame.class);

        withWorkerClassPath(coreOnly, () -> {
            try (Pool pool = Pool.processes(1)) {
                assertThatThrownBy(() -> pool.map(x -> x + 1, List.of(1, 2)))
                        .isInstanceOf(TaskFailedException.class)
                        .hasMessageContaining("could not load the function")
                        .hasMessageContaining(ProcessPool_WorkerClassPathTest.class.getName());
            }
            return null;
        });
    }

    @Test
    void anEmptyEntryOfTheCallersClassPath_isTheWorkingDirectory() {
        String before = System.getProperty("java.class.path");
        System.setProperty("java.class.path", before + File.pathSeparator);
        try {
            assertThat(WorkerClassPath.gathered().entries()).contains(Path.of("").toAbsolutePath().toString())
                    .doesNotContain("");
        } finally {
            System.setProperty("java.class.path", before);
        }
    }

    @Test
    void blankProperty_givesTheWorkersTheCallersClassPath() throws Exception {
        List<Integer> result = withWorkerClassPath(" ", () -> {
            try (Pool pool = Pool.processes(1)) {
                return pool.map(x -> x + 1, List.of(1, 2));
            }
        });

        assertThat(result).containsExactly(2, 3);
    }
}
