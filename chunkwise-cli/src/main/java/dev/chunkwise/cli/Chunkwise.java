package dev.chunkwise.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

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
        System.exit(commandLine(Subcommands.named(args)).execute(args));
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
            err.println("chunkwise: " + e.getMessage());
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
