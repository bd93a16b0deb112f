package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed CSV files made in bulk and run through {@code apply}: each is read correctly where the format allows it,
 * or fails with exit code 1 or 2 and a message naming the file and the line; never a stack trace, never a partial
 * output file.
 */
@Timeout(300)
class MalformedCsv_BulkTest {

    @TempDir
    Path dir;

    static Map<String, byte[]> cases() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        Random random = new Random(11);
        String good = goodRows(random, 300);
        for (int i = 0; i < 8; i++) {
            int line = 2 + random.nextInt(299);
            cases.put("ragged-short-" + i, mutateLine(good, line, l -> l.substring(0, l.lastIndexOf(','))));
            cases.put("ragged-long-" + i, mutateLine(good, line, l -> l + ",99"));
            cases.put("unclosed-quote-" + i, mutateLine(good, line, l -> l.replaceFirst(",", ",\"")));
            cases.put("stray-quote-after-" + i, mutateLine(good, line, l -> "\"" + l.replaceFirst(",", "\"x,")));
            cases.put("wrong-type-" + i, mutateLine(good, line, l -> "abc" + l.substring(l.indexOf(','))));
        }
        cases.put("bom", bytes("\uFEFF" + good));
        cases.put("crlf-and-lf-mixed", bytes(good.replaceAll("(?m)^(1.*)\n", "$1\r\n")));
        cases.put("empty-lines", bytes(good.replace("\n5", "\n\n\n5")));
        cases.put("empty-file", new byte[0]);
        cases.put("only-blank-lines", bytes("\n\n\n"));
        cases.put("header-only", bytes("A,B,C\n"));
        cases.put("duplicate-header", bytes("A,B,A\n1,2,3\n"));
        cases.put("empty-header-name", bytes("A,,C\n1,2,3\n"));
        cases.put("ten-megabyte-field", bytes("A,B,C\n1,\"" + "x".repeat(10 * 1024 * 1024) + "\",3\n4,y,6\n"));
        byte[] binary = new byte[4096];
        random.nextBytes(binary);
        byte[] withBinary = concat(bytes("A,B,C\n1,2,3\n"), binary);
        cases.put("binary-bytes", withBinary);
        cases.put("nul-bytes", bytes("A,B,C\n1,\0,3\n"));
        cases.put("no-final-newline", bytes("A,B,C\n1,2,3"));
        return cases;
    }

    @Test
    void everyMalformedFile_isReadRightOrFailsCleanlyNamingTheLine() throws IOException {
        List<String> summary = new ArrayList<>();
        for (Map.Entry<String, byte[]> c : cases().entrySet()) {
            Path in = Files.write(dir.resolve(c.getKey() + ".csv"), c.getValue());
            Path out = dir.resolve("out-" + c.getKey() + ".csv");

            CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A + 1", "-o", out.toString());

            assertThat(run.err()).as(c.getKey()).doesNotContain("\tat ").doesNotContain("Exception in");
            if (run.exitCode() == 0) {
                assertThat(Files.exists(out)).as(c.getKey()).isTrue();
                summary.add(c.getKey() + ": read, exit 0");
            } else {
                assertThat(run.exitCode()).as(c.getKey() + ": " + run.err()).isIn(1, 2);
                assertThat(run.err()).as(c.getKey()).contains(in.toString());
                assertThat(Files.exists(out)).as(c.getKey() + " left an output").isFalse();
                summary.add(c.getKey() + ": exit " + run.exitCode() + ", " + run.err().lines().findFirst().orElse("")
                        .replace(dir.toString() + "/", ""));
            }
            try (var left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("temporary files").noneMatch(n -> n.endsWith(".partial"));
            }
        }
        summary.forEach(line -> System.out.println("malformed: " + line));
        assertThat(summary).hasSize(cases().size());
    }

    @Test
    void raggedRows_nameTheirLine() throws IOException {
        String good = goodRows(new Random(3), 50);
        for (int line : new int[]{2, 17, 51}) {
            Path in = Files.write(dir.resolve("r" + line + ".csv"), mutateLine(good, line, l -> l + ",7"));
            CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A", "-o", dir.resolve("o.csv").toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("r" + line + ".csv:" + line + ": this row has 4 fields but the header has 3");
        }
    }

    static String goodRows(Random random, int rows) {
        StringBuilder sb = new StringBuilder("A,B,C\n");
        for (int i = 0; i < rows; i++) {
            sb.append(random.nextInt(100)).append(",b").append(i).append(',').append(random.nextInt(100)).append('\n');
        }
        return sb.toString();
    }

    static byte[] mutateLine(String csv, int line, java.util.function.UnaryOperator<String> change) {
        String[] lines = csv.split("\n", -1);
        lines[line - 1] = change.apply(lines[line - 1]);
        return bytes(String.join("\n", lines));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
