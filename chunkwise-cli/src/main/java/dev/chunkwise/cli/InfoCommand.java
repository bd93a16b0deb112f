package dev.chunkwise.cli;

import dev.chunkwise.process.ProcessInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chunkwise info}: this process's pid, its parent's pid, the processors and the Java version. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print this process's pid, its parent's pid, the available processors and the Java version.")
final class InfoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(text());
    }

    /** Returns what {@code chunkwise info} prints, read now. */
    static String text() {
        return ProcessInfo.current().toString();
    }
}
