package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The types a cluster run chooses (each file's {@link SplitCensus}, added in order by {@link SplitTyping}) are those
 * the local stream chooses over the files concatenated ({@link StreamTyping}), for any values and any cut into
 * files and blocks; where a value cannot be its column's type, both name the same value, the split its own file
 * and its line there.
 */
class SplitTyping_PropertyTest {

    private static final String[] READERS = {"--with 'K = D + 1'"};
    private static final int[] TYPED = {0};

    @Provide
    Arbitrary<List<String>> values() {
        return Arbitraries.of("1", "08123", "-5", "+7", "9999999999", "1.5", "NaN", "", "true", "FALSE", "x", "n/a")
                .list().ofMinSize(0).ofMaxSize(40);
    }

    @Property(tries = 300)
    void splits_giveTheTypesOfTheWholeInput(@ForAll("values") List<String> values, @ForAll @IntRange(min = 1, max = 4) int files,
                                            @ForAll @IntRange(min = 8, max = 64) int blockBytes) throws IOException {
        int per = Math.max(1, (values.size() + files - 1) / files);
        List<List<String>> cut = new ArrayList<>();
        for (int from = 0; from < values.size() || cut.isEmpty(); from += per) {
            cut.add(values.subList(from, Math.min(values.size(), from + per)));
        }
        StreamTyping whole = new StreamTyping("whole", List.of("D", "E"), TYPED);
        census(csv(values), "whole", blockBytes, null, whole);
        SplitTyping split = new SplitTyping(List.of("D", "E"), TYPED);
        for (int f = 0; f < cut.size(); f++) {
            SplitCensus c = new SplitCensus(1);
            census(csv(cut.get(f)), "f" + f, blockBytes, c, null);
            split.add("f" + f, c);
        }

        assertThat(split.rows()).isEqualTo(whole.rows());
        assertThat(split.chosenTypes(null, READERS)).isEqualTo(whole.chosenTypes(null, READERS));
        String expected;
        try {
            List<TypeChoice> choices = whole.choices(null, READERS);
            assertThat(split.choices(null, READERS)).isEqualTo(choices);
            return;
        } catch (CsvFormatException e) {
            expected = e.getMessage();
        }
        // "whole:LINE: …" names data row LINE - 2 of the whole; the split names that row's file and its line there.
        int colon = expected.indexOf(':', "whole:".length());
        long row = Long.parseLong(expected.substring("whole:".length(), colon)) - 2;
        int file = (int) (row / per);
        String message = "f" + file + ":" + (row - (long) file * per + 2) + expected.substring(colon);
        try {
            split.choices(null, READERS);
            throw new AssertionError("the split gave types where the whole input failed with: " + expected);
        } catch (CsvFormatException e) {
            assertThat(e.getMessage()).isEqualTo(message);
        }
    }

    private static byte[] csv(List<String> values) {
        StringBuilder s = new StringBuilder("D,E\n");
        values.forEach(v -> s.append(v).append(",e\n"));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads {@code data} as blocks of about {@code blockBytes} into {@code census} or {@code typing}. */
    private static void census(byte[] data, String name, int blockBytes, SplitCensus census, StreamTyping typing)
            throws IOException {
        ColumnType[] forced = {null};
        try (CsvStream stream = CsvStream.open(new ByteArrayInputStream(data), name, StandardCharsets.UTF_8,
                CsvDialect.DEFAULT, blockBytes)) {
            CsvFile block = stream.header().read(TYPED, Runnable::run, 1);
            while (block != null) {
                if (census != null) {
                    census.add(block, forced);
                } else {
                    typing.add(StreamTyping.of(block, forced));
                }
                CsvStream.Block next = stream.next();
                block = next == null ? null : next.read(TYPED);
            }
        }
    }
}
