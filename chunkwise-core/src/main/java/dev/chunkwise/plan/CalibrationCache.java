package dev.chunkwise.plan;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * Keeps this machine's {@link Calibration} in the user's cache directory ({@code $XDG_CACHE_HOME/chunkwise/}, else
 * {@code ~/.cache/chunkwise/}; the system property {@value #CACHE_DIR} names another), in a file named for the host, the cores and the JVM, and measures it again when the
 * file is missing, unreadable or older than {@link #MAX_AGE}. A home directory that is missing or cannot be written
 * breaks nothing: the figures are then measured and kept in memory.
 */
public final class CalibrationCache {

    /** How long cached figures are trusted. */
    public static final Duration MAX_AGE = Duration.ofDays(7);

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
        freshUntilNanos = System.nanoTime() + Math.max(0, Math.min(left.toNanos(), Long.MAX_VALUE / 4));
        inMemory = c;
    }

    /** Returns the figures cached in {@code file} (null: none) when fresh, else measures and stores them there. */
    static Calibration get(boolean processes, Path file) {
        Calibration c;
        c = file == null ? null : load(file);
        if (!usable(c, processes)) {
            c = Calibration.measure(processes);
            if (file != null) {
                store(c, file);
            }
        }
        return c;
    }

    /** Measures now, stores the figures where they can be stored, and returns them. */
    public static synchronized Calibration remeasure() {
        return save(Calibration.measure(true));
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
        String own = System.getProperty(CACHE_DIR);
        if (own != null && !own.isBlank()) {
            return Path.of(own).resolve(fileName());
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path dir;
        if (xdg != null && !xdg.isBlank()) {
            dir = Path.of(xdg, "chunkwise");
        } else if (home != null && !home.isBlank() && !home.equals("?")) {
            dir = Path.of(home, ".cache", "chunkwise");
        } else {
            return null;
        }
        return dir.resolve(fileName());
    }

    /** The system property that puts the cache in another directory (tests use it to leave the user's alone). */
    public static final String CACHE_DIR = "chunkwise.cacheDir";

    private static String fileName() {
        return "calibration-" + host() + "-" + Runtime.getRuntime().availableProcessors() + "cpu-java"
                + Runtime.version().feature() + ".properties";
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }

    private static boolean usable(Calibration c, boolean processes) {
        return c != null && (!processes || c.hasProcesses())
                && Duration.between(c.measuredAt(), Instant.now()).compareTo(MAX_AGE) < 0;
    }

    static Calibration load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            return new Calibration(Integer.parseInt(p.getProperty("cores")),
                    Long.parseLong(p.getProperty("threadStartNanos")), Long.parseLong(p.getProperty("threadTaskNanos")),
                    Long.parseLong(p.getProperty("threadWakeNanos")),
                    Double.parseDouble(p.getProperty("combineNanosPerValue")),
                    Long.parseLong(p.getProperty("processStartNanos")), Long.parseLong(p.getProperty("processTaskNanos")),
                    Double.parseDouble(p.getProperty("transferBytesPerSecond")),
                    Long.parseLong(p.getProperty("sparkStartNanos", "0")), Long.parseLong(p.getProperty("sparkJobNanos", "0")),
                    Instant.parse(p.getProperty("measuredAt")));
        } catch (IOException | RuntimeException e) {
            return null; // missing, unreadable or from another version: measure again
        }
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
        p.setProperty("measuredAt", c.measuredAt().toString());
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".calibration", ".tmp");
            try (Writer w = Files.newBufferedWriter(temp)) {
                p.store(w, "chunkwise calibration of this machine; delete to measure again");
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // An unwritable cache is not an error: the figures stay in memory for this JVM.
        }
    }
}
