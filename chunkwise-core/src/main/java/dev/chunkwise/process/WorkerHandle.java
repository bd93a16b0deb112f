package dev.chunkwise.process;

import dev.chunkwise.codec.Serialization;
import dev.chunkwise.codec.SerialFilter;
import dev.chunkwise.pool.WorkerDiedException;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The caller's side of one worker process: the child JVM and the private socket to it. Not thread-safe: one thread
 * (a pool slot, or a {@link WorkerProcess}) talks to it at a time; only {@link #kill()} may come from another.
 */
final class WorkerHandle implements AutoCloseable {

    private static final AtomicLong SOCKETS = new AtomicLong();

    /** How long a worker that writes the class archive as it exits may take to exit (it takes a fraction of a second). */
    private static final long RECORDING_EXIT_SECONDS = 20;

    private final Process process;
    private final SocketChannel channel;
    private final WorkerClassPath classPath;
    private final WorkerArchive.Use archive;
    private final LinkedHashSet<Long> defined = new LinkedHashSet<>();
    private int tasksRun;

    private WorkerHandle(Process process, SocketChannel channel, WorkerClassPath classPath, WorkerArchive.Use archive) {
        this.process = process;
        this.channel = channel;
        this.classPath = classPath;
        this.archive = archive;
    }

    /**
     * Starts a worker JVM, with the {@linkplain WorkerArchive class archive} of its class path where there is one, and
     * waits until it has connected; one that does not start with the archive is started again without it.
     *
     * @throws WorkerStartException if it exits or does not connect within the start timeout
     */
    static WorkerHandle start(WorkerOptions options, Path privateDir) {
        WorkerArchive.Use archive = WorkerArchive.forWorker(options, privateDir);
        try {
            return start(options, privateDir, archive);
        } catch (WorkerStartException e) {
            if (archive.kind() != WorkerArchive.Kind.MAP || e.killedBySignal()) {
                throw e;
            }
            archive.didNotStart(e.getMessage());
            return start(options, privateDir, WorkerArchive.Use.NONE);
        }
    }

    private static WorkerHandle start(WorkerOptions options, Path privateDir, WorkerArchive.Use archive) {
        Path socket = privateDir.resolve("w" + SOCKETS.incrementAndGet() + ".sock");
        Process process = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            ProcessBuilder pb = new ProcessBuilder(command(options, archive, socket, privateDir));
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().putAll(options.environment());
            process = pb.start();
            SocketChannel channel = accept(server, process, options.startTimeout());
            WorkerHandle handle = new WorkerHandle(process, channel, options.classPath(), archive);
            Message ready = Message.readFrom(channel);
            if (!(ready instanceof Message.Ready)) {
                throw new IOException("the worker sent " + ready.getClass().getSimpleName() + " before Ready");
            }
            archive.started();
            if (options.initializer() != null) {
                new Message.Init(Serialization.serialize(options.initializer(), "The initializer")).writeTo(channel);
            }
            return handle;
        } catch (IOException | RuntimeException e) {
            if (e instanceof WorkerStartException w) {
                throw w;
            }
            WorkerStartException failed = startFailed(process, e, options);
            archive.ended(failed.exitCode());
            throw failed;
        } finally {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException ignored) {
                // The private directory is removed when the pool closes.
            }
        }
    }

    /**
     * Returns the failure of a start that threw {@code e}, naming the worker's pid and how it ended, after making
     * sure that it has ended.
     */
    private static WorkerStartException startFailed(Process process, Exception e, WorkerOptions options) {
        if (process == null) {
            return new WorkerStartException("a worker process could not start: " + e.getMessage()
                    + "; check the workers' JVM options " + options.jvmOptions() + " and " + options.classPath().describe(), e);
        }
        boolean endedByItself = false;
        int exit = -1;
        try {
            // A worker that closed the socket is ending: let it end, to read how.
            endedByItself = !process.isAlive()
                    || e instanceof EOFException && process.waitFor(2, TimeUnit.SECONDS);
            process.destroyForcibly();
            exit = process.waitFor();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        boolean killed = endedByItself && exit > 128;
        String how = !endedByItself ? " (stopped by the pool)" : exit < 0 ? "" : " (" + WorkerDiedException.describe(exit) + ")";
        String hint = killed ? "; something outside the pool killed it (kill, or the kernel's out-of-memory killer)"
                : "; " + whatToCheck(options);
        return new WorkerStartException("a worker process (pid " + process.pid() + ") could not start" + how + ": "
                + e.getMessage() + hint, e, process.pid(), exit, killed);
    }

    /** Says that the class path lacks chunkwise's worker if it does, else names the JVM options and the class path. */
    private static String whatToCheck(WorkerOptions options) {
        return options.classPath().lackingTheWorker().orElse(
                "check the workers' JVM options " + options.jvmOptions() + " and " + options.classPath().describe());
    }

    private static List<String> command(WorkerOptions options, WorkerArchive.Use archive, Path socket, Path privateDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=4");
        cmd.add("-XX:-UsePerfData");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.addAll(archive.jvmOptions());
        cmd.addAll(options.jvmOptions());
        cmd.add("-D" + SerialFilter.PROPERTY + "=" + SerialFilter.pattern());
        cmd.add("-cp");
        cmd.add(options.classPath().argument());
        cmd.add(WorkerMain.class.getName());
        cmd.add(socket.toString());
        cmd.add(privateDir.toString());
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        return cmd;
    }

    private static SocketChannel accept(ServerSocketChannel server, Process process, Duration timeout) throws IOException {
        server.configureBlocking(false);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                selector.select(50);
                SocketChannel ch = server.accept();
                if (ch != null) {
                    ch.configureBlocking(true);
                    return ch;
                }
                if (!process.isAlive()) {
                    throw new IOException("it exited before connecting");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("it did not connect within " + timeout.toMillis() + " ms");
                }
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** Returns the class path this worker was started with. */
    WorkerClassPath classPath() {
        return classPath;
    }

    Process process() {
        return process;
    }

    int tasksRun() {
        return tasksRun;
    }

    /** Sends {@code fn} unless this worker already holds it, mirroring the worker's eviction. */
    void define(long fnId, byte[] fn) throws IOException {
        if (defined.contains(fnId)) {
            return;
        }
        new Message.Define(fnId, fn).writeTo(channel);
        defined.add(fnId);
        if (defined.size() > WorkerMain.FUNCTION_CACHE) {
            defined.remove(defined.iterator().next());
        }
    }

    /**
     * Runs one chunk and waits for the worker's reply, a {@link Message.Result} or a {@link Message.Failed}; each
     * {@link Message.ItemStarted} that comes first goes to {@code itemStarted}.
     */
    Message run(Message.Run run, LongConsumer itemStarted) throws IOException {
        run.writeTo(channel);
        Message reply = Message.readFrom(channel);
        while (reply instanceof Message.ItemStarted started) {
            itemStarted.accept(started.index());
            reply = Message.readFrom(channel);
        }
        tasksRun++;
        return reply;
    }

    /** Returns the exit code after the process ended, waiting at most {@code wait} for it (then killing it). */
    int exitCode(Duration wait) {
        int exit = waitForExit(wait);
        archive.ended(exit);
        return exit;
    }

    private int waitForExit(Duration wait) {
        try {
            if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Kills the process at once (SIGKILL). */
    void kill() {
        process.destroyForcibly();
    }

    /**
     * Asks the worker to exit, waits briefly (longer for one that writes the class archive as it exits), then kills it
     * if it has not; never leaves the process behind.
     */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                new Message.Exit().writeTo(channel);
                process.waitFor(archive.recording() ? RECORDING_EXIT_SECONDS : 2, TimeUnit.SECONDS);
            }
        } catch (IOException ignored) {
            // Already gone.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already closed; a worker whose socket ends exits too.
        }
        exitCode(Duration.ofMillis(500));
    }
}
