package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.ChildJvm;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CSV file three times the heap goes through {@code apply --group-by} in a real JVM started with {@code -Xmx64m}:
 * {@code --agg} and the two passes of {@code --with} read it as a stream, in memory bounded by the thousand groups and
 * the window of blocks, and every output row is checked against the values worked out while the file was written.
 */
@Timeout(600)
class ApplyCommand_GroupByLargerThanHeapTest {

    static final int GROUPS = 1000;
    static final long ROWS = 14_500_000;

    @TempDir
    static Path dir;
    static Path in;
    static final long[] count = new long[GROUPS];
    static final long[] sum = new long[GROUPS];
    static final long[] min = new long[GROUPS];
    static final long[] last = new long[GROUPS];

    @BeforeAll
    static void writeTheFile() throws IOException {
        in = dir.resolve("big.csv");
        Arrays.fill(min, Long.MAX_VALUE);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(in), 1 << 16)) {
            out.write("K,A,S\n".getBytes(StandardCharsets.US_ASCII));
            for (long r = 0; r < ROWS; r++) {
                int g = (int) (r * 7919 % GROUPS);
                long a = a(r);
                out.write((key(g) + "," + a + "," + (r % 89 == 0 ? "\"x,y\"" : "s" + r % 100) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                count[g]++;
                sum[g] += a;
                min[g] = Math.min(min[g], a);
                last[g] = a;
            }
        }
        assertThat(Files.size(in)).isGreaterThan(3L * 64 << 20);
    }

    static long a(long r) {
        return r * 31 % 20_001 - 10_000;
    }

    /** A key, quoted now and then with the delimiter in it. */
    static String key(int g) {
        return g % 10 == 0 ? "\"g," + g + "\"" : "g" + g;
    }

    ChildJvm run(String... args) throws IOException {
        String[] all = new String[args.length + 2];
        all[0] = "apply";
        all[1] = in.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return ChildJvm.start(dir, List.of("-Xmx64m"), Chunkwise.class.getName(), all);
    }

    @Test
    void agg_overAFileOfThreeTimesTheHeap_runsInTheHeap_andEveryGroupIsRight() throws Exception {
        Path out = dir.resolve("agg.csv");

        ChildJvm jvm = run("--group-by", "K", "--agg", "N = count()", "--agg", "S = sum(A)", "--agg", "LO = min(A)",
                "--agg", "L = last(A)", "-o", out.toString(), "--explain");

        assertThat(jvm.waitFor()).as(jvm.stderr()).isZero();
        assertThat(jvm.stderr()).contains("plan: streamed --group-by: " + String.format("%,d", ROWS) + " rows",
                "; 1,000 groups");
        List<String> lines = Files.readAllLines(out, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(GROUPS + 1);
        assertThat(lines.get(0)).isEqualTo("K,N,S,LO,L");
        for (int i = 0; i < GROUPS; i++) {
            int g = (int) ((long) i * 7919 % GROUPS); // the order of first appearance
            assertThat(lines.get(i + 1)).as("group " + (i + 1))
                    .isEqualTo(key(g) + "," + count[g] + "," + sum[g] + "," + min[g] + "," + last[g]);
        }
    }

    @Test
    void with_overAFileOfThreeTimesTheHeap_runsInTheHeap_andEveryRowIsRight() throws Exception {
        Path out = dir.resolve("with.csv");

        ChildJvm jvm = run("--group-by", "K", "--with", "Z = A - min(A) + count()", "-o", out.toString(),
                "--explain");

        assertThat(jvm.waitFor()).as(jvm.stderr()).isZero();
        assertThat(jvm.stderr()).contains("plan: streamed --group-by, two passes: " + String.format("%,d", ROWS)
                + " rows");
        long checked = 0;
        try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.US_ASCII)) {
            assertThat(r.readLine()).isEqualTo("K,A,S,Z");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int g = (int) (checked * 7919 % GROUPS);
                long a = a(checked);
                String expected = key(g) + "," + a + "," + (checked % 89 == 0 ? "\"x,y\"" : "s" + checked % 100) + ","
                        + (a - min[g] + count[g]);
                if (!line.equals(expected)) {
                    assertThat(line).as("row " + (checked + 1)).isEqualTo(expected);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(ROWS);
    }
}
