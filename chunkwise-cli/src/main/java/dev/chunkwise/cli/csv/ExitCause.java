package dev.chunkwise.cli.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Says, from inside a shutdown hook, why the JVM is ending: a thread that called {@code System.exit} (or
 * {@code Runtime.exit}) waits in {@code java.lang.Shutdown.exit} while the hooks run, and so does the thread the JVM
 * starts for SIGINT, SIGTERM or SIGHUP, named for the signal ({@code "SIGTERM handler"}).
 */
final class ExitCause {

    /** How many of the calling frames a message names. */
    private static final int FRAMES = 3;

    private ExitCause() {
    }

    /**
     * Returns what ends the JVM, as a phrase for a message: {@code "interrupted (SIGTERM)"}, {@code "the run was ended by
     * System.exit called from Foo.bar(Foo.java:12) < …"}, or, when no thread is exiting (the last thread ended, or the
     * stacks could not be read), that the JVM is shutting down.
     */
    static String describe(Map<Thread, StackTraceElement[]> stacks) {
        for (Map.Entry<Thread, StackTraceElement[]> e : stacks.entrySet()) {
            StackTraceElement[] stack = e.getValue();
            int exit = indexOf(stack, "java.lang.Shutdown", "exit");
            if (exit < 0) {
                continue;
            }
            int caller = exit + 1;
            while (caller < stack.length && (is(stack[caller], "java.lang.Runtime", "exit")
                    || is(stack[caller], "java.lang.System", "exit"))) {
                caller++;
            }
            if (caller < stack.length && isSignalHandler(stack[caller])) {
                String name = e.getKey().getName();
                String signal = name.endsWith(" handler") ? name.substring(0, name.length() - " handler".length()) : "a signal";
                return "interrupted (" + signal + ")";
            }
            return "the run was ended by System.exit called from " + frames(stack, caller);
        }
        return "the JVM is shutting down before the run finished";
    }

    private static boolean isSignalHandler(StackTraceElement frame) {
        return frame.getClassName().startsWith("java.lang.Terminator") || frame.getClassName().startsWith("jdk.internal.misc.Signal")
                || frame.getClassName().startsWith("sun.misc.Signal");
    }

    private static int indexOf(StackTraceElement[] stack, String className, String method) {
        for (int i = 0; i < stack.length; i++) {
            if (is(stack[i], className, method)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean is(StackTraceElement frame, String className, String method) {
        return frame.getClassName().equals(className) && frame.getMethodName().equals(method);
    }

    private static String frames(StackTraceElement[] stack, int from) {
        if (from >= stack.length) {
            return "an unknown frame";
        }
        List<String> names = new ArrayList<>();
        for (int i = from; i < stack.length && names.size() < FRAMES; i++) {
            StackTraceElement f = stack[i];
            String where = f.getFileName() == null ? ""
                    : "(" + f.getFileName() + (f.getLineNumber() >= 0 ? ":" + f.getLineNumber() : "") + ")";
            names.add(f.getClassName() + "." + f.getMethodName() + where);
        }
        return String.join(" < ", names);
    }
}
