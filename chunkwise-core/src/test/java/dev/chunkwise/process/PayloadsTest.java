package dev.chunkwise.process;

import dev.chunkwise.frame.Frames;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadsTest {

    /** Serializes {@code df} through a spill directory and reads it back; the spill file is gone after. */
    static DataFrame roundTrip(DataFrame df) throws Exception {
        Path dir = PrivateDir.create();
        try {
            byte[] bytes = Payloads.serialize(List.of(df), dir, "test");
            try (var files = Files.list(dir)) {
                assertThat(files.count()).as("one spill file").isEqualTo(1);
            }
            @SuppressWarnings("unchecked")
            List<DataFrame> back = (List<DataFrame>) Payloads.deserialize(bytes, SerialFilter.get());
            try (var files = Files.list(dir)) {
                assertThat(files.count()).as("the reader deletes the spill file").isZero();
            }
            return back.get(0);
        } finally {
            PrivateDir.delete(dir);
        }
    }

    @Test
    void spilledFrame_writtenToItsFile_comesBackEqual() throws Exception {
        DataFrame df = Frames.randomInts(400_000, -50, 50, 3, "A", "B"); // 3.2 MB: over the spill size, written

        assertThat(Frames.contentEquals(roundTrip(df), df)).isTrue();
    }

    @Test
    void spilledFrame_tooLargeToCopyOnTheHeap_isMapped_andComesBackEqual() throws Exception {
        int rows = (int) (Payloads.WRITE_BYTES / 4) + 1000; // one int column just over the limit
        DataFrame df = Frames.randomInts(rows, Integer.MIN_VALUE, Integer.MAX_VALUE, 4, "A");

        assertThat(Frames.contentEquals(roundTrip(df), df)).isTrue();
    }
}
