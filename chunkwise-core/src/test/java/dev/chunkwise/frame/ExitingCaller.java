package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import org.dflib.DataFrame;

/**
 * A caller whose function calls {@code System.exit(3)}, applied on a process pool: run by
 * {@link Parallel_IsolationTest} in its own JVM, since the function would end the JVM that ran it. Prints what the
 * apply threw and exits normally; if the function ran here, this JVM ends with exit code 3 and prints nothing.
 *
 * <p>Arguments: the frame's rows; {@code run}, {@code runReport} or {@code explain}.
 */
public final class ExitingCaller {

    public static void main(String[] args) {
        DataFrame df = Frames.randomInts(Integer.parseInt(args[0]), 0, 10, 1, "A");
        PartitionFunction exits = part -> {
            if (part.height() >= 0) {
                System.exit(3);
            }
            return part;
        };
        try (Pool pool = Pool.processes(2)) {
            ParallelApply apply = Parallel.apply(df, exits).on(pool);
            switch (args[1]) {
                case "run" -> apply.run();
                case "runReport" -> apply.runReport();
                default -> apply.explain();
            }
            System.out.println("no failure");
        } catch (RuntimeException e) {
            System.out.println("caught " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
