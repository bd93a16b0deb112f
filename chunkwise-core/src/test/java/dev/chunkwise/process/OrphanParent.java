package dev.chunkwise.process;

import dev.chunkwise.pool.Pool;

/**
 * A caller that opens a process pool, says which workers and directory it has, then waits to be killed: run by
 * {@link ProcessPool_OrphanTest} in its own JVM. Given a file, its worker pauses at its start until the file is
 * deleted (HotSpot's {@code -XX:+PauseAtStartup}), so that the caller can be killed while the worker starts.
 */
public final class OrphanParent {

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            ProcessPool.builder().workers(1).jvmOptions("-XX:+UnlockDiagnosticVMOptions", "-XX:+PauseAtStartup",
                    "-XX:PauseAtStartupFile=" + args[0]).build();
            throw new AssertionError("the worker started: the test was to kill this caller first");
        }
        ProcessPool pool = (ProcessPool) Pool.processes(2);
        pool.map(x -> x, java.util.List.of(1, 2, 3, 4)); // the workers are busy-ready, not just started
        System.out.println("pids " + pool.pids().get(0) + " " + pool.pids().get(1));
        System.out.println("dir " + pool.directory());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
