package dev.chunkwise.spark;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;

import java.util.List;

import static org.dflib.Exp.$int;

/**
 * A driver in its own JVM (a JVM holds one SparkContext): connects to the master given as its argument, runs a map and
 * a parallel apply, and prints what they gave next to the serial results. Run by {@link SparkStandalone_ClusterTest}.
 */
public final class StandaloneDriver {

    public static void main(String[] args) {
        PartitionFunction fn = part -> part.cols("K").merge($int("A").mul(2));
        DataFrame df = Frames.randomInts(50_000, 0, 100, 5, "A", "B");
        try (Pool pool = SparkPool.connect(args[0])) {
            List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3, 4), 1);
            DataFrame onCluster = Parallel.apply(df, fn).partitions(4).on(pool).run();
            System.out.println("squares " + squares);
            System.out.println("apply equals serial " + Frames.contentEquals(onCluster, fn.apply(df)));
            System.out.println("executor pids " + pool.map(x -> ProcessHandle.current().pid(), List.of(1, 2), 1));
            System.out.println("driver pid " + ProcessHandle.current().pid());
        }
    }
}
