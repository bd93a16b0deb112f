package dev.chunkwise.cli;

import dev.chunkwise.util.CacheFile;
import dev.chunkwise.frame.CalibrationCache;
import dev.chunkwise.time.Durations;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How fast {@code apply} read and wrote files on this machine in its earlier runs, per format, kept beside the
 * calibration so that {@code --explain} can predict a run's reading and writing as the planner predicts its compute.
 *
 * <p>Each is learnt from whole runs of the command (a one-shot JVM, so the JIT's warm-up is in them, as it is in the
 * runs they predict) as a {@link RunCost}: a fixed part, taught by runs under {@value #SMALL_READ_BYTES} bytes read or
 * {@value #SMALL_WRITE_VALUES} values (rows × columns) written, plus a rate, taught by larger runs; so three runs of a
 * few kilobytes predict nothing for a 100 MB file rather than ten times its time. A cache that cannot be written only
 * means no prediction; one that is garbled (see {@link CacheFile}, and any figure not a number or out of
 * {@link RunCost}'s range) is ignored with a note and learnt again.
 */
final class FileRates {

    /** Runs reading fewer bytes than this teach the fixed part of reading, not its rate (a mebibyte). */
    static final long SMALL_READ_BYTES = 1 << 20;
    /** Runs writing fewer values than this teach the fixed part of writing, not its rate (about a mebibyte of CSV). */
    static final long SMALL_WRITE_VALUES = 250_000;

    /** The version of this file's format: 1 (no version line) kept one blended rate that counted fixed costs as rate. */
    private static final String VERSION = "2";
    private static final Pattern VERSION_1_KEY = Pattern.compile("[A-Z_]+\\.(read\\.bytesPerSecond|write\\.valuesPerSecond)");

    private final Path file;
    private final Map<FileFormat, RunCost> reads = new EnumMap<>(FileFormat.class);
    private final Map<FileFormat, RunCost> writes = new EnumMap<>(FileFormat.class);

    private FileRates(Path file) {
        this.file = file;
        for (FileFormat f : FileFormat.values()) {
            reads.put(f, RunCost.unknown(SMALL_READ_BYTES));
            writes.put(f, RunCost.unknown(SMALL_WRITE_VALUES));
        }
    }

    /** Loads the rates from the cache directory (none if it is missing or unusable, with a note on standard error if unusable). */
    static FileRates load() {
        Path calibration = CalibrationCache.file();
        return load(calibration == null ? null : calibration.resolveSibling(
                calibration.getFileName().toString().replace("calibration-", "file-rates-")), System.err::println);
    }

    /** Loads the rates from {@code file} (null: none), saying on {@code notes} why one that exists was not used. */
    static FileRates load(Path file, Consumer<String> notes) {
        FileRates r = new FileRates(file);
        if (file == null) {
            return r;
        }
        try {
            Optional<Properties> p = CacheFile.read(file);
            if (p.isPresent()) {
                r.parse(p.get());
            }
        } catch (CacheFile.Unusable e) {
            notes.accept(CacheFile.ignoredNote(file, e.getMessage(), "learning again"));
            return new FileRates(file);
        }
        return r;
    }

    /** Returns the predicted time to read {@code bytes} of {@code format}, or NaN when no earlier run says. */
    double predictRead(FileFormat format, long bytes) {
        return reads.get(format).predict(bytes).orElse(Double.NaN);
    }

    /** Returns the predicted time to write {@code values} values as {@code format}, or NaN when no earlier run says. */
    double predictWrite(FileFormat format, long values) {
        return writes.get(format).predict(values).orElse(Double.NaN);
    }

    /** Learns from a run that read {@code bytes} in {@code readNanos} and wrote {@code values} in {@code writeNanos}. */
    void learn(FileFormat in, long bytes, long readNanos, FileFormat out, long values, long writeNanos) {
        reads.put(in, reads.get(in).learn(bytes, readNanos));
        writes.put(out, writes.get(out).learn(values, writeNanos));
    }

    /** Stores the rates; a cache that cannot be written is left as it is. */
    void store() {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("version", VERSION);
        for (FileFormat f : FileFormat.values()) {
            put(p, f + ".read", "bytesPerSecond", reads.get(f));
            put(p, f + ".write", "valuesPerSecond", writes.get(f));
        }
        CacheFile.write(file, p, "how fast chunkwise apply read and wrote files here; delete to forget");
    }

    /** Returns "predicted X" for {@code nanos}, or a note that no earlier run predicts it. */
    static String predicted(double nanos) {
        return Double.isNaN(nanos) ? "no earlier run of this size to predict from" : "predicted " + Durations.format(nanos);
    }

    private void parse(Properties p) throws CacheFile.Unusable {
        String version = p.getProperty("version");
        if (version == null) {
            if (!p.isEmpty() && p.stringPropertyNames().stream().allMatch(k -> VERSION_1_KEY.matcher(k).matches())) {
                return; // an older chunkwise's rates, which counted fixed costs as rate: learnt again, silently
            }
            throw new CacheFile.Unusable("version is missing (not a file-rates file of this chunkwise)");
        }
        if (!version.trim().equals(VERSION)) {
            throw new CacheFile.Unusable("version is '" + version + "' (expected: " + VERSION + ")");
        }
        for (FileFormat f : FileFormat.values()) {
            reads.put(f, get(p, f + ".read", "bytesPerSecond", SMALL_READ_BYTES));
            writes.put(f, get(p, f + ".write", "valuesPerSecond", SMALL_WRITE_VALUES));
        }
    }

    private static RunCost get(Properties p, String prefix, String rateName, long small) throws CacheFile.Unusable {
        OptionalDouble fixed = figure(p, prefix + ".fixedNanos", 0, RunCost.MAX_FIXED_NANOS);
        OptionalDouble rate = figure(p, prefix + "." + rateName, RunCost.MIN_RATE, RunCost.MAX_RATE);
        return new RunCost(fixed, rate, small);
    }

    private static OptionalDouble figure(Properties p, String key, double min, double max) throws CacheFile.Unusable {
        String v = p.getProperty(key);
        if (v == null) {
            return OptionalDouble.empty();
        }
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new CacheFile.Unusable(key + " is '" + v + "', not a number");
        }
        if (!(d >= min && d <= max)) {
            throw new CacheFile.Unusable(key + " is " + v.trim() + " (expected: " + min + " to " + max + ")");
        }
        return OptionalDouble.of(d);
    }

    private static void put(Properties p, String prefix, String rateName, RunCost cost) {
        cost.fixedNanos().ifPresent(v -> p.setProperty(prefix + ".fixedNanos", format(v)));
        cost.unitsPerSecond().ifPresent(v -> p.setProperty(prefix + "." + rateName, format(v)));
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
