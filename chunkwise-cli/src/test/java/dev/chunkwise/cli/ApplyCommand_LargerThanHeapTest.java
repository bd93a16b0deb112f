package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CSV file three times the heap goes through {@code apply} in a real JVM started with {@code -Xmx64m}: the input is
 * read as a stream by default (it is over 64 MiB), and every output row is the input row with {@code K = 2 * A}.
 */
@Timeout(300)
class ApplyCommand_LargerThanHeapTest {

    @TempDir
    Path dir;

    @Test
    void aFileOfThreeTimesTheHeap_runsInTheHeap_andEveryRowIsRight() throws Exception {
        Path in = dir.resolve("big.csv");
        long rows = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(in), 1 << 16)) {
            out.write("A,B,S\n".getBytes(StandardCharsets.US_ASCII));
            // Rows of varied widths, a quoted field with a comma now and then: about 200 MB.
            while (rows < 13_000_000) {
                String s = rows % 97 == 0 ? "\"x,y\"" : "s" + (rows % 1000);
                out.write((rows * 7 % 100_000 + "," + rows + "," + s + "\n").getBytes(StandardCharsets.US_ASCII));
                rows++;
            }
        }
        assertThat(Files.size(in)).isGreaterThan(3L * 64 << 20);
        Path out = dir.resolve("out.csv");

        ChildJvm jvm = ChildJvm.start(dir, List.of("-Xmx64m"), Chunkwise.class.getName(), "apply", in.toString(),
                "--with", "K = A * 2", "-o", out.toString(), "--explain");
        int exit = jvm.waitFor();

        assertThat(exit).as(jvm.stderr()).isZero();
        assertThat(jvm.stderr()).contains("plan: streamed: " + String.format("%,d", rows) + " rows");
        long checked = 0;
        try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.US_ASCII)) {
            assertThat(r.readLine()).isEqualTo("A,B,S,K");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                long a = checked * 7 % 100_000;
                String s = checked % 97 == 0 ? "\"x,y\"" : "s" + (checked % 1000);
                if (!line.equals(a + "," + checked + "," + s + "," + 2 * a)) {
                    assertThat(line).as("row " + (checked + 1)).isEqualTo(a + "," + checked + "," + s + "," + 2 * a);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(rows);
    }
}
