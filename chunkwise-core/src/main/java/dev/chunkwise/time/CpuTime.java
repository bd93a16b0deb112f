package dev.chunkwise.time;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Times a block the way IPython's {@code %%time} does: the CPU time the whole process spent in user and in system
 * mode (every thread, the pool's workers included), and the wall time.
 *
 * <pre>{@code
 * CpuTime.Timed<List<Integer>> t = CpuTime.of(() -> pool.map(x -> x * x, List.of(1, 2, 3)));
 * System.out.println(t);   // CPU times: user 10.0 ms, sys 0 ns, total: 10.0 ms\nWall time: 1.52 ms
 * }</pre>
 *
 * <p>On Linux the user/system split comes from {@code /proc/self/stat}, whose clock ticks are 10 ms; elsewhere the
 * JVM's process CPU time is all counted as user time.
 */
public final class CpuTime {

    private static final Path PROC_SELF_STAT = Path.of("/proc/self/stat");
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private CpuTime() {
    }

    /** Runs {@code block} and returns its value with the times it took. */
    public static <T> Timed<T> of(Supplier<T> block) {
        long[] before = cpu();
        long start = System.nanoTime();
        T value = block.get();
        long wall = System.nanoTime() - start;
        long[] after = cpu();
        return new Timed<>(value, after[0] - before[0], after[1] - before[1], wall);
    }

    /** Runs {@code block} and returns the times it took. */
    public static Timed<Void> of(Runnable block) {
        return of(() -> {
            block.run();
            return null;
        });
    }

    /** Returns the process's user and system CPU time so far, in nanoseconds. */
    private static long[] cpu() {
        try {
            String stat = Files.readString(PROC_SELF_STAT);
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[]{Long.parseLong(f[11]) * NANOS_PER_TICK, Long.parseLong(f[12]) * NANOS_PER_TICK};
        } catch (IOException | RuntimeException e) {
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return new long[]{sun.getProcessCpuTime(), 0};
            }
            return new long[]{0, 0};
        }
    }

    /**
     * A block's value and its times, in nanoseconds.
     *
     * @param value     what the block returned
     * @param userNanos CPU time in user mode, all threads
     * @param sysNanos  CPU time in system mode, all threads
     * @param wallNanos elapsed real time
     */
    public record Timed<T>(T value, long userNanos, long sysNanos, long wallNanos) {

        /** Returns the CPU time in user and system mode together. */
        public long totalCpuNanos() {
            return userNanos + sysNanos;
        }

        /** Returns IPython's two lines: {@code CPU times: user …, sys: …, total: …} and {@code Wall time: …}. */
        @Override
        public String toString() {
            return "CPU times: user " + Durations.format(userNanos) + ", sys: " + Durations.format(sysNanos)
                    + ", total: " + Durations.format(totalCpuNanos()) + "\nWall time: " + Durations.format(wallNanos);
        }
    }
}
