package dev.chunkwise.pool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The behaviour every {@link Pool} must have. Each implementation runs it through a subclass that says how to make
 * the pool.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class PoolContractTest {

    protected Pool pool;

    /** Returns a new pool of (up to) {@code workers} workers, as the implementation under test makes it. */
    protected abstract Pool newPool(int workers);

    @BeforeEach
    void openPool() {
        pool = newPool(2);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    public static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    public static int slowSquare(int x) {
        // Uneven durations, so that completion order differs from input order.
        sleep((x * 7) % 5);
        return x * x;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Test
    void map_squares_returnsTheNotebooksResult() {
        assertThat(pool.map(x -> x * x, List.of(1, 2, 3))).containsExactly(1, 4, 9);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 1000})
    void map_anyChunksize_returnsResultsInInputOrder(int chunksize) {
        List<Integer> items = range(64);
        List<Integer> expected = items.stream().map(x -> x * x).toList();

        assertThat(pool.map(PoolContractTest::slowSquare, items, chunksize)).isEqualTo(expected);
    }

    @Test
    void map_emptyList_returnsEmptyList() {
        assertThat(pool.<Integer, Integer>map(x -> x, List.of())).isEmpty();
    }

    @Test
    void map_nullItems_arePassedThrough() {
        List<String> items = new ArrayList<>();
        items.add("a");
        items.add(null);
        assertThat(pool.map(s -> s == null ? "null" : s.toUpperCase(), items)).containsExactly("A", "null");
    }

    @Test
    void map_functionThrows_throwsTaskFailedExceptionWithTheOriginalCause() {
        assertThatThrownBy(() -> pool.map(x -> 10 / (x - 5), range(10), 1))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("task 5 failed")
                .cause().isInstanceOf(ArithmeticException.class).hasMessage("/ by zero");
    }

    @Test
    void map_functionThrowsACheckedException_isTheTasksFailure() {
        assertThatThrownBy(() -> pool.map(x -> {
            if (x == 2) {
                throw new IOException("disk full at " + x);
            }
            return x;
        }, range(4), 1))
                .isInstanceOf(TaskFailedException.class)
                .hasMessage("task 2 failed: java.io.IOException: disk full at 2")
                .satisfies(e -> assertThat(((TaskFailedException) e).taskIndex()).isEqualTo(2))
                .cause().isInstanceOf(IOException.class);
    }

    @Test
    void map_aTaskFunction_isATask() {
        TaskFunction<Integer, Integer> plusOne = x -> x + 1;

        assertThat(pool.map(plusOne, range(3))).containsExactly(1, 2, 3);
    }

    @Test
    void map_failure_isThrownWithTheCallersStack_andTheFunctionsExceptionAsItsCause() {
        Throwable thrown = catchThrowable(() -> pool.map(PoolContractTest::failOnThree, range(5), 1));

        assertThat(thrown).isInstanceOf(TaskFailedException.class);
        assertThat(thrown.getStackTrace()).as("the stack of the exception map threw")
                .anyMatch(f -> f.getMethodName().equals(
                        "map_failure_isThrownWithTheCallersStack_andTheFunctionsExceptionAsItsCause"));
        assertThat(thrown.getCause().getStackTrace()).as("the stack of the function's exception")
                .anyMatch(f -> f.getMethodName().equals("failOnThree"));
    }

    public static int failOnThree(int x) {
        if (x == 3) {
            throw new IllegalStateException("three is bad");
        }
        return x;
    }

    @Test
    void map_exceptionWithCauses_arrivesWithTheWholeChain() {
        Throwable thrown = catchThrowable(() -> pool.map(x -> {
            throw new IllegalStateException("outer", new IOException("middle", new ArithmeticException("inner")));
        }, List.of(1)));

        assertThat(thrown).isInstanceOf(TaskFailedException.class);
        assertThat(thrown.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("outer");
        assertThat(thrown.getCause().getCause()).isInstanceOf(IOException.class).hasMessage("middle");
        assertThat(thrown.getCause().getCause().getCause()).isInstanceOf(ArithmeticException.class).hasMessage("inner");
    }

    @Test
    void map_anyIterable_returnsResultsInIterationOrder() {
        Set<Integer> set = new LinkedHashSet<>(List.of(5, 3, 9, 1));
        Iterable<Integer> plain = () -> range(6).iterator();

        assertThat(pool.map(x -> x * 10, set)).containsExactly(50, 30, 90, 10);
        assertThat(pool.map(x -> x + 1, plain, 4)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void map_array_returnsResultsInOrder() {
        String[] words = {"a", "bb", "ccc"};

        assertThat(pool.map(String::length, words)).containsExactly(1, 2, 3);
        assertThat(pool.map(String::length, words, 2)).containsExactly(1, 2, 3);
    }

    @Test
    void map_afterAFailure_poolIsStillUsable() {
        assertThatThrownBy(() -> pool.map(x -> {
            throw new IllegalStateException("boom " + x);
        }, range(4))).isInstanceOf(TaskFailedException.class);

        assertThat(pool.map(x -> x + 1, range(5))).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void map_firstTaskFails_theRestAreCancelled(@TempDir Path marks) throws IOException {
        int n = 200;
        String dir = marks.toString(); // each call leaves a file, so that calls in other processes count too
        assertThatThrownBy(() -> pool.map(x -> {
            touch(Path.of(dir, "call-" + x));
            if (x == 0) {
                throw new IllegalArgumentException("first");
            }
            sleep(20);
            return x;
        }, range(n), 1)).isInstanceOf(TaskFailedException.class);
        long whenThrown = count(marks);

        sleep(300);

        assertThat(count(marks)).as("tasks started after the failure reached the caller (%d had started before)", whenThrown)
                .isLessThanOrEqualTo(whenThrown + pool.workers());
        assertThat(whenThrown).as("tasks started before the failure reached the caller").isLessThan(n);
    }

    static long count(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }

    public static void touch(Path p) {
        try {
            Files.createFile(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void map_badChunksize_isRejectedWithItsName() {
        assertThatThrownBy(() -> pool.map(x -> x, range(3), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunksize: 0 (expected: > 0)");
    }

    @Test
    void imap_returnsResultsInInputOrder() {
        List<Integer> results = new ArrayList<>();
        pool.imap(PoolContractTest::slowSquare, range(30)).forEachRemaining(results::add);

        assertThat(results).isEqualTo(range(30).stream().map(x -> x * x).toList());
    }

    @Test
    void imap_chunksizeOne_infiniteInput_isReadOnlyAsFarAsNeeded() {
        AtomicInteger pulled = new AtomicInteger();

        Iterator<Integer> results = pool.imap(x -> x * 2, naturals(pulled), 1);
        List<Integer> firstFive = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            firstFive.add(results.next());
        }

        assertThat(firstFive).containsExactly(0, 2, 4, 6, 8);
        assertThat(pulled.get()).as("items pulled from an infinite input").isLessThanOrEqualTo(5 + 2 * pool.workers());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 100})
    void imap_anyChunksize_returnsResultsInInputOrder(int chunksize) {
        List<Integer> results = new ArrayList<>();
        pool.imap(PoolContractTest::slowSquare, range(30), chunksize).forEachRemaining(results::add);

        assertThat(results).isEqualTo(range(30).stream().map(x -> x * x).toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 100})
    void imapUnordered_anyChunksize_returnsEveryResultOnce(int chunksize) {
        List<Integer> results = new ArrayList<>();
        pool.imapUnordered(PoolContractTest::slowSquare, range(30), chunksize).forEachRemaining(results::add);

        assertThat(results).containsExactlyInAnyOrderElementsOf(range(30).stream().map(x -> x * x).toList());
    }

    @Test
    void imap_chunksize_infiniteInput_isReadAtMostAWindowOfChunksAhead() {
        AtomicInteger pulled = new AtomicInteger();
        int chunksize = 10;

        Iterator<Integer> results = pool.imap(x -> x * 2, naturals(pulled), chunksize);
        for (int i = 0; i < 5; i++) {
            assertThat(results.next()).isEqualTo(2 * i);
        }

        // The chunks in flight (twice the workers) and the one being consumed.
        assertThat(pulled.get()).as("items pulled from an infinite input")
                .isLessThanOrEqualTo((2 * pool.workers() + 1) * chunksize);
    }

    @Test
    void imap_defaultChunks_infiniteInput_isReadOnlyABoundedWayAhead() {
        AtomicInteger pulled = new AtomicInteger();

        Iterator<Integer> results = pool.imap(x -> x + 1, naturals(pulled));
        for (int i = 0; i < 200; i++) {
            assertThat(results.next()).isEqualTo(i + 1);
        }

        assertThat(pulled.get()).as("items pulled from an infinite input")
                .isLessThanOrEqualTo(200 + (2 * pool.workers() + 1) * ChunkSizes.MAX_ITEMS);
    }

    static Iterable<Integer> naturals(AtomicInteger pulled) {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return pulled.getAndIncrement();
            }
        };
    }

    @Test
    void imap_badChunksize_isRejectedWithItsName() {
        assertThatThrownBy(() -> pool.imap(x -> x, range(3), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunksize: 0 (expected: > 0)");
        assertThatThrownBy(() -> pool.imapUnordered(x -> x, range(3), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunksize: -1 (expected: > 0)");
    }

    @Test
    void imap_chunkWithAFailure_nextThrowsWithTheItemsIndex_andTheCallersStack() {
        Iterator<Integer> results = pool.imap(x -> 10 / (x - 5), range(12), 4);

        assertThat(results.next()).isEqualTo(-2);
        for (int i = 1; i < 4; i++) {
            results.next();
        }
        Throwable thrown = catchThrowable(results::next);
        assertThat(thrown).isInstanceOf(TaskFailedException.class).hasMessageStartingWith("task 5 failed");
        assertThat(thrown.getStackTrace()).anyMatch(f -> f.getMethodName().equals(
                "imap_chunkWithAFailure_nextThrowsWithTheItemsIndex_andTheCallersStack"));
        assertThat(results.hasNext()).isFalse();
    }

    @Test
    void imap_functionThrows_nextThrowsAtThatItemAndIterationEnds() {
        Iterator<Integer> results = pool.imap(x -> 10 / (x - 2), range(6), 1);

        assertThat(results.next()).isEqualTo(-5);
        assertThat(results.next()).isEqualTo(-10);
        assertThatThrownBy(results::next).isInstanceOf(TaskFailedException.class)
                .cause().isInstanceOf(ArithmeticException.class);
        assertThat(results.hasNext()).isFalse();
    }

    @Test
    void imapUnordered_returnsEveryResultOnce() {
        List<Integer> results = new ArrayList<>();
        pool.imapUnordered(PoolContractTest::slowSquare, range(30)).forEachRemaining(results::add);

        assertThat(results).containsExactlyInAnyOrderElementsOf(range(30).stream().map(x -> x * x).toList());
    }

    @Test
    void submit_returnsTheResult() throws Exception {
        assertThat(pool.submit(x -> x * x, 12).get(10, TimeUnit.SECONDS)).isEqualTo(144);
    }

    @Test
    void submit_functionThrows_futureFailsWithTaskFailedException() {
        var future = pool.submit(x -> {
            throw new UnsupportedOperationException("no " + x);
        }, 3);

        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TaskFailedException.class)
                .cause().isInstanceOf(UnsupportedOperationException.class).hasMessage("no 3");
    }

    @Test
    void map_callerInterrupted_throwsCancellationAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> pool.map(x -> {
                sleep(50);
                return x;
            }, range(8), 1)).isInstanceOf(CancellationException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void close_thenAnyCall_throwsIllegalState() {
        pool.close();

        assertThatThrownBy(() -> pool.map(x -> x, range(3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pool is closed");
        assertThatThrownBy(() -> pool.submit(x -> x, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_twice_isHarmless() {
        pool.close();
        pool.close();
    }

    @Test
    void close_waitsForRunningTasks() throws Exception {
        var future = pool.submit(x -> {
            sleep(200);
            return x;
        }, 7);
        pool.close();

        assertThat(future).isDone();
        assertThat(future.get()).isEqualTo(7);
    }
}
