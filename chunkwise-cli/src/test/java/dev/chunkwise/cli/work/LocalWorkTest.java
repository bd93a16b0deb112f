package dev.chunkwise.cli.work;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class LocalWorkTest {

    static List<Integer> items(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Property(tries = 50)
    void map_givesTheResultsInTheItemsOrder(@ForAll @IntRange(min = 0, max = 200) int n,
                                            @ForAll @IntRange(min = 1, max = 4) int threads) {
        try (LocalThreads executor = LocalThreads.start(threads)) {
            List<Integer> squares = LocalWork.map(executor, i -> i * i, items(n));

            assertThat(squares).isEqualTo(items(n).stream().map(i -> i * i).toList());
        }
    }

    @Test
    void map_aTaskThrows_throwsItsExceptionItself_notAWrapper() {
        IllegalStateException thrown = new IllegalStateException("x.csv:3: a bad byte");
        try (LocalThreads executor = LocalThreads.start(2)) {
            Throwable t = catchThrowable(() -> LocalWork.map(executor, i -> {
                if (i == 5) {
                    throw thrown;
                }
                return i;
            }, items(10)));

            assertThat(t).isSameAs(thrown);
        }
    }

    @Test
    void map_twoTasksThrow_throwsTheFirstInTheItemsOrder_evenWhenTheLaterOneFailedFirst() {
        CountDownLatch laterFailed = new CountDownLatch(1);
        try (LocalThreads executor = LocalThreads.start(4)) {
            Throwable t = catchThrowable(() -> LocalWork.map(executor, i -> {
                if (i == 1) {
                    await(laterFailed); // item 6 fails first in time
                    throw new IllegalArgumentException("item 1");
                }
                if (i == 6) {
                    laterFailed.countDown();
                    throw new IllegalArgumentException("item 6");
                }
                return i;
            }, items(8)));

            assertThat(laterFailed.getCount()).isZero();
            assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessage("item 1");
        }
    }

    @Test
    void forEachInOrder_givesTheResultsToTheSinkInOrder_withABoundedNumberInFlight() throws IOException {
        AtomicInteger started = new AtomicInteger();
        List<Integer> consumed = new ArrayList<>();
        List<Integer> inFlight = new ArrayList<>();
        try (LocalThreads executor = LocalThreads.start(4)) {
            LocalWork.forEachInOrder(executor, i -> {
                started.incrementAndGet();
                return i;
            }, items(10 * LocalWork.IN_FLIGHT), r -> {
                inFlight.add(started.get() - consumed.size());
                consumed.add(r);
            });
        }

        assertThat(consumed).isEqualTo(items(10 * LocalWork.IN_FLIGHT));
        assertThat(inFlight).allSatisfy(n -> assertThat(n).isBetween(1, LocalWork.IN_FLIGHT));
    }

    @Test
    void forEachInOrder_theSinkThrows_passesItsIOExceptionOn_andSubmitsNoMoreTasks() {
        AtomicInteger ran = new AtomicInteger();
        IOException full = new IOException("No space left on device");
        try (LocalThreads executor = LocalThreads.start(2)) {
            Throwable t = catchThrowable(() -> LocalWork.forEachInOrder(executor, i -> ran.incrementAndGet(),
                    items(100 * LocalWork.IN_FLIGHT), r -> {
                        throw full;
                    }));

            assertThat(t).isSameAs(full);
        }
        assertThat(ran.get()).isLessThanOrEqualTo(LocalWork.IN_FLIGHT);
    }

    @Test
    void forEachInOrder_aTaskThrows_throwsItsExceptionItself_afterTheResultsBeforeIt() {
        UncheckedIOException thrown = new UncheckedIOException(new IOException("item 3"));
        List<Integer> consumed = new ArrayList<>();
        try (LocalThreads executor = LocalThreads.start(3)) {
            Throwable t = catchThrowable(() -> LocalWork.forEachInOrder(executor, i -> {
                if (i == 3) {
                    throw thrown;
                }
                return i;
            }, items(20), consumed::add));

            assertThat(t).isSameAs(thrown);
        }
        assertThat(consumed).containsExactly(0, 1, 2);
    }

    @Test
    void map_onTheCallersThread_runsEveryItemInOrder() {
        List<Integer> order = new ArrayList<>();

        List<Integer> results = LocalWork.map(Runnable::run, i -> {
            order.add(i);
            return -i;
        }, items(5));

        assertThat(order).containsExactly(0, 1, 2, 3, 4);
        assertThat(results).containsExactly(0, -1, -2, -3, -4);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(1, TimeUnit.MINUTES)).as("the later item failed").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
