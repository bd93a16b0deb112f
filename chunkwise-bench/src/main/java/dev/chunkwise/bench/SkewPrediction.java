package dev.chunkwise.bench;

import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.frame.RunReport;
import org.dflib.DataFrame;

import java.util.Arrays;
import java.util.Locale;

/**
 * How well auto predicts uneven work: for each of {@link SkewBenchmark}'s shapes, auto's plan and its predicted
 * against its actual time, on the first call in this JVM (cold code) and then the median of 5 calls after 5 more.
 *
 * <p>Run: {@code java -cp chunkwise-bench/target/benchmarks.jar dev.chunkwise.bench.SkewPrediction [ROWS [SHAPE...]]}
 * (default: 100000 rows, as the benchmark, and every shape). Only the first shape's first call is the JVM's first:
 * name one shape a run for each shape's cold figure.
 */
public final class SkewPrediction {

    private SkewPrediction() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String[] shapes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"falling", "rising", "hotBlock", "heavyTail", "uniform"};
        PartitionFunction fn = SkewBenchmark.rowCost();
        for (String shape : shapes) {
            DataFrame df = SkewBenchmark.frame(shape, rows);
            RunReport first = Parallel.apply(df, fn).runReport();
            for (int i = 0; i < 5; i++) {
                Parallel.apply(df, fn).run();
            }
            RunReport[] warm = new RunReport[5];
            for (int i = 0; i < warm.length; i++) {
                warm[i] = Parallel.apply(df, fn).runReport();
            }
            Arrays.sort(warm, (x, y) -> Long.compare(x.actualNanos(), y.actualNanos()));
            double[] ratios = Arrays.stream(warm).mapToDouble(RunReport::predictionRatio).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-9s first call: %s%n%-9s warm, median of 5: %s; predicted/actual %.2f–%.2f%n",
                    shape, first, "", warm[2], ratios[0], ratios[ratios.length - 1]);
        }
    }
}
