package dev.chunkwise.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Kills the worker of an item that runs past a {@link ProcessPool}'s task timeout. There is one only while a timeout
 * is set: it sleeps until the earliest deadline of the items running (or for one timeout when none runs), reads each
 * slot's {@link Running} snapshot once, and stops the ones past their deadline through {@link Slot#stop}, which
 * does nothing if the slot has moved on meanwhile.
 */
final class Watchdog {

    private final List<Slot> slots;
    private final long timeoutNanos;
    private final Thread thread;
    private volatile boolean stopped;

    Watchdog(List<Slot> slots, Duration timeout) {
        this.slots = slots;
        this.timeoutNanos = timeout.toNanos();
        this.thread = new Thread(this::watch, "chunkwise-process-watchdog");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Ends the watchdog and waits until it has. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void watch() {
        while (!stopped) {
            long now = System.nanoTime();
            long wake = now + timeoutNanos;
            for (Slot s : slots) {
                Running r = s.running();
                if (r == null || r.stop() != Running.Stop.NONE) {
                    continue;
                }
                long deadline = r.since() + timeoutNanos;
                if (now - deadline >= 0) {
                    s.stop(r, Running.Stop.TIMED_OUT);
                } else if (deadline - wake < 0) {
                    wake = deadline;
                }
            }
            LockSupport.parkNanos(this, wake - now);
        }
    }
}
