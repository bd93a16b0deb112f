package dev.chunkwise.frame;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Longest processing time first: every item in exactly one task, the tasks most costly first, within the bound of
 * greedy list scheduling, and many small items batched into a few tasks.
 */
class Packing_LongestFirstTest {

    @Property(tries = 200)
    void pack_anyCosts_placesEveryItemOnce_withinTheListSchedulingBound(
            @ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = 10_000) Long> costList,
            @ForAll @IntRange(min = 1, max = 16) int tasks) {
        long[] costs = costList.stream().mapToLong(Long::longValue).toArray();

        List<int[]> packed = Packing.pack(costs, tasks);

        int[] all = packed.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, costs.length).toArray());
        assertThat(packed).hasSizeLessThanOrEqualTo(Math.min(tasks, costs.length));
        for (int[] t : packed) {
            assertThat(t).isSorted();
        }
        long[] loads = packed.stream().mapToLong(t -> Arrays.stream(t).mapToLong(i -> costs[i]).sum()).toArray();
        for (int i = 1; i < loads.length; i++) {
            assertThat(loads[i]).as("task %s after a task of %s", i, loads[i - 1]).isLessThanOrEqualTo(loads[i - 1]);
        }
        long total = Arrays.stream(costs).sum();
        long largest = Arrays.stream(costs).max().orElseThrow();
        int bins = Math.min(tasks, costs.length);
        assertThat(Packing.makespan(costs, packed))
                .isGreaterThanOrEqualTo(Math.max(largest, (total + bins - 1) / bins))
                .isLessThanOrEqualTo(total / bins + largest);
    }

    @Test
    void pack_tenThousandEqualItems_makesFourTasksOfEqualShare() {
        long[] costs = new long[10_000];
        Arrays.fill(costs, 1);

        List<int[]> packed = Packing.pack(costs, 4);

        assertThat(packed).hasSize(4).allSatisfy(t -> assertThat(t).hasSize(2_500));
    }

    @Test
    void pack_largestFirst_balancesWhatAnEvenSplitCan() {
        long[] costs = {1, 2, 3, 4, 5, 6, 7};

        List<int[]> packed = Packing.pack(costs, 2);

        assertThat(Packing.makespan(costs, packed)).isEqualTo(14);
        assertThat(packed.get(0)).containsExactly(2, 3, 6); // 7, then 4 (to the lighter task), then 3: 14
    }

    @Test
    void pack_oneHotItem_isAloneInTheBusiestTask() {
        long[] costs = {10, 70, 10, 10};

        List<int[]> packed = Packing.pack(costs, 2);

        assertThat(packed.get(0)).containsExactly(1);
        assertThat(Packing.makespan(costs, packed)).isEqualTo(70);
    }
}
