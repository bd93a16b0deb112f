package dev.chunkwise.cli.csv;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The {@link SafeOutput}s of this JVM that are open and not yet committed, and the shutdown hook that removes their
 * temporary files however the JVM ends while they are open (SIGINT, SIGTERM, SIGHUP, {@code System.exit} from user
 * code), saying on standard error what ended the run. The hook is added once, with the first output; an output leaves
 * the set when it is committed or closed, so a JVM that ends with none open prints nothing.
 */
final class OpenOutputs {

    private static final Set<SafeOutput> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private OpenOutputs() {
    }

    /** Adds {@code out}; from now until {@link #remove} its files are removed if the JVM ends. */
    static void add(SafeOutput out) {
        hookOnce();
        OPEN.add(out);
    }

    /** Removes {@code out} (committed or closed). */
    static void remove(SafeOutput out) {
        OPEN.remove(out);
    }

    /** Returns whether {@code prefix} names the temporary files of an output of this JVM. */
    static boolean owns(String prefix) {
        return OPEN.stream().anyMatch(o -> o.prefix().equals(prefix));
    }

    /**
     * Removes the files of every open output and prints one line to {@code err} naming what ended the run (from
     * {@code stacks}) and the outputs that were not written; nothing if none is open. What the hook runs.
     */
    static void abandonAll(Map<Thread, StackTraceElement[]> stacks, PrintStream err) {
        List<SafeOutput> open = List.copyOf(OPEN);
        if (open.isEmpty()) {
            return;
        }
        open.forEach(SafeOutput::abandon);
        String targets = open.stream().map(o -> o.target().toString()).collect(Collectors.joining(", "));
        err.println("chunkwise: " + ExitCause.describe(stacks) + "; nothing was written to " + targets);
        err.flush();
    }

    private static synchronized void hookOnce() {
        if (hooked) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> abandonAll(Thread.getAllStackTraces(), System.err), "chunkwise-abandon-outputs"));
            hooked = true;
        } catch (IllegalStateException e) {
            // Already shutting down: the output's own close (or the next run) removes its files.
        }
    }
}
