package dev.chunkwise.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The line {@code chunkwise} prints for a failure no command caught: never "null", never a stack trace. */
class Chunkwise_ErrorHandlerTest {

    /** A subcommand that throws what it is given. */
    @Command(name = "fail")
    static final class Fail implements Callable<Integer> {
        final Throwable thrown;

        Fail(Throwable thrown) {
            this.thrown = thrown;
        }

        @Override
        public Integer call() throws Exception {
            if (thrown instanceof Error e) {
                throw e;
            }
            throw (Exception) thrown;
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new IllegalStateException(), "chunkwise: IllegalStateException\n"),
                Arguments.of(new IllegalStateException(null, new NullPointerException()),
                        "chunkwise: IllegalStateException, caused by NullPointerException\n"),
                Arguments.of(new ArithmeticException("long overflow"), "chunkwise: ArithmeticException: long overflow\n"),
                Arguments.of(new NoSuchFileException("/tmp/gone.csv"), "chunkwise: NoSuchFileException: /tmp/gone.csv\n"),
                Arguments.of(new RuntimeException(new IOException("No space left on device")),
                        "chunkwise: RuntimeException: java.io.IOException: No space left on device\n"),
                Arguments.of(new RuntimeException("writing failed", new IOException()),
                        "chunkwise: RuntimeException: writing failed, caused by IOException\n"),
                Arguments.of(new StackOverflowError(), "chunkwise: StackOverflowError\n"),
                Arguments.of(new OutOfMemoryError("Java heap space"),
                        "chunkwise: OutOfMemoryError: Java heap space; give the JVM more memory, e.g. CHUNKWISE_OPTS=-Xmx8g\n"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void uncaughtFailure_isOneLineNamingItsClassAndCauses_andExitsOne(Throwable thrown, String expected) {
        CommandLine cl = Chunkwise.commandLine();
        cl.addSubcommand("fail", new Fail(thrown));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));

        int code = Chunkwise.execute(cl, "fail");

        assertThat(code).isEqualTo(Chunkwise.FAILED);
        assertThat(err.toString()).isEqualTo(expected).doesNotContain("null");
    }
}
