package dev.chunkwise.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code corpus/expect.tsv}: a run of {@code chunkwise apply FILE --with WITH OPTIONS -o OUT} and what
 * it must give (see the comment at the top of that file).
 *
 * @param file      the input, relative to the corpus folder
 * @param with      the {@code --with} argument
 * @param options   further arguments
 * @param exit      the exit code expected
 * @param reads     for a run that must succeed with an expression that reads a column: the column and the type it
 *                  must be read as
 * @param line      for a run that must fail: the line its message must name (empty for a fault of the whole file)
 * @param fragments texts the message must contain
 */
record CorpusExpectation(String file, String with, List<String> options, int exit, Optional<Read> reads,
                         Optional<Long> line, List<String> fragments) {

    /** A column an expression reads, and the type it must be read as: int, long, double, boolean or text. */
    record Read(String column, String type) {
    }

    static List<CorpusExpectation> load(Path tsv) throws IOException {
        List<CorpusExpectation> all = new ArrayList<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("#") || l.startsWith("file\t") || l.isBlank()) {
                continue;
            }
            String[] c = l.split("\t", -1);
            if (c.length != 7) {
                throw new IllegalArgumentException(tsv + ":" + (i + 1) + ": " + c.length + " columns (expected 7): " + l);
            }
            Optional<Read> reads = c[4].equals("-") ? Optional.empty()
                    : Optional.of(new Read(c[4].substring(0, c[4].indexOf(':')), c[4].substring(c[4].indexOf(':') + 1)));
            all.add(new CorpusExpectation(c[0], c[1], c[2].equals("-") ? List.of() : Arrays.asList(c[2].split(" ")),
                    Integer.parseInt(c[3]), reads, c[5].equals("-") ? Optional.empty() : Optional.of(Long.parseLong(c[5])),
                    c[6].equals("-") ? List.of() : Arrays.asList(c[6].split("\\|"))));
        }
        return all;
    }

    /** Returns the charset the file is in: the one {@code --encoding} names, else UTF-8. */
    Charset charset() {
        int i = options.indexOf("--encoding");
        return i < 0 ? StandardCharsets.UTF_8 : Charset.forName(options.get(i + 1));
    }

    /** Returns whether this run adds the constant column {@code NEWCOL = 1}, whose output is known byte for byte. */
    boolean addsConstant() {
        return with.equals("NEWCOL = 1");
    }

    /** Returns a name for the run that says what it is and what it must give. */
    String title() {
        return file + "  --with '" + with + "'" + (options.isEmpty() ? "" : " " + String.join(" ", options))
                + "  → exit " + exit + reads.map(r -> ", reads " + r.column() + " as " + r.type()).orElse("")
                + line.map(n -> ", line " + n).orElse("");
    }
}
