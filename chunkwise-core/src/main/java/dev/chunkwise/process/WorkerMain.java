package dev.chunkwise.process;

import dev.chunkwise.codec.Serialization;
import dev.chunkwise.codec.SerialFilter;
import dev.chunkwise.pool.TaskFunction;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code main} of a worker process: connects back to the caller's private socket, then runs the functions and
 * chunks it is sent, one at a time, until told to exit or until the caller goes away.
 *
 * <p>Arguments: the socket's path, the spill directory, the caller's pid. The worker exits within moments when its
 * standard input reaches end-of-file, which the kernel causes when the caller dies, however it dies; if the caller
 * died, the worker removes the spill directory, since no one else will.
 */
public final class WorkerMain {

    /** How many functions a worker keeps; the caller mirrors the same eviction. */
    static final int FUNCTION_CACHE = 32;

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        Path spillDir = Path.of(args[1]);
        // Given, not read from the parent: a caller killed while this JVM started is no longer its parent.
        long caller = Long.parseLong(args[2]);
        watchCaller(System.in, caller, spillDir);
        ObjectInputFilter filter = SerialFilter.get();
        Map<Long, TaskFunction<Object, Object>> functions = functionCache();
        Map<Long, Throwable> unloadable = new java.util.HashMap<>();
        Throwable initFailure = null;
        int status = 0;

        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            new Message(Message.READY, 0, ByteBuffer.allocate(8).putLong(ProcessHandle.current().pid()).array())
                    .writeTo(channel);
            while (true) {
                Message m = Message.readFrom(channel);
                switch (m.type()) {
                    case Message.INIT -> {
                        if (m.payload().length > 0) {
                            try {
                                ((Runnable) Serialization.deserialize(m.payload(), filter)).run();
                            } catch (Exception | LinkageError e) {
                                // Every task then fails with the reason, rather than the worker dying without one.
                                initFailure = e;
                            }
                        }
                    }
                    case Message.DEFINE -> {
                        try {
                            @SuppressWarnings("unchecked")
                            TaskFunction<Object, Object> fn =
                                    (TaskFunction<Object, Object>) Serialization.deserialize(m.payload(), filter);
                            functions.put(m.id(), fn);
                        } catch (ClassNotFoundException | IOException | RuntimeException | LinkageError e) {
                            // Its tasks fail with the reason, rather than the worker dying without one.
                            unloadable.put(m.id(), e);
                        }
                    }
                    case Message.RUN -> run(m, functions, unloadable, initFailure, filter, spillDir).writeTo(channel);
                    case Message.EXIT -> {
                        System.out.flush();
                        System.err.flush();
                        return;
                    }
                    default -> throw new IOException("unknown message type " + m.type());
                }
            }
        } catch (java.io.EOFException e) {
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

    private static Message run(Message m, Map<Long, TaskFunction<Object, Object>> functions,
                               Map<Long, Throwable> unloadable, Throwable initFailure, ObjectInputFilter filter,
                               Path spillDir) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        long fnId = b.getLong();
        long firstIndex = b.getLong();
        int index = -1;
        try {
            TaskFunction<Object, Object> fn = functions.get(fnId);
            if (initFailure != null) {
                throw new IllegalStateException("the worker's initializer failed: " + initFailure, initFailure);
            }
            if (fn == null && unloadable.containsKey(fnId)) {
                throw cannotLoad(unloadable.get(fnId));
            }
            if (fn == null) {
                throw new IllegalStateException("worker has no function " + fnId + " (protocol error)");
            }
            List<?> items = (List<?>) Serialization.deserialize(Arrays.copyOfRange(m.payload(), 16, m.payload().length), filter);
            List<Object> results = new ArrayList<>(items.size());
            for (index = 0; index < items.size(); index++) {
                results.add(fn.apply(items.get(index)));
            }
            return new Message(Message.RESULT, m.id(), Serialization.serialize(results, spillDir, "a result"));
        } catch (Throwable e) {
            long failedAt = index >= 0 ? firstIndex + index : -1;
            return new Message(Message.FAILED, m.id(), failure(failedAt, e, spillDir));
        }
    }

    /** Says why the function could not be loaded here, and what to do when its class is missing. */
    static IllegalStateException cannotLoad(Throwable why) {
        String hint = why instanceof ClassNotFoundException || why instanceof NoClassDefFoundError
                ? " (a worker's class path is the caller's java.class.path: a class that the caller defined or loaded"
                + " at run time, through another class loader, is not on it; start the caller with the function's"
                + " class on its class path)"
                : "";
        return new IllegalStateException("the worker process could not load the function: " + why + hint, why);
    }

    /** Serializes the failure; an exception that cannot be serialized is sent as a stand-in, causes and all. */
    private static byte[] failure(long index, Throwable e, Path spillDir) {
        byte[] thrown = Serialization.serializeThrown(e);
        return ByteBuffer.allocate(8 + thrown.length).putLong(index).put(thrown).array();
    }

    private static Map<Long, TaskFunction<Object, Object>> functionCache() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, TaskFunction<Object, Object>> eldest) {
                return size() > FUNCTION_CACHE;
            }
        };
    }

    /**
     * Exits at once when standard input ends: the caller closed it, or died and the kernel closed it. If the caller
     * died, its private directory is removed too, since no one else will.
     */
    private static void watchCaller(InputStream in, long caller, Path privateDir) {
        Thread t = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // The caller never writes; wait for end-of-file.
                }
            } catch (IOException ignored) {
                // Treated as end-of-file.
            }
            callerGone(caller, privateDir);
            Runtime.getRuntime().halt(3);
        }, "chunkwise-caller-watch");
        t.setDaemon(true);
        t.start();
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
        // Standard input ends while the dying caller is still closing its files, a moment before its children are
        // handed to another parent: give it half a second to finish dying.
        long deadline = System.nanoTime() + 500_000_000L;
        do {
            long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            if (parent != caller || ProcessHandle.of(caller).map(p -> !p.isAlive()).orElse(true)) {
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
