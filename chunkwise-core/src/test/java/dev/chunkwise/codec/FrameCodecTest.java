package dev.chunkwise.codec;

import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Partitions;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Arrays;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {

    static DataFrame mixed() {
        return DataFrame.byColumn("i", "l", "d", "b", "s", "iNull", "sNull", "o", "é")
                .of(Series.ofInt(1, -2, Integer.MAX_VALUE),
                        Series.ofLong(1L, Long.MIN_VALUE, 3L),
                        Series.ofDouble(0.5, Double.NaN, -0.0),
                        Series.ofBool(true, false, true),
                        Series.of("a", "", "ünï,\"quoted\"\nline"),
                        Series.of(7, null, 9),
                        Series.of(null, "x", null),
                        Series.of(LocalDate.of(2026, 11, 25), new BigDecimal("1.10"), null),
                        Series.of("x", "y", "z"));
    }

    static DataFrame roundTrip(DataFrame df) {
        return FrameCodec.decode(ByteBuffer.wrap(FrameCodec.encode(df)), SerialFilter.get());
    }

    @Test
    void roundTrip_everyColumnType_givesTheSameValues() {
        DataFrame df = mixed();

        DataFrame back = roundTrip(df);

        assertThatFrame(back).as(Frames.head(back, 3)).hasSameContentAs(df);
    }

    @Test
    void roundTrip_primitiveColumns_stayPrimitive() {
        DataFrame back = roundTrip(mixed());

        assertThat(back.getColumn("i")).isInstanceOf(IntSeries.class);
        assertThat(back.getColumn("l")).isInstanceOf(LongSeries.class);
        assertThat(back.getColumn("d")).isInstanceOf(DoubleSeries.class);
    }

    @Test
    void roundTrip_emptyAndViewFrames() {
        DataFrame df = Frames.randomInts(1000, 0, 100, 3, "A", "B");
        DataFrame view = Partitions.split(df, 3).get(1);

        assertThatFrame(roundTrip(view)).hasSameContentAs(view);
        assertThat(roundTrip(df.head(0)).height()).isZero();
        assertThat(roundTrip(DataFrame.empty()).width()).isZero();
    }

    @Test
    void decode_everyTruncation_failsWithCorruptFrame() {
        byte[] bytes = FrameCodec.encode(mixed());

        for (int length = 0; length < bytes.length; length++) {
            ByteBuffer truncated = ByteBuffer.wrap(Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> FrameCodec.decode(truncated, SerialFilter.get()))
                    .as("decoding the first %d of %d bytes", length, bytes.length)
                    .isInstanceOf(CorruptFrameException.class);
        }
    }

    @Test
    void decode_hugeRowCount_failsBeforeAllocating() {
        byte[] bytes = FrameCodec.encode(Frames.randomInts(4, 0, 10, 1, "A"));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(8, Integer.MAX_VALUE); // the row count

        assertThatThrownBy(() -> FrameCodec.decode(ByteBuffer.wrap(bytes), SerialFilter.get()))
                .isInstanceOf(CorruptFrameException.class)
                .hasMessageContaining("needs 8589934588 bytes");
    }

    @Test
    void decode_randomGarbage_failsWithCorruptFrame() {
        java.util.Random random = new java.util.Random(1);
        byte[] good = FrameCodec.encode(mixed());
        for (int i = 0; i < 2000; i++) {
            byte[] bad = good.clone();
            int at = 12 + random.nextInt(bad.length - 12);
            bad[at] = (byte) random.nextInt();
            try {
                FrameCodec.decode(ByteBuffer.wrap(bad), SerialFilter.get());
            } catch (CorruptFrameException expected) {
                // A flipped byte inside a value decodes to another value; elsewhere it must fail cleanly.
            }
        }
    }

    @Test
    void decode_notAFrame_saysSo() {
        assertThatThrownBy(() -> FrameCodec.decode(ByteBuffer.wrap("hello, world".getBytes()), SerialFilter.get()))
                .isInstanceOf(CorruptFrameException.class)
                .hasMessage("corrupt frame: not a chunkwise frame (no CWF1 header)");
    }
}
