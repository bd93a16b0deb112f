package dev.chunkwise.frame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Packs items of known cost (groups, or pieces of a group, by their rows) into a few tasks so that the tasks cost
 * about the same: longest processing time first, onto the least loaded task so far (Graham's LPT, at most 4/3 of the
 * best makespan). Many small items share a task, so that ten thousand tiny groups cost a handful of dispatches, not
 * ten thousand. A pure function of the costs; deterministic (ties go to the earlier item and the lower task).
 */
final class Packing {

    private Packing() {
    }

    /**
     * Returns the items of each task, each task's items in ascending order, the tasks most costly first (the order in
     * which to hand them out, so that the big ones start early).
     *
     * @param costs the cost of each item, not negative
     * @param tasks how many tasks at most; fewer when there are fewer items
     */
    static List<int[]> pack(long[] costs, int tasks) {
        int n = costs.length;
        int bins = Math.max(1, Math.min(tasks, n));
        Integer[] byCost = new Integer[n];
        for (int i = 0; i < n; i++) {
            byCost[i] = i;
        }
        Arrays.sort(byCost, Comparator.<Integer>comparingLong(i -> costs[i]).reversed().thenComparingInt(i -> i));
        long[] load = new long[bins];
        List<List<Integer>> items = new ArrayList<>(bins);
        PriorityQueue<Integer> lightest = new PriorityQueue<>(
                Comparator.<Integer>comparingLong(b -> load[b]).thenComparingInt(b -> b));
        for (int b = 0; b < bins; b++) {
            items.add(new ArrayList<>());
            lightest.add(b);
        }
        for (int i : byCost) {
            int b = lightest.poll();
            items.get(b).add(i);
            load[b] += costs[i];
            lightest.add(b);
        }
        Integer[] binOrder = new Integer[bins];
        for (int b = 0; b < bins; b++) {
            binOrder[b] = b;
        }
        Arrays.sort(binOrder, Comparator.<Integer>comparingLong(b -> load[b]).reversed().thenComparingInt(b -> b));
        List<int[]> result = new ArrayList<>(bins);
        for (int b : binOrder) {
            int[] these = items.get(b).stream().mapToInt(Integer::intValue).sorted().toArray();
            if (these.length > 0) {
                result.add(these);
            }
        }
        return result;
    }

    /** Returns the cost of the most costly task: the least time the packed work can take, in cost units. */
    static long makespan(long[] costs, List<int[]> tasks) {
        long max = 0;
        for (int[] t : tasks) {
            long sum = 0;
            for (int i : t) {
                sum += costs[i];
            }
            max = Math.max(max, sum);
        }
        return max;
    }
}
