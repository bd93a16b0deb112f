package dev.chunkwise.frame;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.util.Checks;
import org.dflib.DataFrame;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A function applied to a stream of frames on a pool of workers, the results given in the frames' order, a bounded
 * window of frames in flight: what {@link Parallel#applyEach} describes, for data that comes in pieces (blocks of a
 * file, pages of a query) and need not all be in memory at once. Frames are taken from the source only to fill the
 * window, so an unbounded source is read only as far as the results consumed need.
 *
 * <pre>{@code
 * try (Pool pool = Pool.processes(2)) {
 *     Iterator<DataFrame> results = Parallel.applyEach(blocks, part -> part.cols("K").merge($int("A").mul(2)))
 *             .on(pool).window(4).iterator();
 *     while (results.hasNext()) {
 *         write(results.next());
 *     }
 * }
 * }</pre>
 *
 * For the results to be the function applied to all the frames' rows together, the function must be row-wise, as
 * for {@link Parallel#apply}. A lazy column the function returns is computed in the task.
 */
public final class ParallelStream {

    private final Iterator<DataFrame> frames;
    private final PartitionFunction fn;
    private Pool pool;
    private int window;

    ParallelStream(Iterator<DataFrame> frames, PartitionFunction fn) {
        this.frames = frames;
        this.fn = fn;
    }

    /** Runs the function on {@code pool}'s workers (by default, on daemon threads of this JVM, one per core). */
    public ParallelStream on(Pool pool) {
        this.pool = Checks.notNull(pool, "pool");
        return this;
    }

    /**
     * Sets how many frames are in flight at most: taken from the source and not yet given out as results (by
     * default, twice the workers, plus one).
     *
     * @throws IllegalArgumentException if {@code frames} is not positive
     */
    public ParallelStream window(int frames) {
        this.window = Checks.positive(frames, "frames");
        return this;
    }

    /**
     * Returns the results, in the order of the source's frames; each {@code next()} waits for its frame's result.
     * Can be called once.
     *
     * <p>{@code next()} throws {@link PartitionFailedException} if the function threw for a frame, naming the frame
     * (counting from 0) and its rows among all the frames' rows, with the function's exception as the cause; the
     * frames in flight after it are cancelled.
     */
    public Iterator<DataFrame> iterator() {
        int workers = pool != null ? pool.workers() : SharedThreads.workers();
        return new Results(window > 0 ? window : 2 * workers + 1);
    }

    /** Returns the results as an ordered, sequential stream, as {@link #iterator()} gives them. */
    public Stream<DataFrame> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** One frame in flight: its result to come, its place and its rows. */
    private record InFlight(CompletableFuture<DataFrame> result, int index, long firstRow, int rows) {
    }

    private final class Results implements Iterator<DataFrame> {
        private final int window;
        private final Deque<InFlight> inFlight = new ArrayDeque<>();
        private int taken;
        private long rowsTaken;
        private boolean failed;

        Results(int window) {
            this.window = window;
        }

        @Override
        public boolean hasNext() {
            fill();
            return !inFlight.isEmpty();
        }

        @Override
        public DataFrame next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            InFlight f = inFlight.removeFirst();
            try {
                DataFrame result = f.result().join();
                fill();
                return result;
            } catch (CompletionException | CancellationException e) {
                failed = true;
                inFlight.forEach(x -> x.result().cancel(true));
                inFlight.clear();
                Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                if (cause instanceof TaskFailedException t && t.getCause() != null) {
                    cause = t.getCause();
                }
                throw new PartitionFailedException(f.index(), f.firstRow(), f.rows(), cause);
            }
        }

        private void fill() {
            while (!failed && inFlight.size() < window && frames.hasNext()) {
                DataFrame frame = Checks.notNull(frames.next(), "a frame of the source");
                CompletableFuture<DataFrame> result = pool != null
                        ? pool.submit(new Call(fn), frame)
                        : CompletableFuture.supplyAsync(() -> FunctionCalls.checked(fn.apply(frame), frame),
                        SharedThreads.streamExecutor());
                inFlight.add(new InFlight(result, taken++, rowsTaken, frame.height()));
                rowsTaken += frame.height();
            }
        }
    }

    /** The function, with what it returns materialized where it ran; crosses to worker processes like the function. */
    private record Call(PartitionFunction fn) implements PartitionFunction {
        @Override
        public DataFrame apply(DataFrame part) {
            return FunctionCalls.checked(fn.apply(part), part);
        }
    }
}
