package dev.chunkwise.spark;

import dev.chunkwise.pool.AbstractPool;
import dev.chunkwise.pool.Backend;
import dev.chunkwise.util.Checks;
import dev.chunkwise.pool.Job;
import dev.chunkwise.pool.TaskFailedException;
import dev.chunkwise.pool.Task;
import dev.chunkwise.codec.Serialization;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A {@link dev.chunkwise.pool.Pool} whose workers are Spark executors: the same calls, the same contract, on an
 * embedded {@code local[*]} session or a real cluster.
 *
 * <pre>{@code
 * try (Pool pool = SparkPool.local(2)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 *     DataFrame withK = Parallel.apply(df, part -> part.cols("K").merge($int("A").mul(2))).on(pool).run();
 * }
 * }</pre>
 *
 * <h2>How it runs</h2>
 * A call's function is serialized once (a function that captures something not serializable fails at once, with
 * chunkwise's message naming the class); its chunks become the partitions of one Spark job, whose results come back
 * in partition order. Items and results cross as Java serialization, {@link org.dflib.DataFrame}s in chunkwise's
 * columnar format. An exception on an executor reaches the caller as {@link TaskFailedException} with the original
 * class and message; in {@code local} mode the job stops at the first failure.
 */
public final class SparkPool extends AbstractPool {

    private final SparkSession session;
    private final JavaSparkContext jsc;
    private final boolean ownsSession;
    private final ExecutorService waiters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "chunkwise-spark-waiter");
        t.setDaemon(true);
        return t;
    });

    private SparkPool(SparkSession session, boolean ownsSession) {
        this.session = session;
        this.jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
        this.ownsSession = ownsSession;
    }

    /**
     * Starts an embedded Spark session with {@code workers} executor threads ({@code local[workers]}), bound to the
     * loopback address, with its web UI off and its logging at WARN unless the program has a log4j2 configuration of
     * its own (set {@code -Dchunkwise.spark.verbose=true} for Spark's own); {@link #close()} stops it.
     */
    public static SparkPool local(int workers) {
        Checks.positive(workers, "workers");
        return new SparkPool(LocalSession.start("local[" + workers + "]"), true);
    }

    /** Starts a session against {@code master} (e.g. {@code spark://host:7077} or {@code local[*]}); {@link #close()} stops it. */
    public static SparkPool connect(String master) {
        Checks.notNull(master, "master");
        return new SparkPool(LocalSession.start(master), true);
    }

    /** Runs on the caller's own session, which {@link #close()} leaves running. */
    public static SparkPool on(SparkSession session) {
        return new SparkPool(Checks.notNull(session, "session"), false);
    }

    /** Returns the session this pool runs on. */
    public SparkSession session() {
        return session;
    }

    @Override
    public Backend backend() {
        return Backend.SPARK;
    }

    @Override
    public int workers() {
        return jsc.defaultParallelism();
    }

    @Override
    public <T, R> List<R> map(Task<? super T, ? extends R> fn, Iterable<? extends T> input, int chunksize) {
        checkMap(fn, input, chunksize);
        List<? extends T> items = listOf(input);
        if (items.isEmpty()) {
            return new ArrayList<>();
        }
        RunChunk run = new RunChunk(Serialization.serialize(fn, "The function"));
        List<Chunk> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += chunksize) {
            int to = Math.min(items.size(), from + chunksize);
            chunks.add(new Chunk(from, Serialization.serialize(new ArrayList<>(items.subList(from, to)), "An item")));
        }
        List<byte[]> replies = await(jsc.parallelize(chunks, chunks.size()).map(run).collectAsync());
        List<R> results = new ArrayList<>(items.size());
        for (byte[] reply : replies) {
            results.addAll(this.<R>read(reply));
        }
        return results;
    }

    @Override
    protected <T, R> Job<T, R> prepare(Task<? super T, ? extends R> fn) {
        RunChunk run = new RunChunk(Serialization.serialize(fn, "The function"));
        return (chunk, firstIndex) -> {
            Chunk c = new Chunk(firstIndex, Serialization.serialize(new ArrayList<>(chunk), "An item"));
            JavaFutureAction<List<byte[]>> action = jsc.parallelize(List.of(c), 1).map(run).collectAsync();
            CompletableFuture<List<R>> result = new CompletableFuture<>() {
                @Override
                public boolean cancel(boolean mayInterruptIfRunning) {
                    action.cancel(true);
                    return super.cancel(mayInterruptIfRunning);
                }
            };
            waiters.execute(() -> {
                try {
                    result.complete(read(action.get().get(0)));
                } catch (ExecutionException e) {
                    result.completeExceptionally(translate(e.getCause()));
                } catch (InterruptedException | CancellationException e) {
                    result.cancel(false);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            return result;
        };
    }

    private List<byte[]> await(JavaFutureAction<List<byte[]>> action) {
        try {
            return action.get();
        } catch (InterruptedException e) {
            action.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for Spark; the job was cancelled");
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private <R> List<R> read(byte[] reply) {
        try {
            return (List<R>) Serialization.deserialize(reply);
        } catch (IOException | ClassNotFoundException e) {
            throw new TaskFailedException(-1, new IllegalStateException("an executor's result could not be read: " + e, e));
        }
    }

    /** Turns a failed Spark job into the exception the user's function threw. */
    static RuntimeException translate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ChunkFailure f) {
                return f.toTaskFailed();
            }
        }
        String message = e == null ? "unknown" : e.getMessage();
        String firstLine = message == null ? String.valueOf(e) : message.lines().findFirst().orElse(message);
        if (e instanceof SparkException || e instanceof RuntimeException) {
            return new TaskFailedException(-1, new IllegalStateException("the Spark job failed: " + firstLine));
        }
        return new TaskFailedException(-1, e);
    }

    @Override
    protected void shutdown() {
        // As JDK 19's ExecutorService.close(): wait for the running jobs; on interrupt cancel them once.
        waiters.shutdown();
        boolean interrupted = false;
        while (!waiters.isTerminated()) {
            try {
                waiters.awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                if (!interrupted) {
                    interrupted = true;
                    waiters.shutdownNow();
                }
            }
        }
        if (ownsSession) {
            session.stop();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SparkPool(" + session.sparkContext().master() + ")";
    }
}
