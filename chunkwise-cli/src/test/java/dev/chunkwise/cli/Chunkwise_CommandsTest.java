package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

class Chunkwise_CommandsTest {

    @Test
    void info_printsFourFactsOnePerLine() {
        CliRun run = CliRun.of("info");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(4);
        assertThat(run.out()).contains("pid: " + ProcessHandle.current().pid() + "\n")
                .containsPattern("parent pid: \\d+\n")
                .contains("cpus: " + Runtime.getRuntime().availableProcessors() + "\n")
                .contains("java: " + Runtime.version());
    }

    @Test
    void help_listsTheSubcommands() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("info", "demo");
    }

    @Test
    void unknownSubcommand_exitsWithUsageAndSaysWhereToGetHelp() {
        CliRun run = CliRun.of("frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'frobnicate'").contains("Try 'chunkwise --help'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    @Timeout(120)
    void demo_replaysEveryStepOfTheNotebook() {
        CliRun run = CliRun.of("demo", "--quick");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("== 1. Processes ==", "process ID = " + ProcessHandle.current().pid())
                .contains("[1, 4, 9]")
                .contains("df shape: (100, 4)")
                .contains("per loop (mean ± std. dev. of 3 runs")
                .contains("Wall time:")
                .containsPattern("the child ran with pid \\d+, parent " + ProcessHandle.current().pid() + " \\(this process\\)")
                .contains("Cold (start 2 JVMs + map + close):")
                .contains("== 10. chunkwise decides, and says why ==", "plan: serial", "alternatives:")
                .contains("== 11. The lesson ==");
    }

    @Test
    @Timeout(120)
    void calibrate_printsTheFiguresAndWhereTheyAreCached(@org.junit.jupiter.api.io.TempDir java.nio.file.Path cache) {
        CliRun run = CliRun.withCacheDir(cache, "calibrate"); // leave the user's cache alone

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cores: ", "thread pool start: ", "process pool start (2 JVMs): ",
                "process transfer: ", "cached in: " + cache);
    }
}
