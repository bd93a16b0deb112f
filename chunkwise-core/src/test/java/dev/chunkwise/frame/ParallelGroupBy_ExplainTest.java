package dev.chunkwise.frame;

import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code explain()}: the groups, the tasks they are packed into, and a hot key named with the speed-up it caps. */
class ParallelGroupBy_ExplainTest {

    /** 10,000 rows: 6,100 with K=17, the rest in 39 groups of 100. */
    private static DataFrame hotFrame() {
        Object[] keys = new Object[10_000];
        for (int r = 0; r < keys.length; r++) {
            keys[r] = r % 100 < 61 ? (Object) 17 : "o" + (r % 100 - 61);
        }
        int[] a = new int[keys.length];
        return DataFrame.byColumn("K", "A").of(Series.of(keys), Series.ofInt(a));
    }

    @Test
    void explain_hotKey_namesTheGroupItsShareAndTheCap() {
        GroupPlan plan = Parallel.groupBy(hotFrame(), "K").workers(2).explain();

        assertThat(plan.hot()).isTrue();
        assertThat(plan.largestGroup()).isEqualTo("K=17");
        assertThat(plan.largestShare()).isEqualTo(0.61);
        assertThat(plan.speedupCap()).isEqualTo(10_000 / 6_100.0);
        assertThat(plan.hotPieces()).isEqualTo(3);
        assertThat(plan.toString()).contains("hot key: group K=17 holds 61 % of the rows: at most 1.6× on 2 workers "
                + "for apply; agg splits it into 3 pieces reduced in parallel");
    }

    @Test
    void explain_hotKey_predictsTheSpeedUpOfTheBusiestWorker() {
        GroupPlan plan = Parallel.groupBy(hotFrame(), "K").workers(2).explain();

        assertThat(plan.busiestRows()).isEqualTo(6_100);
        assertThat(plan.predictedSpeedup()).isEqualTo(plan.speedupCap());
        assertThat(plan.groups()).isEqualTo(40);
        assertThat(plan.toString()).startsWith("groups: 40 groups of 10,000 rows in 4 tasks on 2 "
                + "workers (packed largest first by rows); predicted 1.6× for apply (the busiest worker computes "
                + "6,100 rows)");
    }

    @Test
    void explain_evenKeys_saysThereIsNoHotKey() {
        DataFrame df = Frames.randomInts(10_000, 0, 50, 1, "K", "A");

        GroupPlan plan = Parallel.groupBy(df, "K").workers(4).explain();

        assertThat(plan.hot()).isFalse();
        assertThat(plan.hotPieces()).isZero();
        assertThat(plan.groups()).isEqualTo(50);
        assertThat(plan.tasks()).isEqualTo(8);
        assertThat(plan.predictedSpeedup()).isGreaterThan(3.8);
        assertThat(plan.toString()).contains("(a worker's fair share is 25 %): no hot key");
    }

    @Test
    void explain_smallHotGroup_saysItIsTooSmallToSplit() {
        DataFrame df = DataFrame.byColumn("K").of(Series.of("a", "a", "a", "b"));

        GroupPlan plan = Parallel.groupBy(df, "K").workers(2).explain();

        assertThat(plan.toString()).contains("group K=a holds 75 % of the rows: at most 1.3× on 2 workers for apply; "
                + "too small for agg to split");
    }

    @Test
    void explain_oneWorker_neverHasAHotKey() {
        GroupPlan plan = Parallel.groupBy(hotFrame(), "K").workers(1).explain();

        assertThat(plan.hot()).isFalse();
        assertThat(plan.tasks()).isEqualTo(1);
        assertThat(plan.speedupCap()).isEqualTo(1.0);
    }

    @Test
    void explain_emptyFrame_saysThereAreNoGroups() {
        DataFrame df = DataFrame.empty("K", "A");

        assertThat(Parallel.groupBy(df, "K").explain()).hasToString("groups: none, the frame has no rows");
    }
}
