package dev.chunkwise.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * One {@code chunkwise apply INPUT --with WITH OPTIONS -o DIR/out.csv} run in this JVM, into an output folder of its
 * own, with what it printed and what it left in that folder.
 *
 * @param input  the file read
 * @param cli    the exit code and what was printed
 * @param output the output file asked for
 * @param left   the names of the files in the output folder after the run
 */
record CorpusRun(Path input, CliRun cli, Path output, List<String> left) {

    /** Longer than any one run takes on this corpus; a run that takes longer hangs. */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** Messages cut long values: no message is longer than this many characters. */
    static final int MAX_MESSAGE_CHARS = 4_000;

    /** Runs apply on {@code input}, writing into the empty folder {@code outDir}. */
    static CorpusRun apply(Path input, String with, List<String> options, Path outDir) throws IOException {
        Path output = outDir.resolve("out.csv");
        List<String> args = new ArrayList<>(List.of("apply", input.toString(), "--with", with));
        args.addAll(options);
        args.addAll(List.of("-o", output.toString()));
        CliRun cli = assertTimeoutPreemptively(TIMEOUT, () -> CliRun.of(args.toArray(String[]::new)),
                () -> "apply " + input.getFileName() + " did not finish in " + TIMEOUT);
        List<String> left;
        try (var files = Files.list(outDir)) {
            left = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        return new CorpusRun(input, cli, output, left);
    }

    /** Returns the output's bytes (the run must have succeeded). */
    byte[] outputBytes() throws IOException {
        return Files.readAllBytes(output);
    }

    /** Returns the exit code and the start of what was printed to standard error, for assertion messages. */
    String describe() {
        String err = cli.err();
        return "exit " + cli.exitCode() + ", stderr: " + (err.length() > 600 ? err.substring(0, 600) + "…(cut by the test)" : err);
    }

    /** Asserts what holds for every run: exit 0, 1 or 2, no stack trace, no "null" for a message. */
    void assertNoCrash() {
        assertThat(cli.exitCode()).as("exit code (0, 1 or 2); %s", describe()).isIn(0, 1, 2);
        assertThat(cli.err()).as("stack trace in stderr").doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(cli.err()).as("a message that says null").doesNotContainPattern("(?m):\\s*null\\s*$");
    }

    /**
     * Asserts that the run succeeded and left only the output in its folder: no temporary file.
     */
    void assertSucceeded() {
        assertThat(cli.exitCode()).as(describe()).isZero();
        assertThat(left).as("files in the output folder").containsExactly(output.getFileName().toString());
    }

    /**
     * Asserts that the run failed with {@code exit}, left nothing in its folder, and printed a short message naming
     * the input, the line (when given: as {@code FILE:LINE:} or {@code line LINE}) and every fragment.
     */
    void assertFailed(int exit, Long line, List<String> fragments) {
        assertThat(cli.exitCode()).as(describe()).isEqualTo(exit);
        assertThat(left).as("files left in the output folder after a failed run (%s)", describe()).isEmpty();
        String err = cli.err();
        assertThat(err.length()).as("length of the message (long values must be cut with …); it starts: %s",
                err.substring(0, Math.min(300, err.length()))).isLessThan(MAX_MESSAGE_CHARS);
        if (exit == 1) {
            assertThat(err).as("the message names the input file").contains(input.toString());
        }
        if (line != null) {
            boolean named = err.contains(input + ":" + line + ":")
                    || Pattern.compile("(?i)\\bline " + line + "\\b").matcher(err).find();
            assertThat(named).as("the message names line %d (as FILE:%d: or 'line %d'): %s", line, line, line, err).isTrue();
        }
        for (String fragment : fragments) {
            assertThat(err).as("the message").contains(fragment);
        }
    }
}
