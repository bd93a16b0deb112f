package dev.chunkwise.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code chunkwise} command: parallel split-apply-combine from the shell. Each subcommand is its own class.
 *
 * <p>Exit codes: 0 when the work succeeded, 1 when it failed, 2 for bad usage.
 */
@Command(name = "chunkwise",
        mixinStandardHelpOptions = true,
        versionProvider = Chunkwise.Version.class,
        description = "Parallel split-apply-combine for the JVM: splits data into partitions, runs a function on a "
                + "pool of workers and combines the results in order.",
        subcommands = {InfoCommand.class, DemoCommand.class, GenerateCommand.class, ApplyCommand.class, CalibrateCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Chunkwise implements Runnable {

    /** Exit code when the work failed (bad data, a failing task). */
    public static final int FAILED = 1;
    /** Exit code for bad usage (an unknown option, a bad argument). */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Returns the command line with chunkwise's error handling: one clear line, then where to get help. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Chunkwise());
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
