package dev.chunkwise.frame;

import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.TaskFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class SharedThreadsTest {

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Timeout(30)
    void map_runsOnTheCallerAndTheHelpers_andKeepsTheOrder_andTellsDoneInOrder() {
        assumeThat(Runtime.getRuntime().availableProcessors()).as("needs 2 cores").isGreaterThanOrEqualTo(2);
        Set<String> threads = Collections.synchronizedSet(new HashSet<>());
        List<Integer> inputs = IntStream.range(0, 40).boxed().toList();
        List<Integer> done = new ArrayList<>();

        List<Integer> out = SharedThreads.map((TaskFunction<Integer, Integer>) x -> {
            threads.add(Thread.currentThread().getName());
            sleep(5);
            return x * x;
        }, inputs, done::add);

        assertThat(out).isEqualTo(inputs.stream().map(x -> x * x).toList());
        assertThat(done).isEqualTo(inputs.stream().map(x -> x).toList()); // indices 0..39, in order
        assertThat(threads).contains(Thread.currentThread().getName()).anyMatch(n -> n.startsWith("chunkwise-auto-"));
    }

    @Test
    @Timeout(30)
    void map_aFailure_reachesTheCallerAsTaskFailed_andTheInputsNotStartedAreSkipped() {
        List<Integer> inputs = IntStream.range(0, 200).boxed().toList();
        Set<Integer> ran = Collections.synchronizedSet(new HashSet<>());

        assertThatThrownBy(() -> SharedThreads.map((TaskFunction<Integer, Integer>) x -> {
            ran.add(x);
            if (x == 3) {
                throw new IllegalStateException("three");
            }
            sleep(2);
            return x;
        }, inputs, null))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("task 3")
                .cause().hasMessage("three");
        assertThat(ran.size()).isLessThan(inputs.size());
    }

    @Test
    @Timeout(30)
    void map_callerInterruptedWhileWaiting_isCancelled_andKeepsItsInterrupt() throws Exception {
        assumeThat(Runtime.getRuntime().availableProcessors()).as("needs 2 cores").isGreaterThanOrEqualTo(2);
        Thread caller = Thread.currentThread();
        CountDownLatch helperDone = new CountDownLatch(1);
        Thread interrupter = new Thread(() -> {
            sleep(600);
            caller.interrupt();
        });
        interrupter.start();
        try {
            // Whichever input it takes, the caller works 300 ms and the helper 1.5 s: the caller then waits for the
            // helper, and is interrupted while it does.
            assertThatThrownBy(() -> SharedThreads.map((TaskFunction<Integer, Integer>) x -> {
                boolean onCaller = Thread.currentThread() == caller;
                long end = System.nanoTime() + (onCaller ? 300 : 1_500) * 1_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                if (!onCaller) {
                    helperDone.countDown();
                }
                return x;
            }, List.of(0, 1), null)).isInstanceOf(CancellationException.class);
            assertThat(Thread.interrupted()).isTrue();
        } finally {
            interrupter.join();
            Thread.interrupted();
            assertThat(helperDone.await(10, TimeUnit.SECONDS)).as("the helper finished its input").isTrue();
        }
    }
}
