package dev.chunkwise.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chunkwise NAME ...} builds only the subcommand NAME (picocli's model of a command is built by reflection),
 * and answers every command line exactly as the command line with all the subcommands does.
 */
class Subcommands_OnlyTheOneThatRunsTest {

    @Test
    void named_theFirstArgument_whenItIsASubcommand() {
        assertThat(Subcommands.named("apply", "in.csv", "--with", "K = A * 2")).containsExactly("apply");
        assertThat(Subcommands.named("info")).containsExactly("info");
        assertThat(Subcommands.named("bench", "--help")).containsExactly("bench");
    }

    @Test
    void named_everySubcommand_whenTheArgumentsNameNoneOrCannotBeSeen() {
        assertThat(Subcommands.named()).isEqualTo(Subcommands.ALL);
        assertThat(Subcommands.named("--help")).isEqualTo(Subcommands.ALL);
        assertThat(Subcommands.named("--help", "info")).as("the usage lists every subcommand").isEqualTo(Subcommands.ALL);
        assertThat(Subcommands.named("-V")).isEqualTo(Subcommands.ALL);
        assertThat(Subcommands.named("frobnicate")).isEqualTo(Subcommands.ALL);
        assertThat(Subcommands.named("help", "apply")).as("help needs the subcommand it describes").isEqualTo(Subcommands.ALL);
        assertThat(Subcommands.named("@args.txt")).as("an argument file").isEqualTo(Subcommands.ALL);
        assertThat(Subcommands.named("--", "info")).isEqualTo(Subcommands.ALL);
    }

    @Test
    void commandLine_ofOneSubcommand_holdsOnlyIt() {
        assertThat(Chunkwise.commandLine(List.of("info")).getSubcommands()).containsOnlyKeys("info");
        assertThat(Chunkwise.commandLine().getSubcommands()).containsOnlyKeys(Subcommands.ALL);
    }

    @Property(tries = 150)
    void aCommandLineWithOnlyTheNamedSubcommand_answersAsTheOneWithAll(@ForAll("commandLines") List<String> args) {
        String[] a = args.toArray(String[]::new);

        Answer lazy = answer(Chunkwise.commandLine(Subcommands.named(a)), a);
        Answer full = answer(Chunkwise.commandLine(), a);

        assertThat(lazy).as("chunkwise %s", args).isEqualTo(full);
    }

    /** Command lines that end quickly (usage, help, errors, info): none runs demo, calibrate, bench or a real apply. */
    @Provide
    Arbitrary<List<String>> commandLines() {
        Arbitrary<String> first = Arbitraries.of("info", "apply", "generate", "demo", "calibrate", "bench", "help",
                "frobnicate", "--help", "-h", "-V", "--version", "@no-such-file", "--");
        Arbitrary<String> rest = Arbitraries.of("--help", "-h", "info", "apply", "bench", "in.csv", "--with", "-o",
                "--rows", "--frobnicate", "x");
        return Arbitraries.lazy(() -> first.flatMap(f -> rest.list().ofMaxSize(2).map(r -> {
            List<String> all = new ArrayList<>();
            all.add(f);
            all.addAll(r);
            boolean runsWork = (f.equals("demo") || f.equals("calibrate") || f.equals("bench"))
                    && !r.contains("--help") && !r.contains("-h");
            if (runsWork) {
                all.add("--help");
            }
            return all;
        })));
    }

    private record Answer(int exitCode, String out, String err) {
    }

    private static Answer answer(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Answer(code, out.toString(), err.toString());
    }
}
