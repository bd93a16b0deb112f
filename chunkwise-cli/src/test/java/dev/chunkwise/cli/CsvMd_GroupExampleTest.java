package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shell example of docs/csv.md's section on groups: each {@code $ printf '…' > FILE} writes the file, each
 * {@code $ chunkwise … -o OUT && cat OUT} runs in this JVM, and the lines after it must be OUT's text.
 */
class CsvMd_GroupExampleTest {

    @TempDir
    Path dir;

    @Test
    void groupsExample_printsWhatTheDocSays() throws IOException {
        List<String> block = block(Files.readString(Path.of("../docs/csv.md")), "## Groups");
        int commands = 0;
        for (int i = 0; i < block.size(); i++) {
            String line = block.get(i);
            if (line.startsWith("$ printf '")) {
                int close = line.lastIndexOf("' > ");
                Files.writeString(dir.resolve(line.substring(close + 4).strip()),
                        line.substring("$ printf '".length(), close).replace("\\n", "\n"), StandardCharsets.UTF_8);
            } else if (line.startsWith("$ chunkwise ")) {
                int cat = line.lastIndexOf(" && cat ");
                List<String> args = words(line.substring("$ chunkwise ".length(), cat));
                args.replaceAll(a -> a.endsWith(".csv") ? dir.resolve(a).toString() : a);
                StringBuilder expected = new StringBuilder();
                while (i + 1 < block.size() && !block.get(i + 1).startsWith("$ ")) {
                    expected.append(block.get(++i)).append('\n');
                }

                CliRun run = CliRun.of(args.toArray(String[]::new));

                assertThat(run.exitCode()).as(line + "\n" + run.err()).isZero();
                assertThat(Files.readString(dir.resolve(line.substring(cat + " && cat ".length()).strip())))
                        .as(line).isEqualTo(expected.toString());
                commands++;
            }
        }
        assertThat(commands).isEqualTo(2);
    }

    /** Returns the lines of the first fenced block after the heading that starts with {@code heading}. */
    static List<String> block(String doc, String heading) {
        int at = doc.indexOf("\n" + heading);
        int open = doc.indexOf("\n```\n", at);
        int close = doc.indexOf("\n```\n", open + 5);
        return List.of(doc.substring(open + 5, close).split("\n"));
    }

    /** Splits a command line at spaces outside single quotes, the quotes removed. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }
}
