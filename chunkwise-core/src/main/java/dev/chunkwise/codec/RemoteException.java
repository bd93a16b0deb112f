package dev.chunkwise.codec;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Stands for an exception from another JVM whose class could not be serialized: its class name and message, its stack
 * trace, and stand-ins for its causes and suppressed exceptions, so that the chain arrives whole.
 */
final class RemoteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private RemoteException(Throwable original) {
        super(original.getClass().getName() + (original.getMessage() == null ? "" : ": " + original.getMessage()));
        setStackTrace(original.getStackTrace());
    }

    /** Returns a stand-in for {@code original} and, recursively, for its causes and suppressed exceptions. */
    static RemoteException of(Throwable original) {
        return of(original, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static RemoteException of(Throwable original, Set<Throwable> seen) {
        seen.add(original);
        RemoteException standIn = new RemoteException(original);
        Throwable cause = original.getCause();
        if (cause != null && !seen.contains(cause)) {
            standIn.initCause(of(cause, seen));
        }
        for (Throwable s : original.getSuppressed()) {
            if (!seen.contains(s)) {
                standIn.addSuppressed(of(s, seen));
            }
        }
        return standIn;
    }
}
