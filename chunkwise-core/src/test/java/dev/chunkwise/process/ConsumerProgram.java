package dev.chunkwise.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's program that is not on the JVM's class path: its source is compiled at test time into a directory of its
 * own, and it is loaded through a class loader of its own (a {@link URLClassLoader}, as {@code mvn exec:java} and
 * application servers use, or one that defines its classes from memory), whose parent, the test's class loader, sees
 * chunkwise but not the program.
 */
final class ConsumerProgram {

    /** The program's class. */
    static final String CLASS = "com.example.consumer.Consumer";

    private static final String SOURCE = """
            package com.example.consumer;

            import dev.chunkwise.frame.Frames;
            import dev.chunkwise.frame.Parallel;
            import dev.chunkwise.pool.Pool;
            import dev.chunkwise.pool.Task;
            import dev.chunkwise.process.WorkerProcess;
            import java.io.Serializable;
            import java.util.List;
            import org.dflib.DataFrame;

            import static org.dflib.Exp.$int;

            public class Consumer {
                public record Point(int x) implements Serializable {
                }

                public static final class Triple implements Task<Integer, Integer> {
                    @Override
                    public Integer call(Integer x) {
                        return 3 * x;
                    }
                }

                /** What a user's main does: makes its own pool and maps its own lambda and Task on it. */
                public static String run() {
                    try (Pool pool = Pool.processes(2)) {
                        return mapOn(pool);
                    }
                }

                /** Maps a lambda, a Task and a function giving the program's own type, on a pool made elsewhere. */
                public static String mapOn(Pool pool) {
                    List<Integer> doubled = pool.map(x -> x * 2, List.of(1, 2, 3, 4));
                    List<Integer> tripled = pool.map(new Triple(), List.of(1, 2, 3));
                    List<Point> points = pool.map(Point::new, List.of(5, 6));
                    return doubled + " " + tripled + " " + points;
                }

                /**
                 * Applies a partition function of the program's on a pool made elsewhere: chunkwise wraps it in a
                 * task of its own, so that the pool sees chunkwise's class, not the program's.
                 */
                public static String applyOn(Pool pool) {
                    DataFrame df = Frames.randomInts(8, 0, 10, 1, "A");
                    DataFrame out = Parallel.apply(df, part -> part.cols("K").merge($int("A").add(100)))
                            .partitions(2).on(pool).run();
                    for (int r = 0; r < df.height(); r++) {
                        if ((Integer) out.getColumn("K").get(r) != (Integer) df.getColumn("A").get(r) + 100) {
                            return "row " + r + " is wrong";
                        }
                    }
                    return out.height() + " rows, K = A + 100";
                }

                /** Runs a lambda of the program's in one child JVM. */
                public static String inAChild() {
                    return String.valueOf(WorkerProcess.start((Integer x) -> new Point(x), 7).result());
                }

                public static void main(String[] args) {
                    System.out.println(run());
                    System.out.println(inAChild());
                }
            }
            """;

    /** What {@code run()} and {@code mapOn(pool)} return. */
    static final String RESULT = "[2, 4, 6, 8] [3, 6, 9] [Point[x=5], Point[x=6]]";

    private final Path classes;

    private ConsumerProgram(Path classes) {
        this.classes = classes;
    }

    /** Compiles the program into {@code dir/classes}, against the test's class path (where chunkwise is). */
    static ConsumerProgram compile(Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/com/example/consumer"));
        Files.writeString(src.resolve("Consumer.java"), SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.resolve("Consumer.java").toString()))
                .as("javac's exit code").isZero();
        return new ConsumerProgram(classes);
    }

    /** Returns the directory of the program's classes. */
    Path classes() {
        return classes;
    }

    /** Returns a URL class loader of the program's classes, whose parent is the test's. */
    URLClassLoader urlLoader() throws MalformedURLException {
        return new URLClassLoader(new URL[]{classes.toUri().toURL()}, ConsumerProgram.class.getClassLoader());
    }

    /** Returns a class loader that defines the program's classes from their bytes, saying nothing of where from. */
    ClassLoader memoryLoader() {
        return memoryLoader(classes);
    }

    /**
     * Returns a class loader that defines the classes of the directory {@code classes} from their bytes, saying
     * nothing of where from (no URL, no code source): one whose classes chunkwise cannot find for its workers.
     */
    static ClassLoader memoryLoader(Path classes) {
        return new ClassLoader(ConsumerProgram.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                Path file = classes.resolve(name.replace('.', File.separatorChar) + ".class");
                if (!Files.isRegularFile(file)) {
                    throw new ClassNotFoundException(name);
                }
                try {
                    byte[] bytes = Files.readAllBytes(file);
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * Calls the program's static method {@code name} through {@code loader}, with {@code args} (of the types given),
     * and returns what it returns; what it throws is thrown as it is.
     */
    static Object call(ClassLoader loader, String name, Class<?>[] types, Object... args) throws Throwable {
        try {
            return loader.loadClass(CLASS).getMethod(name, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Calls a static method of the program that takes nothing. */
    static Object call(ClassLoader loader, String name) throws Throwable {
        return call(loader, name, new Class<?>[0]);
    }
}
