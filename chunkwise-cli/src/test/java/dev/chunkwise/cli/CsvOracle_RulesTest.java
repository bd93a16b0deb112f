package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tests' own CSV reader, which says what the corpus tests expect, checked against outputs worked out by hand:
 * if it were wrong, the corpus tests would demand the wrong thing.
 */
class CsvOracle_RulesTest {

    static String withNewColumn(String csv) {
        return new String(CsvOracle.withNewColumn(CsvOracle.read(csv.getBytes(StandardCharsets.UTF_8)), "N", "1"),
                StandardCharsets.UTF_8);
    }

    static List<List<String>> values(String csv) {
        CsvOracle.Table t = CsvOracle.read(csv.getBytes(StandardCharsets.UTF_8));
        return t.records().stream().map(r -> t.values(r, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void withNewColumn_usesTheHeadersLineEnd_forEveryRow() {
        assertThat(withNewColumn("A,B\n1,x\r\n2,y\r3,z\n")).isEqualTo("A,B,N\n1,x,1\n2,y,1\n3,z,1\n");
        assertThat(withNewColumn("A,B\r\n1,x\n2,y")).isEqualTo("A,B,N\r\n1,x,1\r\n2,y,1\r\n");
        assertThat(withNewColumn("A\r1\r2")).isEqualTo("A,N\r1,1\r2,1\r");
        assertThat(withNewColumn("A,B")).isEqualTo("A,B,N\n");
    }

    @Test
    void withNewColumn_dropsBlankLines_keepsTheBom_andQuotedLineEnds() {
        assertThat(withNewColumn("\n\r\n\rA\n\n1\n\r2\r\n\n")).isEqualTo("A,N\n1,1\n2,1\n");
        assertThat(withNewColumn("\uFEFFA\r\n\"x\ny\"\r\n")).isEqualTo("\uFEFFA,N\r\n\"x\ny\",1\r\n");
        assertThat(withNewColumn("A\n\"\"\n \n")).isEqualTo("A,N\n\"\",1\n ,1\n");
    }

    @Test
    void values_unquoteAndUndouble_andTakeAQuoteInsideAnUnquotedFieldAsData() {
        assertThat(values("A,B,C\n\"a,\"\"b\"\"\",x\"y, \"z\" \n"))
                .containsExactly(List.of("A", "B", "C"), List.of("a,\"b\"", "x\"y", " \"z\" "));
        assertThat(values("A,B,\n1,,\"\"")).containsExactly(List.of("A", "B", ""), List.of("1", "", ""));
    }

    @Test
    void read_rejectsStrayQuotes_unclosedQuotes_andRaggedRows_namingTheLine() {
        assertThatThrownBy(() -> CsvOracle.read("A,B\n1,\"ab\"c\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("line 2:");
        assertThatThrownBy(() -> CsvOracle.read("A,B\n1,2\n3,\"four\n5,6\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("line 3:");
        assertThatThrownBy(() -> CsvOracle.read("A,B\n\"x\r\ny\",1\n2\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("line 4:");
        assertThatThrownBy(() -> CsvOracle.read("A,B\r1,2\r3\r".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("line 3:");
    }
}
