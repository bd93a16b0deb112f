package dev.chunkwise.cli.data;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each column type's array and series are one another's, and a series of boxed values converts as an expression
 * would read it.
 */
class ColumnType_ConversionTest {

    @Property(tries = 100)
    void ints_seriesOfAnArray_givesTheArrayBack_andIsAnIntColumn(@ForAll int[] values) {
        Series<?> s = ColumnType.INT.series(values);

        assertThat((int[]) ColumnType.INT.array(s)).isEqualTo(values).isNotSameAs(values);
        assertThat(ColumnType.of(s)).isEqualTo(ColumnType.INT);
        assertThat((long[]) ColumnType.LONG.array(boxed(s))).isEqualTo(Arrays.stream(values).asLongStream().toArray());
    }

    @Property(tries = 100)
    void longs_seriesOfAnArray_givesTheArrayBack_andIsALongColumn(@ForAll long[] values) {
        Series<?> s = ColumnType.LONG.series(values);

        assertThat((long[]) ColumnType.LONG.array(s)).isEqualTo(values);
        assertThat(ColumnType.of(s)).isEqualTo(ColumnType.LONG);
        assertThat(ColumnType.of(boxed(s))).isEqualTo(values.length == 0 ? ColumnType.STRING : ColumnType.LONG);
    }

    @Property(tries = 100)
    void doubles_seriesOfAnArray_givesTheArrayBack_bitForBit(@ForAll double[] values) {
        Series<?> s = ColumnType.DOUBLE.series(values);

        assertThat(bits((double[]) ColumnType.DOUBLE.array(s))).isEqualTo(bits(values));
        assertThat(bits((double[]) ColumnType.DOUBLE.array(boxed(s)))).isEqualTo(bits(values));
        assertThat(ColumnType.of(s)).isEqualTo(ColumnType.DOUBLE);
    }

    @Property(tries = 100)
    void booleans_seriesOfAnArray_givesTheArrayBack(@ForAll boolean[] values) {
        Series<?> s = ColumnType.BOOLEAN.series(values);

        assertThat((boolean[]) ColumnType.BOOLEAN.array(s)).isEqualTo(values);
        assertThat((boolean[]) ColumnType.BOOLEAN.array(boxed(s))).isEqualTo(values);
        assertThat(ColumnType.of(s)).isEqualTo(ColumnType.BOOLEAN);
    }

    @Property(tries = 100)
    void text_seriesOfAnArray_givesTheArrayBack(@ForAll String[] values) {
        Series<?> s = ColumnType.STRING.series(values);

        assertThat((String[]) ColumnType.STRING.array(s)).isEqualTo(values);
        assertThat(ColumnType.STRING.newArray(values.length)).isInstanceOf(String[].class);
    }

    @Test
    void newArray_isThePrimitiveArrayOfEachType() {
        assertThat(ColumnType.INT.newArray(3)).isEqualTo(new int[3]);
        assertThat(ColumnType.LONG.newArray(3)).isEqualTo(new long[3]);
        assertThat(ColumnType.DOUBLE.newArray(3)).isEqualTo(new double[3]);
        assertThat(ColumnType.BOOLEAN.newArray(3)).isEqualTo(new boolean[3]);
        assertThat(ColumnType.STRING.newArray(3)).isEqualTo(new String[3]);
    }

    @Test
    void boxedValues_withMissingOnes_areReadAsAnExpressionWouldSeeThem() {
        Series<Object> intsWithNull = Series.of(1, null, 3);

        assertThat(ColumnType.of(intsWithNull)).isEqualTo(ColumnType.DOUBLE);
        assertThat((double[]) ColumnType.DOUBLE.array(intsWithNull)).containsExactly(1.0, Double.NaN, 3.0);
        assertThat(ColumnType.of(Series.of(1, 2L))).isEqualTo(ColumnType.STRING);
        assertThat(ColumnType.of(Series.of(true, null))).isEqualTo(ColumnType.STRING);
        assertThat(ColumnType.of(Series.of(1.5f, null))).isEqualTo(ColumnType.DOUBLE);
        assertThat((String[]) ColumnType.STRING.array(Series.of(7, null, "x"))).containsExactly("7", null, "x");
        assertThat((boolean[]) ColumnType.BOOLEAN.array(Series.of(true, null, false))).containsExactly(true, false, false);
    }

    @Test
    void javaName_isTheTypeAnExpressionDeclares() {
        assertThat(Arrays.stream(ColumnType.values()).map(ColumnType::javaName))
                .containsExactly("int", "long", "double", "boolean", "String");
    }

    /** The same values, boxed, in a series of objects. */
    private static Series<Object> boxed(Series<?> s) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            values.add(s.get(i));
        }
        return Series.of(values.toArray());
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
