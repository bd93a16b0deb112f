package dev.chunkwise.cli.work;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalThreadsTest {

    @Test
    void start_noThreads_isRejected_namingTheValue() {
        assertThatThrownBy(() -> LocalThreads.start(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count: 0 (expected: > 0)");
    }

    @Test
    void close_waitsForTheTasksSubmitted_thenRejectsNewOnes() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean finishedWhenClosed = new AtomicBoolean();
        LocalThreads threads = LocalThreads.start(1);
        threads.execute(() -> {
            entered.countDown();
            try {
                gate.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.set(true);
        });
        assertThat(entered.await(1, TimeUnit.MINUTES)).isTrue();
        Thread closer = new Thread(() -> {
            threads.close();
            finishedWhenClosed.set(finished.get());
        });
        closer.start();
        gate.countDown();
        closer.join();

        assertThat(finishedWhenClosed).isTrue();
        assertThatThrownBy(() -> threads.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void threads_areDaemonsNamedForChunkwise() throws InterruptedException {
        String[] name = new String[1];
        boolean[] daemon = new boolean[1];
        CountDownLatch done = new CountDownLatch(1);
        try (LocalThreads threads = LocalThreads.start(2)) {
            threads.execute(() -> {
                name[0] = Thread.currentThread().getName();
                daemon[0] = Thread.currentThread().isDaemon();
                done.countDown();
            });
            assertThat(done.await(1, TimeUnit.MINUTES)).isTrue();
        }

        assertThat(name[0]).startsWith("chunkwise-io-");
        assertThat(daemon[0]).isTrue();
        assertThat(LocalThreads.start(3)).satisfies(t -> {
            assertThat(t.count()).isEqualTo(3);
            t.close();
        });
    }
}
