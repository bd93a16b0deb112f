package dev.chunkwise.cli;

import picocli.CommandLine;

import java.util.List;

/**
 * The subcommands of {@code chunkwise}, each made only when it is to run: picocli builds a command's model by
 * reflection over its class, which for all of them took most of the start of a one-line command such as {@code info}.
 */
final class Subcommands {

    /** Every subcommand, in the order the usage lists them. */
    static final List<String> ALL = List.of("info", "demo", "generate", "schema", "apply", "calibrate", "bench", "help");

    private Subcommands() {
    }

    /**
     * Returns the subcommand that {@code args} run, alone: their first argument, when it names one. Otherwise all of
     * them, so that the usage (also after {@code --help} or {@code -V}, which list the subcommands), {@code help NAME},
     * an unknown name and an argument file ({@code @FILE}, whose contents picocli reads later) answer as they do with
     * every subcommand there.
     */
    static List<String> named(String... args) {
        return args.length > 0 && ALL.contains(args[0]) && !args[0].equals("help") ? List.of(args[0]) : ALL;
    }

    /** Adds the subcommands {@code names} to {@code cl} and returns it. */
    static CommandLine addTo(CommandLine cl, List<String> names) {
        for (String name : names) {
            cl.addSubcommand(name, create(name));
        }
        return cl;
    }

    private static Object create(String name) {
        return switch (name) {
            case "info" -> new InfoCommand();
            case "demo" -> new DemoCommand();
            case "generate" -> new GenerateCommand();
            case "schema" -> new SchemaCommand();
            case "apply" -> new ApplyCommand();
            case "calibrate" -> new CalibrateCommand();
            case "bench" -> new BenchCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("subcommand: " + name + " (expected one of " + ALL + ")");
        };
    }
}
