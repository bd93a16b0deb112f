package dev.chunkwise.cli;

import dev.chunkwise.plan.CalibrationCache;
import dev.chunkwise.time.Durations;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * How fast {@code apply} read and wrote files on this machine in its earlier runs, per format, kept beside the
 * calibration so that {@code --explain} can predict a run's reading and writing as the planner predicts its compute.
 *
 * <p>The rates are learnt from whole runs of the command (a one-shot JVM, so the JIT's warm-up is in them, as it is in
 * the runs they predict), each new run weighing half: reading in bytes of file per second, writing in values (rows ×
 * columns) per second. A cache that cannot be read or written only means no prediction.
 */
final class FileRates {

    private final Path file;
    private final Properties rates = new Properties();

    private FileRates(Path file) {
        this.file = file;
    }

    /** Loads the rates from the cache directory (none if it is missing or unreadable). */
    static FileRates load() {
        Path calibration = CalibrationCache.file();
        FileRates r = new FileRates(calibration == null ? null : calibration.resolveSibling(
                calibration.getFileName().toString().replace("calibration-", "file-rates-")));
        if (r.file != null && Files.isRegularFile(r.file)) {
            try (Reader in = Files.newBufferedReader(r.file)) {
                r.rates.load(in);
            } catch (IOException | RuntimeException e) {
                r.rates.clear();
            }
        }
        return r;
    }

    /** Returns the predicted time to read {@code bytes} of {@code format}, or NaN when no earlier run says. */
    double predictRead(FileFormat format, long bytes) {
        double rate = rate(format + ".read.bytesPerSecond");
        return rate > 0 ? bytes / rate * 1e9 : Double.NaN;
    }

    /** Returns the predicted time to write {@code values} values as {@code format}, or NaN when no earlier run says. */
    double predictWrite(FileFormat format, long values) {
        double rate = rate(format + ".write.valuesPerSecond");
        return rate > 0 ? values / rate * 1e9 : Double.NaN;
    }

    /** Learns from a run that read {@code bytes} in {@code readNanos} and wrote {@code values} in {@code writeNanos}. */
    void learn(FileFormat in, long bytes, long readNanos, FileFormat out, long values, long writeNanos) {
        blend(in + ".read.bytesPerSecond", bytes / (readNanos / 1e9));
        blend(out + ".write.valuesPerSecond", values / (writeNanos / 1e9));
    }

    /** Stores the rates; a cache that cannot be written is left as it is. */
    void store() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".file-rates", ".tmp");
            try (Writer w = Files.newBufferedWriter(temp)) {
                rates.store(w, "how fast chunkwise apply read and wrote files here; delete to forget");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // No cache, no prediction: nothing else depends on it.
        }
    }

    /** Returns "predicted X" for {@code nanos}, or a note that no earlier run predicts it. */
    static String predicted(double nanos) {
        return Double.isNaN(nanos) ? "no earlier run to predict from" : "predicted " + Durations.format(nanos);
    }

    private double rate(String key) {
        try {
            return Double.parseDouble(rates.getProperty(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void blend(String key, double observed) {
        if (!(observed > 0) || Double.isInfinite(observed)) {
            return;
        }
        double old = rate(key);
        double now = old > 0 ? (old + observed) / 2 : observed;
        rates.setProperty(key, String.format(Locale.ROOT, "%.6g", now));
    }
}
