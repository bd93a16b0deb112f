package dev.chunkwise.frame;

import dev.chunkwise.plan.Spread;
import org.dflib.DataFrame;
import org.dflib.IntSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dflib.Exp.$int;

/** The sampler times blocks in the middle and at the end of the frame too, not only its prefix. */
class Sampler_SpreadTest {

    @Test
    void aLargeFrame_isTimedAtFivePlacesToTheEnd_andTheSpreadHasFiveBlocks() {
        DataFrame df = Frames.randomInts(200_000, 0, 100, 1, "A").cols("ROW").merge(Series.ofInt(rows(200_000)));
        ConcurrentLinkedQueue<Integer> firstRows = new ConcurrentLinkedQueue<>();
        PartitionFunction fn = part -> {
            firstRows.add((Integer) part.getColumn("ROW").get(0));
            double s = 0;
            for (int r = 0; r < part.height(); r++) {
                for (int i = 0; i < 20; i++) {
                    s += Math.sqrt(i + r);
                }
            }
            return part.cols("K").merge($int("A").mul(s > -1 ? 2 : 3));
        };

        Sample sample = new Sampler(df, new FunctionCalls(fn, null)).sample();

        Spread spread = sample.spread();
        assertThat(spread.blocks()).isEqualTo(5);
        List<Integer> timedAt = new ArrayList<>(firstRows);
        assertThat(timedAt).anyMatch(r -> r > 40_000 && r < 60_000).anyMatch(r -> r > 90_000 && r < 110_000)
                .anyMatch(r -> r > 140_000 && r < 160_000).anyMatch(r -> r > 190_000);
        assertThat(spread.dearestNanosPerRow()).isGreaterThanOrEqualTo(spread.cheapestNanosPerRow());
    }

    @Test
    void theSample_computesOnlyItsFirstBlockTwice_andKeepsEveryResult() {
        int n = 200_000;
        DataFrame df = Frames.randomInts(n, 0, 100, 1, "A").cols("ROW").merge(Series.ofInt(rows(n)));
        List<Integer> computed = java.util.Collections.synchronizedList(new ArrayList<>());
        PartitionFunction fn = part -> {
            IntSeries row = (IntSeries) part.<Integer>getColumn("ROW");
            double s = 0;
            for (int r = 0; r < part.height(); r++) {
                computed.add(row.getInt(r));
                for (int i = 0; i < 200; i++) {
                    s += Math.sqrt(i + r);
                }
            }
            return part.cols("K").merge($int("A").mul(s > -1 ? 2 : 3));
        };

        Sample sample = new Sampler(df, new FunctionCalls(fn, null)).sample();

        java.util.Map<Integer, Long> times = computed.stream().collect(java.util.stream.Collectors.groupingBy(
                r -> r, java.util.stream.Collectors.counting()));
        int end = 0;
        for (Sample.Part p : sample.parts()) {
            end = p.firstRow() == end ? p.end() : end;
        }
        int prefixEnd = end;
        assertThat(times).allSatisfy((row, count) -> assertThat(count).as("row %s computed", row)
                .isLessThanOrEqualTo(row < prefixEnd ? 2 : 1));
        assertThat(sample.rows()).as("rows kept").isEqualTo(times.size());
        assertThat(sample.parts()).hasSize(computed.isEmpty() ? 0 : sample.parts().size())
                .allSatisfy(p -> assertThat(p.out().getColumn("K").get(0))
                        .isEqualTo(2 * (Integer) p.in().getColumn("A").get(0)));
        assertThat(sample.parts().get(sample.parts().size() - 1).end()).as("a block at the end").isEqualTo(n);
    }

    @Test
    void aFrameWhoseDearRowsAreAtItsEnd_isCostedByItsBlocks_notByItsCheapFirstRows() {
        // The last quarter costs 100 times the rest: the mean is about 26 times the first rows' cost.
        int n = 200_000;
        DataFrame df = Frames.randomInts(n, 0, 100, 1, "A").cols("ROW").merge(Series.ofInt(rows(n)));
        PartitionFunction fn = part -> {
            IntSeries row = (IntSeries) part.<Integer>getColumn("ROW");
            double s = 0;
            for (int r = 0; r < part.height(); r++) {
                int work = row.getInt(r) >= n - n / 4 ? 2_000 : 20;
                for (int i = 0; i < work; i++) {
                    s += Math.sqrt(i + r);
                }
            }
            return part.cols("K").merge($int("A").mul(s > -1 ? 2 : 3));
        };

        Sample sample = new Sampler(df, new FunctionCalls(fn, null)).sample();

        double firstRows = sample.spread().cheapestNanosPerRow();
        assertThat(sample.nanosPerRow()).as("cost per row against the cheapest block's %s ns", firstRows)
                .isGreaterThan(5 * firstRows);
    }

    @Test
    void aSmallFrame_isNotTimedTwiceOver_andItsSpreadIsUnknown() {
        DataFrame df = Frames.randomInts(100, 0, 100, 1, "A");

        Sample sample = new Sampler(df, new FunctionCalls(part -> part, null)).sample();

        assertThat(sample.spread()).isEqualTo(Spread.UNKNOWN);
    }

    static int[] rows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
