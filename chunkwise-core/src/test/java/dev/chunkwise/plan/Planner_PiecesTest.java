package dev.chunkwise.plan;

import dev.chunkwise.pool.Backend;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many pieces the planner hands out, from figures (no timing): uneven work is cut into many pieces, so that a
 * worker that finishes early takes more; even work into few, so that dispatch costs little.
 */
class Planner_PiecesTest {

    /** Two cores; an open pool; a thread task costs 20 µs to dispatch. */
    static final Calibration TWO_CORES = new Calibration(2, 100_000, 20_000, 10_000, 0.5, 0, 0, 0, 0, 0, Instant.now());

    static Plan plan(Spread spread) {
        // 100,000 rows at 10 µs each: a second of work.
        Work w = Work.of(100_000, 10_000).columns(4, 5, 1).onOpenPool().spread(spread);
        return Planner.plan(w, TWO_CORES, null);
    }

    @Test
    void unevenWork_isCutIntoManyPiecesPerWorker() {
        Plan p = plan(Spread.of(1_000, 9_000, 30_000));

        assertThat(p.chosen().backend()).isEqualTo(Backend.THREADS);
        assertThat(p.chosen().partitions()).as(p.toString()).isGreaterThanOrEqualTo(16 * p.chosen().workers());
    }

    @Test
    void evenWork_isCutIntoFewPieces() {
        Plan p = plan(Spread.of(10_000, 10_100, 9_950));

        assertThat(p.chosen().backend()).isEqualTo(Backend.THREADS);
        assertThat(p.chosen().partitions()).as(p.toString()).isLessThan(64 * p.chosen().workers());
        assertThat(p.chosen().predictedNanos()).isLessThan(plan(Spread.of(1_000, 9_000, 30_000)).chosen().predictedNanos());
    }

    @Test
    void unmeasuredSpread_isNotTrustedToBeEven() {
        Plan unknown = plan(Spread.UNKNOWN);

        assertThat(unknown.chosen().partitions()).as(unknown.toString()).isGreaterThan(unknown.chosen().workers());
        assertThat(unknown.toString()).contains("spread: not measured (assumed uneven)");
    }

    @Test
    void explain_showsTheCheapestAndDearestBlocks() {
        assertThat(plan(Spread.of(1_000, 9_000, 30_000)).toString())
                .contains("spread: 1.00 µs to 30.0 µs per row over 3 blocks (unevenness 8.00)");
    }
}
