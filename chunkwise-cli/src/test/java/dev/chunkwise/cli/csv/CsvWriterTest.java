package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.work.LocalThreads;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWriterTest {

    static String write(DataFrame df) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LocalThreads threads = LocalThreads.start(2)) {
            CsvWriter.write(df, out, threads, 2);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void numbers_areWrittenAsJavaPrintsThem_wholeDoublesWithoutExponent_andMinusZeroKeepsItsSign() throws IOException {
        DataFrame df = DataFrame.byColumn("i", "l", "d").of(
                Series.ofInt(0, -7, Integer.MIN_VALUE, Integer.MAX_VALUE, 42, 1, 2),
                Series.ofLong(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 10L, 3L, 4L),
                Series.ofDouble(0.0, -0.0, 1e7, 2.5, Double.NaN, -1.25e-9, 1e300));

        assertThat(write(df)).isEqualTo("i,l,d\n"
                + "0,0,0.0\n"
                + "-7,-1,-0.0\n"
                + "-2147483648,-9223372036854775808,10000000.0\n"
                + "2147483647,9223372036854775807,2.5\n"
                + "42,10,\n"
                + "1,3,-1.25E-9\n"
                + "2,4,1.0E300\n");
    }

    @Test
    void text_withCommasQuotesOrNewlines_isQuoted() throws IOException {
        DataFrame df = DataFrame.byColumn("s").of(Series.of("plain", "a,b", "say \"hi\"", "two\nlines", null));

        assertThat(write(df)).isEqualTo("s\nplain\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\n");
    }
}
