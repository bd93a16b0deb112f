package dev.chunkwise.frame;

import dev.chunkwise.plan.Spread;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.trace.Trace;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dflib.Exp.$int;

/**
 * The parts a sample computed anywhere in the frame (a prefix, blocks in the middle and at the end) are kept: a run
 * computes only the rows between them, each once, and the result is the serial one, in order, whether the rest runs
 * serially, on auto's shared threads or on a pool.
 */
class Execution_SampledPartsTest {

    private static Pool threads;

    @BeforeContainer
    static void openPool() {
        threads = Pool.threads(2);
    }

    @AfterContainer
    static void closePool() {
        threads.close();
    }

    @Property(tries = 60)
    void theRest_isComputedOnce_aroundTheSampledParts_andTheResultIsSerials(
            @ForAll("framesWithParts") FrameWithParts f, @ForAll("ways") String way) {
        List<Integer> computedRows = Collections.synchronizedList(new ArrayList<>());
        PartitionFunction fn = part -> {
            IntSeries row = (IntSeries) part.<Integer>getColumn("ROW");
            for (int r = 0; r < part.height(); r++) {
                computedRows.add(row.getInt(r));
            }
            return part.cols("K").merge($int("A").mul(2));
        };
        List<Sample.Part> parts = new ArrayList<>();
        for (int[] range : f.parts) {
            DataFrame in = f.df.rowsRange(range[0], range[1]).select();
            parts.add(new Sample.Part(range[0], in, fn.apply(in)));
        }
        computedRows.clear();
        Sample sample = new Sample(parts, 1_000, Spread.UNKNOWN);
        Execution run = new Execution(f.df, new FunctionCalls(fn, null), sample, null, new Trace());

        DataFrame result = switch (way) {
            case "serial" -> run.serial().result();
            case "shared threads" -> run.on(null, f.pieces);
            default -> run.on(threads, f.pieces);
        };

        assertThatFrame(result).hasSameContentAs(f.df.cols("K").merge($int("A").mul(2)));
        TreeSet<Integer> expected = new TreeSet<>();
        for (int r = 0; r < f.df.height(); r++) {
            expected.add(r);
        }
        for (int[] range : f.parts) {
            for (int r = range[0]; r < range[1]; r++) {
                expected.remove(r);
            }
        }
        assertThat(computedRows).as("rows computed by the run").hasSize(expected.size())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /** A frame of {@code ROW} and {@code A}, with non-overlapping sampled ranges and a piece count for the rest. */
    record FrameWithParts(DataFrame df, List<int[]> parts, int pieces) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(df.height() + " rows, parts");
            parts.forEach(p -> sb.append(" [").append(p[0]).append(", ").append(p[1]).append(')'));
            return sb.append(", ").append(pieces).append(" pieces").toString();
        }
    }

    @Provide
    Arbitrary<FrameWithParts> framesWithParts() {
        return Arbitraries.integers().between(1, 400).flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(0, n).list().ofMaxSize(10),
                Arbitraries.integers().between(1, 40)).as((cuts, pieces) -> {
            TreeSet<Integer> sorted = new TreeSet<>(cuts);
            List<Integer> points = new ArrayList<>(sorted);
            List<int[]> parts = new ArrayList<>();
            for (int i = 0; i + 1 < points.size(); i += 2) {
                if (points.get(i) < points.get(i + 1)) {
                    parts.add(new int[]{points.get(i), points.get(i + 1)});
                }
            }
            int[] rows = new int[n];
            for (int r = 0; r < n; r++) {
                rows[r] = r;
            }
            DataFrame df = Frames.randomInts(n, -50, 50, n, "A").cols("ROW").merge(Series.ofInt(rows));
            return new FrameWithParts(df, parts, pieces);
        }));
    }

    @Provide
    Arbitrary<String> ways() {
        return Arbitraries.of("serial", "shared threads", "a pool of 2 threads");
    }
}
