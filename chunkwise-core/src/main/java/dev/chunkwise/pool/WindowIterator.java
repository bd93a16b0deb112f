package dev.chunkwise.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The results of {@code imap} and {@code imapUnordered}: the input cut into chunks as {@link ChunkSizes} says, at most
 * {@code window} chunks in flight, results given in input order or in the order chunks complete. Items are read from
 * the source only to fill the window, so an unbounded source is read only as far as the results consumed need. A
 * failure ends the iteration at its chunk, cancelling the chunks in flight.
 */
final class WindowIterator<T, R> implements Iterator<R> {

    private final Job<T, R> job;
    private final Iterator<? extends T> source;
    private final int window;
    private final ChunkSizes sizes;
    private final boolean ordered;
    private final Deque<CompletableFuture<List<R>>> inFlight = new ArrayDeque<>();
    /** The chunks in flight that have completed, in completion order (unordered only). */
    private final BlockingQueue<CompletableFuture<List<R>>> completed = new LinkedBlockingQueue<>();
    private Iterator<R> current = Collections.emptyIterator();
    private long nextIndex;
    private boolean ended;

    WindowIterator(Job<T, R> job, Iterator<? extends T> source, int window, ChunkSizes sizes, boolean ordered) {
        this.job = job;
        this.source = source;
        this.window = window;
        this.sizes = sizes;
        this.ordered = ordered;
    }

    @Override
    public boolean hasNext() {
        fill();
        return current.hasNext() || !inFlight.isEmpty();
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            while (!current.hasNext()) {
                if (inFlight.isEmpty()) {
                    throw new NoSuchElementException();
                }
                current = AbstractPool.join(take()).iterator();
            }
            return current.next();
        } catch (RuntimeException e) {
            end();
            throw e;
        } finally {
            if (!current.hasNext() && inFlight.isEmpty() && !source.hasNext()) {
                end();
            }
        }
    }

    /** Starts chunks until the window is full or the source is exhausted. */
    private void fill() {
        while (!ended && inFlight.size() < window && source.hasNext()) {
            int size = sizes.next();
            List<T> chunk = new ArrayList<>(size);
            while (chunk.size() < size && source.hasNext()) {
                chunk.add(source.next());
            }
            CompletableFuture<List<R>> f = job.run(chunk, nextIndex);
            nextIndex += chunk.size();
            inFlight.add(f);
            if (!ordered) {
                f.whenComplete((r, e) -> completed.add(f));
            }
        }
    }

    /** Takes the next chunk to give the results of out of the window, waiting for it if unordered. */
    private CompletableFuture<List<R>> take() {
        if (ordered) {
            return inFlight.poll();
        }
        CompletableFuture<List<R>> done;
        try {
            done = completed.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the pool's results; the tasks were cancelled");
        }
        inFlight.remove(done);
        return done;
    }

    private void end() {
        if (!ended) {
            ended = true;
            AbstractPool.cancelAll(inFlight);
            inFlight.clear();
            job.close();
        }
    }
}
