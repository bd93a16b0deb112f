package dev.chunkwise.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeitTest {

    @Test
    void run_growsTheLoopCountUntilARunLastsTheMinimum() {
        AtomicLong calls = new AtomicLong();
        Timeit.Result r = new Timeit(3, Duration.ofMillis(20)).run(() -> {
            calls.incrementAndGet();
            busy(100_000);
        });

        assertThat(r.loops()).isGreaterThan(1);
        assertThat(r.nanosPerLoop()).hasSize(3);
        assertThat(r.mean() * r.loops()).as("one run's time").isGreaterThan(1_000_000);
        assertThat(calls.get()).isGreaterThanOrEqualTo(3 * r.loops());
    }

    @Test
    void result_printsLikeIPython() {
        Timeit.Result r = new Timeit.Result(new double[]{1800, 1850, 1810}, 100000);

        assertThat(r.toString()).matches("1\\.82 µs ± [0-9.]+ ns per loop \\(mean ± std\\. dev\\. of 3 runs, 100000 loops each\\)");
    }

    @Test
    void durations_chooseTheUnit() {
        assertThat(Durations.format(68.1)).isEqualTo("68.1 ns");
        assertThat(Durations.format(1820)).isEqualTo("1.82 µs");
        assertThat(Durations.format(245_000_000)).isEqualTo("245 ms");
        assertThat(Durations.format(3_100_000_000L)).isEqualTo("3.10 s");
    }

    @Test
    void timeit_zeroRuns_isRejectedWithItsName() {
        assertThatThrownBy(() -> new Timeit(0, Duration.ZERO)).hasMessage("runs: 0 (expected: > 0)");
    }

    @Test
    void cpuTime_measuresCpuAndWallOfABusyBlock() {
        CpuTime.Timed<Long> t = CpuTime.of(() -> busy(200_000_000));

        assertThat(t.wallNanos()).isPositive();
        assertThat(t.totalCpuNanos()).as("CPU time of a busy block").isPositive();
        assertThat(t.toString()).startsWith("CPU times: user ").contains("\nWall time: ");
    }

    static long busy(long n) {
        long x = 0;
        for (long i = 0; i < n; i++) {
            x += i ^ (x >>> 3);
        }
        return x;
    }
}
