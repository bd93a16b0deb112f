package dev.chunkwise.codec;

import dev.chunkwise.frame.Frames;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Every column codec, with and without nulls, at any row count: decoding what was encoded gives the frame back. */
class FrameCodec_RoundTripTest {

    @Property(tries = 200)
    void decodeOfEncode_anyColumnsRowsAndNulls_isTheSameFrame(
            @ForAll @IntRange(min = 0, max = 70) int rows,
            @ForAll @IntRange(min = 0, max = 100) int nullPercent,
            @ForAll long seed) {
        Random random = new Random(seed);
        DataFrame df = DataFrame.byColumn("int", "long", "double", "bool", "string", "object", "mixed",
                        "intPrimitive", "boolPrimitive")
                .of(column(rows, nullPercent, random, () -> random.nextInt()),
                        column(rows, nullPercent, random, () -> random.nextLong()),
                        column(rows, nullPercent, random, () -> random.nextDouble() - 0.5),
                        column(rows, nullPercent, random, () -> random.nextBoolean()),
                        column(rows, nullPercent, random, () -> "é" + random.nextInt(1000)),
                        column(rows, nullPercent, random, () -> LocalDate.ofEpochDay(random.nextInt(40_000))),
                        column(rows, nullPercent, random,
                                () -> random.nextBoolean() ? random.nextInt(9) : new BigDecimal("1.5")),
                        Series.ofInt(random.ints(rows).toArray()),
                        Series.ofBool(bools(rows, random)));

        DataFrame back = FrameCodec.decode(ByteBuffer.wrap(FrameCodec.encode(df)), SerialFilter.get());

        assertThat(Frames.contentEquals(back, df)).as("%s rows, %s%% nulls:%n%s", rows, nullPercent,
                Frames.head(back, 5)).isTrue();
        assertThat(FrameCodec.prepare(df).size()).as("the size prepared is the size written")
                .isEqualTo(FrameCodec.encode(df).length);
    }

    interface Value {
        Object next();
    }

    static Series<Object> column(int rows, int nullPercent, Random random, Value value) {
        Object[] v = new Object[rows];
        for (int r = 0; r < rows; r++) {
            v[r] = random.nextInt(100) < nullPercent ? null : value.next();
        }
        return Series.of(v);
    }

    static boolean[] bools(int rows, Random random) {
        boolean[] b = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            b[r] = random.nextBoolean();
        }
        return b;
    }
}
