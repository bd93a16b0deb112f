package dev.chunkwise.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code chunkwise apply} over the CSV corpus (csv-spectrum, the awkward files under {@code corpus/own/}, and the
 * generated large ones), one dynamic test per line of {@code corpus/expect.tsv}. Each run either round-trips
 * exactly — every cell and header byte it does not compute kept as it was, the new column added — or fails with the
 * expected exit code and a short message naming the file and the line, leaving nothing behind. None crashes.
 *
 * <p>For {@code --with 'NEWCOL = 1'} the output must be byte for byte what {@link CsvOracle#withNewColumn} says;
 * for an expression that reads a column, {@link ReadCheck} checks the new column against the values read as the
 * type the table names.
 */
class Corpus_RoundTripTest {

    @TempDir
    static Path generated;

    @TempDir
    Path runs;

    @TestFactory
    Stream<DynamicTest> everyCorpusRun_roundTripsOrFailsCleanly() throws IOException {
        List<CorpusExpectation> table = CorpusExpectation.load(CorpusFiles.corpus().resolve("expect.tsv"));
        return table.stream().map(e -> DynamicTest.dynamicTest(e.title(), () -> {
            try {
                check(e);
            } catch (AssertionError x) {
                // Surefire's report names a dynamic test by its number only: say which run failed, and how.
                throw new AssertionError(e.title() + ": " + x.getMessage(), x);
            }
        }));
    }

    /**
     * The same runs, the input read as a stream of small blocks (a few rows each, so that a block boundary falls
     * next to every kind of awkward row): the same output byte for byte, or the same error on the same line.
     */
    @TestFactory
    Stream<DynamicTest> everyCorpusRun_readAsAStreamOfSmallBlocks_givesTheSameResult() throws IOException {
        List<CorpusExpectation> table = CorpusExpectation.load(CorpusFiles.corpus().resolve("expect.tsv"));
        return table.stream().map(e -> DynamicTest.dynamicTest(e.title() + " (streamed)", () -> {
            try {
                check(e, List.of("--stream", "--block-size", "61"));
            } catch (AssertionError x) {
                throw new AssertionError(e.title() + " (streamed): " + x.getMessage(), x);
            }
        }));
    }

    private void check(CorpusExpectation e) throws IOException {
        check(e, List.of());
    }

    private void check(CorpusExpectation e, List<String> moreOptions) throws IOException {
        Path input = CorpusFiles.path(e.file(), generated);
        CsvOracle.Table expected = e.exit() == 0 ? oracle(e, input) : null;

        List<String> options = new ArrayList<>(e.options());
        options.addAll(moreOptions);
        CorpusRun run = CorpusRun.apply(input, e.with(), options, Files.createTempDirectory(runs, "run"));

        run.assertNoCrash();
        if (e.exit() != 0) {
            run.assertFailed(e.exit(), e.line().orElse(null), e.fragments());
            return;
        }
        run.assertSucceeded();
        byte[] out = run.outputBytes();
        if (e.addsConstant()) {
            String diff = ByteDiff.firstDifference(CsvOracle.withNewColumn(expected, "NEWCOL", "1"), out);
            if (diff != null) {
                fail("the output is not the input's records with ,1 added, byte for byte: " + diff);
            }
        } else if (e.reads().isPresent()) {
            List<String> problems = new ReadCheck(e.with(), e.reads().get()).problems(expected, out, e.charset());
            assertThat(problems).as("what is wrong with the output").isEmpty();
        } else {
            fail("expect.tsv: a run that succeeds needs NEWCOL = 1 or a reads column: " + e.title());
        }
    }

    /** Reads the input with the test's own reader: a run the table says succeeds must be of a file it accepts. */
    private static CsvOracle.Table oracle(CorpusExpectation e, Path input) throws IOException {
        try {
            CsvOracle.Table t = CsvOracle.read(Files.readAllBytes(input));
            t.records().forEach(r -> t.values(r, e.charset()));
            return t;
        } catch (RuntimeException x) {
            throw new AssertionError("expect.tsv says " + e.title() + ", but the test's own reader rejects the file: "
                    + x.getMessage(), x);
        }
    }

    @Test
    void expectTsv_listsEveryCorpusFile_andEveryFileItListsExists() throws IOException {
        Path corpus = CorpusFiles.corpus();
        Set<String> listed = CorpusExpectation.load(corpus.resolve("expect.tsv")).stream()
                .map(CorpusExpectation::file).collect(Collectors.toCollection(TreeSet::new));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            files.filter(p -> p.toString().endsWith(".csv")).forEach(p -> present.add(corpus.relativize(p).toString()));
        }
        CorpusFiles.GENERATED_FILES.keySet().forEach(name -> present.add(CorpusFiles.GENERATED + name));

        assertThat(listed).as("files in expect.tsv").containsExactlyElementsOf(present);
    }
}
