package dev.chunkwise.process;

import dev.chunkwise.frame.Frames;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.chunkwise.frame.FrameAssert.assertThatFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadsTest {

    /** Serializes {@code df} through a spill directory and reads it back; the spill file is gone after. */
    static DataFrame roundTrip(DataFrame df) throws Exception {
        Path dir = PrivateDir.create();
        try {
            byte[] bytes = Payloads.serialize(List.of(df), dir, "test");
            try (var files = Files.list(dir)) {
                assertThat(files.filter(PayloadsTest::isFrameFile).count()).as("one spill file").isEqualTo(1);
            }
            @SuppressWarnings("unchecked")
            List<DataFrame> back = (List<DataFrame>) Payloads.deserialize(bytes, SerialFilter.get());
            try (var files = Files.list(dir)) {
                assertThat(files.filter(PayloadsTest::isFrameFile).count()).as("the reader deletes the spill file").isZero();
            }
            return back.get(0);
        } finally {
            PrivateDir.delete(dir);
        }
    }

    static boolean isFrameFile(Path p) {
        return p.getFileName().toString().startsWith("frame-");
    }

    @Test
    void keptFrame_canBeReadAgainAndAgain_untilTheSenderReleasesIt() throws Exception {
        DataFrame df = Frames.randomInts(400_000, -50, 50, 5, "A", "B");
        Path dir = PrivateDir.create();
        try {
            Payloads.Kept kept = Payloads.serializeKept(List.of(df), dir, "test");
            assertThat(kept.files()).hasSize(1);

            for (int read = 0; read < 2; read++) {
                @SuppressWarnings("unchecked")
                List<DataFrame> back = (List<DataFrame>) Payloads.deserialize(kept.bytes(), SerialFilter.get());
                assertThatFrame(back.get(0)).as("read " + (read + 1)).hasSameContentAs(df);
                assertThat(kept.files().get(0)).as("after read " + (read + 1)).exists();
            }
            kept.release();
            assertThat(kept.files().get(0)).doesNotExist();
        } finally {
            PrivateDir.delete(dir);
        }
    }

    @Test
    void keptSerialization_thatFailsHalfway_leavesNoFile() throws Exception {
        DataFrame df = Frames.randomInts(400_000, -50, 50, 5, "A", "B");
        Path dir = PrivateDir.create();
        try {
            assertThatThrownBy(() -> Payloads.serializeKept(List.of(df, new Object()), dir, "An item"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("java.lang.Object, which is not Serializable");
            try (var files = Files.list(dir)) {
                assertThat(files.filter(PayloadsTest::isFrameFile)).isEmpty();
            }
        } finally {
            PrivateDir.delete(dir);
        }
    }

    @Test
    void spilledFrame_writtenToItsFile_comesBackEqual() throws Exception {
        DataFrame df = Frames.randomInts(400_000, -50, 50, 3, "A", "B"); // 3.2 MB: over the spill size, written

        assertThatFrame(roundTrip(df)).hasSameContentAs(df);
    }

    @Test
    void spilledFrame_tooLargeToCopyOnTheHeap_isMapped_andComesBackEqual() throws Exception {
        int rows = (int) (Payloads.WRITE_BYTES / 4) + 1000; // one int column just over the limit
        DataFrame df = Frames.randomInts(rows, Integer.MIN_VALUE, Integer.MAX_VALUE, 4, "A");

        assertThatFrame(roundTrip(df)).hasSameContentAs(df);
    }
}
