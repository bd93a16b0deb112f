package dev.chunkwise.pool;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adaptive chunk sizes of {@code imap}, fed with figures. */
class ChunkSizesTest {

    @Test
    void adaptive_startsAtOneItem() {
        assertThat(ChunkSizes.adaptive().next()).isEqualTo(1);
    }

    @Test
    void adaptive_dispatchCostsMoreThanTheWork_doublesEachFullChunk_upToTheMost() {
        ChunkSizes sizes = ChunkSizes.adaptive();

        for (int expected = 2; expected <= ChunkSizes.MAX_ITEMS; expected *= 2) {
            int n = sizes.next();
            sizes.completed(n, 1_000, 200_000, 40L * n);
            assertThat(sizes.next()).isEqualTo(expected);
        }
        sizes.completed(sizes.next(), 1_000, 200_000, 40L * sizes.next());
        assertThat(sizes.next()).isEqualTo(ChunkSizes.MAX_ITEMS);
    }

    @Test
    void adaptive_aChunkSmallerThanTheSize_doesNotGrowIt() {
        ChunkSizes sizes = ChunkSizes.adaptive();
        sizes.completed(1, 1_000, 200_000, 40);
        assertThat(sizes.next()).isEqualTo(2);

        sizes.completed(1, 1_000, 200_000, 40); // a chunk cut before the size grew

        assertThat(sizes.next()).isEqualTo(2);
    }

    @Test
    void adaptive_workThatOutweighsTheDispatch_keepsOrHalvesTheSize() {
        ChunkSizes sizes = ChunkSizes.adaptive();
        for (int i = 0; i < 4; i++) {
            sizes.completed(sizes.next(), 1_000, 200_000, 40);
        }
        assertThat(sizes.next()).isEqualTo(16);

        sizes.completed(16, 1_000_000, 1_200_000, 640); // work 5 times the dispatch: kept
        assertThat(sizes.next()).isEqualTo(16);
        sizes.completed(16, 100_000_000, 100_200_000, 640); // work 500 times the dispatch: halved
        assertThat(sizes.next()).isEqualTo(8);
    }

    @Test
    void adaptive_slowItems_neverGrow_evenWhenADispatchWasSlower() {
        ChunkSizes sizes = ChunkSizes.adaptive();

        sizes.completed(1, 200_000_000, 300_000_000, 40); // a cold worker's first round trip: 100 ms beyond the work

        assertThat(sizes.next()).isEqualTo(1);
    }

    @Test
    void adaptive_largeItems_keepAChunkUnderTheBytesLimit() {
        ChunkSizes sizes = ChunkSizes.adaptive();
        for (int i = 0; i < 6; i++) {
            sizes.completed(sizes.next(), 1_000, 200_000, 40L * sizes.next());
        }
        assertThat(sizes.next()).isEqualTo(64);

        sizes.completed(64, 1_000, 200_000, 64L * 100_000); // 100 kB an item

        assertThat(sizes.next()).isEqualTo((int) (ChunkSizes.MAX_BYTES / 100_000));
    }

    @Test
    void fixed_staysWhateverIsReported() {
        ChunkSizes sizes = ChunkSizes.fixed(7);

        sizes.completed(7, 1, 1_000_000, 7);

        assertThat(sizes.next()).isEqualTo(7);
        assertThatThrownBy(() -> ChunkSizes.fixed(0)).hasMessage("chunksize: 0 (expected: > 0)");
    }
}
