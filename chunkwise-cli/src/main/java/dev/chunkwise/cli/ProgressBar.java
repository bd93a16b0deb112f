package dev.chunkwise.cli;

import dev.chunkwise.frame.ProgressListener;
import dev.chunkwise.time.Durations;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on standard error for work longer than about a second: partitions done of total, rows per
 * second, elapsed and remaining time; for an input read as a stream, bytes read of the input's size and written. Drawn only on a terminal; the caller decides that.
 */
final class ProgressBar implements ProgressListener {

    /** Work shorter than this shows no bar. */
    static final long QUIET_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private boolean drawn;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onProgress(int done, int total, long rowsDone, long rowsTotal, long elapsedNanos) {
        if (elapsedNanos < QUIET_NANOS && done < total) {
            return;
        }
        if (elapsedNanos < QUIET_NANOS && !drawn) {
            return;
        }
        err.print("\r" + render(done, total, rowsDone, rowsTotal, elapsedNanos));
        if (done == total) {
            err.println();
        }
        err.flush();
        drawn = true;
    }

    /**
     * Shows a streamed run's progress: {@code read} bytes of the input of {@code total} (-1 when not known, as for a
     * pipe) and {@code written} bytes of output; {@code done} ends the line.
     */
    void onBytes(long read, long total, long written, long elapsedNanos, boolean done) {
        if (elapsedNanos < QUIET_NANOS && !drawn) {
            return;
        }
        err.print("\r" + renderBytes(read, total, written, elapsedNanos));
        if (done) {
            err.println();
        }
        err.flush();
        drawn = true;
    }

    static String renderBytes(long read, long total, long written, long elapsedNanos) {
        double seconds = Math.max(1e-9, elapsedNanos / 1e9);
        double rate = read / seconds;
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s read, %s written, %s/s, %s elapsed", bytes(read), bytes(written),
                    bytes((long) rate), Durations.format(elapsedNanos));
        }
        int filled = (int) Math.min(WIDTH, (long) WIDTH * read / total);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        double left = read == 0 ? 0 : (total - read) / Math.max(1, rate) * 1e9;
        return String.format(Locale.ROOT, "[%s] %s of %s read, %s written, %s/s, %s elapsed, %s left", bar,
                bytes(read), bytes(total), bytes(written), bytes((long) rate), Durations.format(elapsedNanos),
                Durations.format(left));
    }

    private static String bytes(long n) {
        return n >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
    }

    static String render(int done, int total, long rowsDone, long rowsTotal, long elapsedNanos) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        double seconds = Math.max(1e-9, elapsedNanos / 1e9);
        double rate = rowsDone / seconds;
        double left = rowsDone == 0 ? 0 : (rowsTotal - rowsDone) / Math.max(1, rate) * 1e9;
        return String.format(Locale.ROOT, "[%s] %d/%d partitions, %s rows/s, %s elapsed, %s left", bar, done, total,
                human(rate), Durations.format(elapsedNanos), Durations.format(left));
    }

    private static String human(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        } else if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
