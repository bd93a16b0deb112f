package dev.chunkwise.codec;

import dev.chunkwise.frame.Frames;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadsTest {

    /** Serializes {@code df} through a spill directory and reads it back; the spill file is gone after. */
    static DataFrame roundTrip(DataFrame df, Path dir) throws Exception {
        byte[] bytes = Payloads.serialize(List.of(df), dir, "test");
        assertThat(frameFiles(dir)).as("one spill file").isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<DataFrame> back = (List<DataFrame>) Payloads.deserialize(bytes, SerialFilter.get());
        assertThat(frameFiles(dir)).as("the reader deletes the spill file").isZero();
        return back.get(0);
    }

    static long frameFiles(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("frame-")).count();
        }
    }

    @Test
    void keptFrame_canBeReadAgainAndAgain_untilTheSenderReleasesIt(@TempDir Path dir) throws Exception {
        DataFrame df = Frames.randomInts(400_000, -50, 50, 5, "A", "B");
        Serialization.Kept kept = Serialization.serializeKept(List.of(df), dir, "test");
        assertThat(kept.files()).hasSize(1);

        for (int read = 0; read < 2; read++) {
            @SuppressWarnings("unchecked")
            List<DataFrame> back = (List<DataFrame>) Serialization.deserialize(kept.bytes(), SerialFilter.get());
            assertThat(Frames.contentEquals(back.get(0), df)).as("read " + (read + 1)).isTrue();
            assertThat(kept.files().get(0)).as("after read " + (read + 1)).exists();
        }
        kept.release();
        assertThat(kept.files().get(0)).doesNotExist();
    }

    @Test
    void keptSerialization_thatFailsHalfway_leavesNoFile(@TempDir Path dir) throws Exception {
        DataFrame df = Frames.randomInts(400_000, -50, 50, 5, "A", "B");

        assertThatThrownBy(() -> Serialization.serializeKept(List.of(df, new Object()), dir, "An item"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object, which is not Serializable");
        assertThat(frameFiles(dir)).isZero();
    }

    @Test
    void spilledFrame_writtenToItsFile_comesBackEqual(@TempDir Path dir) throws Exception {
        DataFrame df = Frames.randomInts(400_000, -50, 50, 3, "A", "B"); // 3.2 MB: over the spill size, written

        assertThat(Frames.contentEquals(roundTrip(df, dir), df)).isTrue();
    }

    @Test
    void spilledFrame_tooLargeToCopyOnTheHeap_isMapped_andComesBackEqual(@TempDir Path dir) throws Exception {
        int rows = (int) (Payloads.WRITE_BYTES / 4) + 1000; // one int column just over the limit
        DataFrame df = Frames.randomInts(rows, Integer.MIN_VALUE, Integer.MAX_VALUE, 4, "A");

        assertThat(Frames.contentEquals(roundTrip(df, dir), df)).isTrue();
    }

    @Test
    void smallFrame_crossesInBand_andLeavesNoFile(@TempDir Path dir) throws Exception {
        DataFrame df = Frames.randomInts(100, -50, 50, 3, "A", "B");

        byte[] bytes = Serialization.serialize(List.of(df), dir, "test");

        assertThat(frameFiles(dir)).isZero();
        @SuppressWarnings("unchecked")
        List<DataFrame> back = (List<DataFrame>) Serialization.deserialize(bytes);
        assertThat(Frames.contentEquals(back.get(0), df)).isTrue();
    }
}
