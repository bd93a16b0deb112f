package dev.chunkwise.frame;

import dev.chunkwise.plan.Spread;
import dev.chunkwise.trace.Trace;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dflib.Exp.$int;

/**
 * A serial run that someone listens to and that the sample says lasts a while is computed in pieces of about
 * {@link Execution#PROGRESS_NANOS}, progress told after each, the sampled rows counted once; the result is the one
 * call's.
 */
class Execution_SerialProgressTest {

    private static final PartitionFunction TIMES_TWO = part -> part.cols("K").merge($int("A").mul(2));

    @Test
    void serial_predictedToTakeASecond_tellsProgressAboutEveryTenthOfASecond_andGivesTheOneCallResult() {
        DataFrame df = Frames.randomInts(10_000, 0, 100, 3, "A");
        DataFrame sampled = df.rowsRange(0, 100).select();
        // The sample says 100 µs a row: the 9,900 rows left take about 1 s, about ten pieces of 0.1 s.
        Sample sample = new Sample(List.of(new Sample.Part(0, sampled, TIMES_TWO.apply(sampled))), 100_000,
                Spread.UNKNOWN);
        List<long[]> told = new ArrayList<>();
        Execution run = new Execution(df, new FunctionCalls(TIMES_TWO, null), sample,
                (done, total, rows, allRows, nanos) -> told.add(new long[]{done, total, rows, allRows}), new Trace());

        DataFrame result = run.serial().result();

        assertThatFrame(result).hasSameContentAs(TIMES_TWO.apply(df));
        assertThat(told).hasSize(9);
        assertThat(told.get(0)[2]).isEqualTo(100 + 1100);
        assertThat(told.get(told.size() - 1)).containsExactly(9, 9, 10_000, 10_000);
    }

    @Test
    void serial_predictedToBeQuick_tellsProgressOnceAtTheEnd() {
        DataFrame df = Frames.randomInts(1000, 0, 100, 3, "A");
        Sample sample = new Sample(List.of(), 10, Spread.UNKNOWN);
        List<long[]> told = new ArrayList<>();
        Execution run = new Execution(df, new FunctionCalls(TIMES_TWO, null), sample,
                (done, total, rows, allRows, nanos) -> told.add(new long[]{done, total, rows, allRows}), new Trace());

        Execution.Rest rest = run.serial();

        assertThatFrame(rest.result()).hasSameContentAs(TIMES_TWO.apply(df));
        assertThat(told).containsExactly(new long[]{1, 1, 1000, 1000});
    }
}
