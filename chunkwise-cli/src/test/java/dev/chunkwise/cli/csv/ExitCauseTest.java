package dev.chunkwise.cli.csv;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCauseTest {

    static StackTraceElement frame(String cls, String method, String file, int line) {
        return new StackTraceElement(cls, method, file, line);
    }

    static final StackTraceElement[] WAITING_FOR_HOOKS = {
            frame("java.lang.Thread", "join", "Thread.java", 1313),
            frame("java.lang.ApplicationShutdownHooks", "runHooks", "ApplicationShutdownHooks.java", 107),
            frame("java.lang.Shutdown", "runHooks", "Shutdown.java", 130),
            frame("java.lang.Shutdown", "exit", "Shutdown.java", 173)};

    static StackTraceElement[] exiting(StackTraceElement... callers) {
        StackTraceElement[] s = new StackTraceElement[WAITING_FOR_HOOKS.length + callers.length];
        System.arraycopy(WAITING_FOR_HOOKS, 0, s, 0, WAITING_FOR_HOOKS.length);
        System.arraycopy(callers, 0, s, WAITING_FOR_HOOKS.length, callers.length);
        return s;
    }

    @Test
    void describe_signalHandlerThread_namesTheSignal() {
        Map<Thread, StackTraceElement[]> stacks = new LinkedHashMap<>();
        stacks.put(new Thread("main"), new StackTraceElement[]{frame("java.lang.Thread", "sleep", null, -2)});
        stacks.put(new Thread("SIGTERM handler"), exiting(frame("java.lang.Terminator$1", "handle", "Terminator.java", 51),
                frame("jdk.internal.misc.Signal$1", "run", "Signal.java", 219)));

        assertThat(ExitCause.describe(stacks)).isEqualTo("interrupted (SIGTERM)");
    }

    @Test
    void describe_systemExit_namesTheCallersUpToThree_andNotTheJdksExitFrames() {
        Map<Thread, StackTraceElement[]> stacks = Map.of(new Thread("worker-1"), exiting(
                frame("java.lang.Runtime", "exit", "Runtime.java", 115),
                frame("java.lang.System", "exit", "System.java", 1877),
                frame("dev.chunkwise.cli.expr.Generated", "f", null, -1),
                frame("dev.chunkwise.cli.expr.Generated", "compute", "Generated.java", 7),
                frame("dev.chunkwise.cli.expr.ExpressionFunction", "apply", "ExpressionFunction.java", 88),
                frame("java.lang.Thread", "run", "Thread.java", 840)));

        assertThat(ExitCause.describe(stacks)).isEqualTo("the run was ended by System.exit called from "
                + "dev.chunkwise.cli.expr.Generated.f < dev.chunkwise.cli.expr.Generated.compute(Generated.java:7)"
                + " < dev.chunkwise.cli.expr.ExpressionFunction.apply(ExpressionFunction.java:88)");
    }

    @Test
    void describe_noThreadExiting_saysTheJvmIsShuttingDown_withoutGuessingWhy() {
        Map<Thread, StackTraceElement[]> stacks = Map.of(new Thread("DestroyJavaVM"), new StackTraceElement[0]);

        assertThat(ExitCause.describe(stacks)).isEqualTo("the JVM is shutting down before the run finished");
    }
}
