package dev.chunkwise.frame;

import org.dflib.BooleanSeries;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A column made from boxed values is primitive when every value is one non-null kind, else of objects. */
class Frames_ColumnTest {

    @Test
    void valuesOfOnePrimitiveKind_makeAPrimitiveSeries() {
        assertThat(Frames.column(new Object[]{1, 2})).isInstanceOf(IntSeries.class);
        assertThat(Frames.column(new Object[]{1L, 2L})).isInstanceOf(LongSeries.class);
        assertThat(Frames.column(new Object[]{1.5, 2.0})).isInstanceOf(DoubleSeries.class);
        assertThat(Frames.column(new Object[]{true, false})).isInstanceOf(BooleanSeries.class);
    }

    @Test
    void aNullOrMixedKinds_keepTheValuesAsObjects() {
        Series<?> withNull = Frames.column(new Object[]{1, null});
        Series<?> mixed = Frames.column(new Object[]{1, 2L});

        assertThat(withNull).isNotInstanceOf(IntSeries.class);
        assertThat(new ArrayList<Object>(withNull.toList())).containsExactly(1, null);
        assertThat(mixed).isNotInstanceOf(IntSeries.class).isNotInstanceOf(LongSeries.class);
        assertThat(new ArrayList<Object>(mixed.toList())).containsExactly(1, 2L);
    }
}
