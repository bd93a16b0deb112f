package dev.chunkwise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * csv-spectrum's JSON as the independent expected parse of its CSV files: the test's own reader must read each file
 * as its JSON says, and the output of {@code apply FILE --with 'NEWCOL = 1'}, read the same way, must be exactly the
 * JSON's rows with NEWCOL = 1 added.
 */
class CsvSpectrum_ExpectedParseTest {

    /** Where csv-spectrum 2.0.0's JSON is wrong (see corpus/csv-spectrum/README.md): file, column, JSON's value, the CSV's. */
    record Erratum(String file, String column, String json, String csv) {
    }

    static final List<Erratum> ERRATA = List.of(
            new Erratum("location_coordinates", "Contact Phone Number", "1234567890", "2095257564"));

    @TempDir
    Path runs;

    static Path spectrum() {
        return CorpusFiles.corpus().resolve("csv-spectrum");
    }

    static List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(spectrum().resolve("csvs"))) {
            return files.map(p -> p.getFileName().toString().replace(".csv", "")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> testsOwnReader_readsEveryFileAsItsJsonSays() throws IOException {
        return names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            CsvOracle.Table input = CsvOracle.read(Files.readAllBytes(spectrum().resolve("csvs/" + name + ".csv")));
            assertThat(rows(input)).as("csv-spectrum %s.csv read by the test's reader", name).isEqualTo(expected(name, false));
        }));
    }

    @TestFactory
    Stream<DynamicTest> apply_withNewColumn_givesTheJsonsRowsAndTheColumn() throws IOException {
        return names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path in = spectrum().resolve("csvs/" + name + ".csv");
            CorpusRun run = CorpusRun.apply(in, "NEWCOL = 1", List.of(), Files.createTempDirectory(runs, name));
            try {
                run.assertNoCrash();
                run.assertSucceeded();
            } catch (AssertionError x) {
                throw new AssertionError("csv-spectrum " + name + ".csv: " + x.getMessage(), x);
            }
            assertThat(rows(CsvOracle.read(run.outputBytes())))
                    .as("csv-spectrum %s.csv through apply --with 'NEWCOL = 1', read by the test's reader", name)
                    .isEqualTo(expected(name, true));
        }));
    }

    /** Returns the table's header and rows as values, each row a list of the header's names and the row's values. */
    static List<List<Map.Entry<String, String>>> rows(CsvOracle.Table table) {
        List<String> header = table.values(table.header(), StandardCharsets.UTF_8);
        List<List<Map.Entry<String, String>>> rows = new ArrayList<>();
        for (CsvOracle.Record r : table.rows()) {
            List<String> values = table.values(r, StandardCharsets.UTF_8);
            List<Map.Entry<String, String>> row = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                row.add(Map.entry(header.get(c), values.get(c)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Returns the JSON's rows in the same form, errata applied, with NEWCOL = 1 after each row if asked. */
    static List<List<Map.Entry<String, String>>> expected(String name, boolean withNewColumn) throws IOException {
        JsonNode json = new ObjectMapper().readTree(spectrum().resolve("json/" + name + ".json").toFile());
        // location_coordinates.json in 2.0.0 is one object, not an array of one (README.md).
        List<JsonNode> objects = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(objects::add);
        } else {
            objects.add(json);
        }
        List<List<Map.Entry<String, String>>> rows = new ArrayList<>();
        for (JsonNode o : objects) {
            List<Map.Entry<String, String>> row = new ArrayList<>();
            for (Map.Entry<String, JsonNode> f : o.properties()) {
                row.add(Map.entry(f.getKey(), corrected(name, f.getKey(), f.getValue().asText())));
            }
            if (withNewColumn) {
                row.add(Map.entry("NEWCOL", "1"));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String corrected(String file, String column, String value) {
        for (Erratum e : ERRATA) {
            if (e.file().equals(file) && e.column().equals(column)) {
                assertThat(value).as("csv-spectrum's erratum in %s.json, column %s, is still there", file, column)
                        .isEqualTo(e.json());
                return e.csv();
            }
        }
        return value;
    }
}
