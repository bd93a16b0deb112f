package dev.chunkwise.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The {@code chunkwise} command: parallel split-apply-combine from the shell. Each subcommand is its own class.
 *
 * <p>Exit codes: 0 when the work succeeded, 1 when it failed, 2 for bad usage.
 */
@Command(name = "chunkwise",
        mixinStandardHelpOptions = true,
        versionProvider = Chunkwise.Version.class,
        description = "Parallel split-apply-combine for the JVM: splits data into partitions, runs a function on a "
                + "pool of workers and combines the results in order.")
public final class Chunkwise implements Runnable {

    /** Exit code when the work failed (bad data, a failing task). */
    public static final int FAILED = 1;
    /** Exit code for bad usage (an unknown option, a bad argument). */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("info")) {
            // Without picocli: building even one command's model by reflection costs more than info's whole work
            // (about 0.2 s of processor time in a cold JVM against 0.1 s for all the rest).
            System.out.println(InfoCommand.text());
            System.exit(0);
        }
        System.exit(execute(commandLine(Subcommands.named(args)), args));
    }

    /**
     * Runs {@code cl} on {@code args} and returns the exit code; an {@link Error} (which picocli lets through) is said
     * in one line like any other failure, not as a stack trace.
     */
    static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (Error e) {
            PrintWriter err = cl.getErr();
            err.println("chunkwise: " + describe(e) + (e instanceof OutOfMemoryError
                    ? "; give the JVM more memory, e.g. CHUNKWISE_OPTS=-Xmx8g" : ""));
            err.flush();
            return FAILED;
        }
    }

    /**
     * Describes a failure nothing else caught, in one line: its class and message ({@code ArithmeticException: long
     * overflow}), or its class alone when it has no message, then each cause the message does not already tell
     * ({@code IllegalStateException, caused by NullPointerException}).
     */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(text(e));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(e);
        for (Throwable c = e.getCause(); c != null && seen.add(c); c = c.getCause()) {
            String m = c.getMessage();
            if (m == null || m.isBlank() || !sb.toString().contains(m)) {
                sb.append(", caused by ").append(text(c));
            }
        }
        return sb.toString();
    }

    private static String text(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** Returns the command line with every subcommand and chunkwise's error handling. */
    public static CommandLine commandLine() {
        return commandLine(Subcommands.ALL);
    }

    /** Returns the command line with only the {@code subcommands} named and chunkwise's error handling: one clear line, then where to get help. */
    static CommandLine commandLine(List<String> subcommands) {
        CommandLine cl = Subcommands.addTo(new CommandLine(new Chunkwise()), subcommands);
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("chunkwise: " + e.getMessage());
            err.println("Try 'chunkwise --help' for more information.");
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("chunkwise: " + describe(e));
            err.flush();
            return FAILED;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the version of chunkwise and of the JVM that runs it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Chunkwise.class.getPackage().getImplementationVersion();
            return new String[]{"chunkwise " + (v == null ? "(development build)" : v),
                    "java " + Runtime.version()};
        }
    }
}
