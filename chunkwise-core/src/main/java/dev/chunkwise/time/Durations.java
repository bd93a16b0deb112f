package dev.chunkwise.time;

import java.util.Locale;

/** Formats nanoseconds the way IPython does: three significant digits and the largest fitting unit. */
public final class Durations {

    private Durations() {
    }

    /** Returns {@code nanos} as e.g. {@code 1.82 µs}, {@code 245 ms} or {@code 3.10 s}. */
    public static String format(double nanos) {
        double abs = Math.abs(nanos);
        if (nanos == 0) {
            return "0 ns";
        } else if (abs >= 1e9) {
            return digits(nanos / 1e9) + " s";
        } else if (abs >= 1e6) {
            return digits(nanos / 1e6) + " ms";
        } else if (abs >= 1e3) {
            return digits(nanos / 1e3) + " µs";
        }
        return digits(nanos) + " ns";
    }

    private static String digits(double v) {
        double abs = Math.abs(v);
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
