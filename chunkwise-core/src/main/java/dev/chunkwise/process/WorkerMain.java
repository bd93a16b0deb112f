package dev.chunkwise.process;

import dev.chunkwise.codec.Serialization;
import dev.chunkwise.codec.SerialFilter;
import dev.chunkwise.pool.Task;

import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code main} of a worker process: connects back to the caller's private socket, then runs the functions and
 * chunks it is sent, one at a time, until told to exit or until the caller goes away.
 *
 * <p>Arguments: the socket's path, the spill directory, the caller's pid. The worker exits within moments when the
 * caller dies, however it dies: its socket ends, and a watcher sees that the caller is no longer its parent (the
 * kernel hands a dead parent's children to another at once); if the caller died, the worker removes the spill
 * directory, since no one else will.
 */
final class WorkerMain {

    /** How many functions a worker keeps; the caller mirrors the same eviction. */
    static final int FUNCTION_CACHE = 32;

    /** How often the watcher looks whether the caller is still this worker's parent. */
    private static final long WATCH_MILLIS = 20;

    private WorkerMain() {
    }

    /** Runs the worker; the arguments are the socket's path, the spill directory and the caller's pid. */
    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        Path spillDir = Path.of(args[1]);
        // Given, not read from the parent: a caller killed while this JVM started is no longer its parent.
        long caller = Long.parseLong(args[2]);
        watchCaller(caller, spillDir);
        ObjectInputFilter filter = SerialFilter.get();
        Map<Long, Task<Object, Object>> functions = functionCache();
        Map<Long, Throwable> unloadable = new HashMap<>();
        Throwable initFailure = null;
        int status = 0;

        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            new Message.Ready(ProcessHandle.current().pid()).writeTo(channel);
            while (true) {
                Message m = Message.readFrom(channel);
                if (m instanceof Message.Init init) {
                    initFailure = initialize(init, filter);
                } else if (m instanceof Message.Define define) {
                    try {
                        @SuppressWarnings("unchecked")
                        Task<Object, Object> fn =
                                (Task<Object, Object>) Serialization.deserialize(define.bytes(), filter);
                        functions.put(define.fnId(), fn);
                    } catch (ClassNotFoundException | IOException | RuntimeException | LinkageError e) {
                        // Its tasks fail with the reason, rather than the worker dying without one.
                        unloadable.put(define.fnId(), e);
                    }
                } else if (m instanceof Message.Run run) {
                    run(run, channel, functions, unloadable, initFailure, filter, spillDir).writeTo(channel);
                } else if (m instanceof Message.Exit) {
                    System.out.flush();
                    System.err.flush();
                    return;
                } else {
                    throw new IOException("the caller sent " + m.getClass().getSimpleName() + ", which only a worker sends");
                }
            }
        } catch (EOFException e) {
            callerGone(caller, spillDir);
        } catch (Throwable e) {
            if (callerDied(caller)) {
                // It could not connect, or lost the channel, because the caller is gone: nothing to report to.
                PrivateDir.delete(spillDir);
            } else {
                // Anything else ends the worker: say what, and exit with a code that says it did not end well.
                System.err.println("chunkwise worker " + ProcessHandle.current().pid() + " stopped: " + e);
                e.printStackTrace();
                status = 1;
            }
        } finally {
            System.out.flush();
            System.err.flush();
            System.exit(status);
        }
    }

    /** Runs the initializer; returns what it threw, for every task to fail with, or null. */
    private static Throwable initialize(Message.Init init, ObjectInputFilter filter) {
        if (init.bytes().length == 0) {
            return null;
        }
        try {
            ((Runnable) Serialization.deserialize(init.bytes(), filter)).run();
            return null;
        } catch (Exception | LinkageError e) {
            // Every task then fails with the reason, rather than the worker dying without one.
            return e;
        }
    }

    /**
     * Applies the function to the chunk's items; a failure before the first item (the initializer, the function's
     * class, the items' bytes) is charged to the chunk's first item.
     */
    private static Message run(Message.Run run, SocketChannel channel, Map<Long, Task<Object, Object>> functions,
                               Map<Long, Throwable> unloadable, Throwable initFailure, ObjectInputFilter filter,
                               Path spillDir) throws IOException {
        int index = 0;
        try {
            Task<Object, Object> fn = functions.get(run.fnId());
            if (initFailure != null) {
                throw new IllegalStateException("the worker's initializer failed: " + initFailure, initFailure);
            }
            if (fn == null && unloadable.containsKey(run.fnId())) {
                throw cannotLoad(unloadable.get(run.fnId()));
            }
            if (fn == null) {
                throw new IllegalStateException("worker has no function " + run.fnId() + " (protocol error)");
            }
            List<?> items = (List<?>) Serialization.deserialize(run.bytes(), filter);
            List<Object> results = new ArrayList<>(items.size());
            long work = 0;
            for (index = 0; index < items.size(); index++) {
                if (run.reportItems()) {
                    report(new Message.ItemStarted(run.taskId(), run.firstIndex() + index), channel);
                }
                long start = System.nanoTime();
                results.add(fn.call(items.get(index)));
                work += System.nanoTime() - start;
            }
            index = 0; // a result that cannot be sent is charged to the chunk: the list is serialized whole
            return new Message.Result(run.taskId(), work, Serialization.serialize(results, spillDir, "A result"));
        } catch (ChannelLost e) {
            throw e.getCause();
        } catch (Throwable e) {
            return Message.Failed.of(run.taskId(), run.firstIndex() + index, e);
        }
    }

    /** Sends {@code m} to the caller while a task runs. */
    private static void report(Message m, SocketChannel channel) {
        try {
            m.writeTo(channel);
        } catch (IOException e) {
            throw new ChannelLost(e);
        }
    }

    /** The channel to the caller broke while a task ran: not the task's failure, the worker's end. */
    private static final class ChannelLost extends RuntimeException {
        ChannelLost(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** Says why the function could not be loaded here, and, when a class is missing, which and what to do. */
    static IllegalStateException cannotLoad(Throwable why) {
        String missing = missingClass(why);
        if (missing == null) {
            return new IllegalStateException("the worker process could not load the function: " + why, why);
        }
        return new IllegalStateException("the worker process could not load the function: class " + missing
                + " is not on the workers' class path. chunkwise gives the workers the caller's java.class.path and"
                + " what it can read of the class loaders of the caller and the function (URLClassLoaders, code"
                + " sources); a class defined from memory, or by a loader that does not say where from, is not found"
                + " that way. Give the workers' whole class path, with the directory or jar that holds " + missing
                + ", by " + WorkerClassPath.SETTINGS + " (" + why + ")", why);
    }

    /** Returns the name of the class whose absence {@code why} (or one of its causes) reports, or null. */
    static String missingClass(Throwable why) {
        for (Throwable t = why; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClassNotFoundException && t.getMessage() != null) {
                return t.getMessage();
            }
            if (t instanceof NoClassDefFoundError && t.getMessage() != null
                    && !t.getMessage().startsWith("Could not initialize class")) {
                return t.getMessage().replace('/', '.');
            }
        }
        return null;
    }

    private static Map<Long, Task<Object, Object>> functionCache() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Task<Object, Object>> eldest) {
                return size() > FUNCTION_CACHE;
            }
        };
    }

    /**
     * Exits at once when the caller has died, and removes its private directory, since no one else will. It polls
     * rather than waits for standard input to end: a thread blocked in a native read holds the JVM's exit up by
     * 300 ms (HotSpot waits that long for threads in native code to stop), which every pool's {@code close()} paid.
     */
    private static void watchCaller(long caller, Path privateDir) {
        Thread t = new Thread(() -> {
            try {
                while (parentIs(caller)) {
                    Thread.sleep(WATCH_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            }
            PrivateDir.delete(privateDir);
            Runtime.getRuntime().halt(3);
        }, "chunkwise-caller-watch");
        t.setDaemon(true);
        t.start();
    }

    private static boolean parentIs(long caller) {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == caller;
    }

    /** The caller closed the channel without saying EXIT: if it died, remove its directory, since no one else will. */
    private static void callerGone(long caller, Path privateDir) {
        if (callerDied(caller)) {
            PrivateDir.delete(privateDir);
        }
    }

    /**
     * Returns whether the caller has died: it is gone, or this process was handed to another parent, which happens
     * as soon as a parent dies, even before it is reaped.
     */
    private static boolean callerDied(long caller) {
        // The socket ends while the dying caller is still closing its files, a moment before its children are
        // handed to another parent: give it half a second to finish dying.
        long deadline = System.nanoTime() + 500_000_000L;
        do {
            if (!parentIs(caller) || ProcessHandle.of(caller).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return false;
            }
        } while (System.nanoTime() < deadline);
        return false;
    }
}
