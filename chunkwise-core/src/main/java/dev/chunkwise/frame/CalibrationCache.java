package dev.chunkwise.frame;

import dev.chunkwise.util.CacheFile;
import dev.chunkwise.plan.Calibration;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Keeps this machine's {@link Calibration} in the user's cache directory ({@code $XDG_CACHE_HOME/chunkwise/}, else
 * {@code ~/.cache/chunkwise/}; the system property {@value #CACHE_DIR} names another), in a file named for the host, the cores and the JVM, and measures it again when the
 * file is missing, unreadable or older than {@link #MAX_AGE}. A home directory that is missing or cannot be written
 * breaks nothing: the figures are then measured and kept in memory.
 *
 * <p>A cache file can do no harm: one that is not a regular file, is larger than {@link CacheFile#MAX_BYTES}, is not
 * in the format, lacks a figure, holds one that is not a number or out of range (negative, NaN, infinite, a duration
 * over an hour, a combine over a millisecond per value, a transfer over 10 TB/s, cores other than this machine's),
 * or was measured in the future, is ignored with one line on standard error naming the file and what is wrong, then
 * measured again and written over (atomically).
 */
public final class CalibrationCache {

    /** How long cached figures are trusted. */
    public static final Duration MAX_AGE = Duration.ofDays(7);

    /** The longest duration a cached figure may hold: no start-up or dispatch measured here takes an hour. */
    static final long MAX_NANOS = 3_600_000_000_000L;
    /** The most a cached combine may cost per value: a millisecond. */
    static final double MAX_COMBINE_NANOS_PER_VALUE = 1e6;
    /** The fastest cached transfer to worker processes: 10 TB/s. */
    static final double MAX_TRANSFER_BYTES_PER_SECOND = 1e13;

    private static volatile Calibration inMemory;
    /** {@link System#nanoTime()} until which {@link #inMemory} is fresh, so that the common case reads no clock twice. */
    private static volatile long freshUntilNanos;

    private CalibrationCache() {
    }

    /**
     * Returns this machine's figures, from the cache when fresh (and holding the process figures if
     * {@code processes}), else measured now and cached.
     */
    public static Calibration get(boolean processes) {
        Calibration c = inMemory;
        if (c != null && (!processes || c.hasProcesses()) && System.nanoTime() - freshUntilNanos < 0) {
            return c; // every apply asks: this path takes no lock and makes no object
        }
        return getOrMeasure(processes);
    }

    private static synchronized Calibration getOrMeasure(boolean processes) {
        Calibration c = inMemory;
        if (!usable(c, processes)) {
            c = get(processes, file());
        }
        keep(c);
        return c;
    }

    private static void keep(Calibration c) {
        Duration left = MAX_AGE.minus(Duration.between(c.measuredAt(), Instant.now()));
        long leftNanos = left.isNegative() ? 0 : left.compareTo(MAX_AGE) > 0 ? MAX_AGE.toNanos() : left.toNanos();
        freshUntilNanos = System.nanoTime() + leftNanos;
        inMemory = c;
    }

    /** Returns the figures cached in {@code file} (null: none) when fresh, else measures and stores them there. */
    static Calibration get(boolean processes, Path file) {
        return get(processes, file, System.err::println);
    }

    /** As {@link #get(boolean, Path)}, saying on {@code notes} why a cache file that exists was not used. */
    static Calibration get(boolean processes, Path file, Consumer<String> notes) {
        Calibration c = file == null ? null : load(file, notes);
        if (!usable(c, processes)) {
            c = Calibrations.measure(processes);
            if (file != null) {
                store(c, file);
            }
        }
        return c;
    }

    /** Measures now, stores the figures where they can be stored, and returns them. */
    public static synchronized Calibration remeasure() {
        return save(Calibrations.measure(true));
    }

    /** Stores {@code c} (say, with Spark's figures added) as this machine's figures, and returns it. */
    public static synchronized Calibration save(Calibration c) {
        Path file = file();
        if (file != null) {
            store(c, file);
        }
        keep(c);
        return c;
    }

    /** Returns the cache file's path, or null if there is no home or cache directory to put it in. */
    public static Path file() {
        return CacheFile.directory().map(dir -> dir.resolve(fileName())).orElse(null);
    }

    /** The system property that puts the cache in another directory (tests use it to leave the user's alone). */
    public static final String CACHE_DIR = CacheFile.DIRECTORY;

    private static String fileName() {
        return "calibration-" + host() + "-" + Runtime.getRuntime().availableProcessors() + "cpu-java"
                + Runtime.version().feature() + ".properties";
    }

    /** Linux's host name, read without the name service: {@link InetAddress#getLocalHost()} costs 7 ms in a fresh JVM. */
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    private static String host() {
        String name;
        try {
            name = Files.isReadable(KERNEL_HOSTNAME) ? Files.readString(KERNEL_HOSTNAME).strip()
                    : InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            name = "";
        }
        return name.isEmpty() ? "localhost" : name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static boolean usable(Calibration c, boolean processes) {
        return c != null && (!processes || c.hasProcesses())
                && Duration.between(c.measuredAt(), Instant.now()).compareTo(MAX_AGE) < 0;
    }

    /**
     * Returns the figures in {@code file}, or null if there is none or it is unusable, saying on {@code notes} what is
     * wrong with one that is.
     */
    static Calibration load(Path file, Consumer<String> notes) {
        try {
            Optional<Properties> p = CacheFile.read(file);
            return p.isEmpty() ? null : parse(p.get(), Instant.now());
        } catch (CacheFile.Unusable e) {
            notes.accept(CacheFile.ignoredNote(file, e.getMessage(), "measuring again"));
            return null;
        }
    }

    /**
     * Returns the figures in {@code p} if every one is there and in range, as measured on this machine before
     * {@code now}.
     *
     * @throws CacheFile.Unusable naming the first figure that is missing, not a number or out of range
     */
    static Calibration parse(Properties p, Instant now) throws CacheFile.Unusable {
        int machineCores = Runtime.getRuntime().availableProcessors();
        long cores = whole(p, "cores", 1, Integer.MAX_VALUE, "at least 1");
        if (cores != machineCores) {
            throw new CacheFile.Unusable("cores is " + cores + ", but this machine has " + machineCores);
        }
        Instant measuredAt;
        String at = required(p, "measuredAt");
        try {
            measuredAt = Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new CacheFile.Unusable("measuredAt is '" + at + "', not a time such as 2026-11-25T10:00:00Z");
        }
        if (measuredAt.isAfter(now)) {
            throw new CacheFile.Unusable("measuredAt is in the future (" + measuredAt + ")");
        }
        return new Calibration((int) cores, nanos(p, "threadStartNanos"), nanos(p, "threadTaskNanos"),
                nanos(p, "threadWakeNanos"), number(p, "combineNanosPerValue", MAX_COMBINE_NANOS_PER_VALUE),
                nanos(p, "processStartNanos"), nanos(p, "processTaskNanos"),
                number(p, "transferBytesPerSecond", MAX_TRANSFER_BYTES_PER_SECOND),
                p.containsKey("sparkStartNanos") ? nanos(p, "sparkStartNanos") : 0,
                p.containsKey("sparkJobNanos") ? nanos(p, "sparkJobNanos") : 0,
                p.containsKey("sparkTaskNanos") ? nanos(p, "sparkTaskNanos") : 0, measuredAt);
    }

    private static String required(Properties p, String key) throws CacheFile.Unusable {
        String v = p.getProperty(key);
        if (v == null) {
            throw new CacheFile.Unusable(key + " is missing");
        }
        return v.trim();
    }

    private static long nanos(Properties p, String key) throws CacheFile.Unusable {
        return whole(p, key, 0, MAX_NANOS, "0 to " + MAX_NANOS + ", an hour");
    }

    private static long whole(Properties p, String key, long min, long max, String expected) throws CacheFile.Unusable {
        String v = required(p, key);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new CacheFile.Unusable(key + " is '" + v + "', not a whole number");
        }
        if (n < min || n > max) {
            throw new CacheFile.Unusable(key + " is " + n + " (expected: " + expected + ")");
        }
        return n;
    }

    private static double number(Properties p, String key, double max) throws CacheFile.Unusable {
        String v = required(p, key);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new CacheFile.Unusable(key + " is '" + v + "', not a number");
        }
        if (!(d >= 0 && d <= max)) {
            throw new CacheFile.Unusable(key + " is " + v + " (expected: 0 to " + max + ")");
        }
        return d;
    }

    static void store(Calibration c, Path file) {
        Properties p = new Properties();
        p.setProperty("cores", Integer.toString(c.cores()));
        p.setProperty("threadStartNanos", Long.toString(c.threadStartNanos()));
        p.setProperty("threadTaskNanos", Long.toString(c.threadTaskNanos()));
        p.setProperty("threadWakeNanos", Long.toString(c.threadWakeNanos()));
        p.setProperty("combineNanosPerValue", Double.toString(c.combineNanosPerValue()));
        p.setProperty("processStartNanos", Long.toString(c.processStartNanos()));
        p.setProperty("processTaskNanos", Long.toString(c.processTaskNanos()));
        p.setProperty("transferBytesPerSecond", Double.toString(c.transferBytesPerSecond()));
        p.setProperty("sparkStartNanos", Long.toString(c.sparkStartNanos()));
        p.setProperty("sparkJobNanos", Long.toString(c.sparkJobNanos()));
        p.setProperty("sparkTaskNanos", Long.toString(c.sparkTaskNanos()));
        p.setProperty("measuredAt", c.measuredAt().toString());
        // An unwritable cache is not an error: the figures stay in memory for this JVM.
        CacheFile.write(file, p, "chunkwise calibration of this machine; delete to measure again");
    }
}
