package dev.chunkwise.bench;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.frame.RunReport;
import org.dflib.DataFrame;

import java.util.Locale;

import static org.dflib.Exp.$int;

/**
 * The README's example on its first call in a fresh JVM (issue #15): auto's plan, its prediction against the call's
 * actual time, where the time went, and the second call beside it. The prediction holds the time the call had
 * already spent timing the function and planning, which in a fresh JVM is mostly loading classes.
 *
 * <p>Run: {@code java -cp chunkwise-bench/target/benchmarks.jar dev.chunkwise.bench.FirstCall [ROWS]} (default
 * 100), once a JVM: only its first call is a first call.
 */
public final class FirstCall {

    private FirstCall() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        DataFrame df = Frames.randomInts(rows, 0, 100, 42, "A", "B", "C", "D");
        PartitionFunction addK = part -> part.cols("K").merge($int("A").mul(2));
        RunReport first = Parallel.apply(df, addK).runReport();
        System.out.println("first call: " + first);
        first.trace().spans().forEach(s -> System.out.printf(Locale.ROOT, "  %-10s %8.2f ms at %8.2f ms, %s%n",
                s.phase(), s.durationNanos() / 1e6, s.startNanos() / 1e6, s.detail()));
        System.out.println("second call: " + Parallel.apply(df, addK).runReport());
    }
}
