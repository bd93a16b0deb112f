package dev.chunkwise.process;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.PoolContractTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessPool_ContractTest extends PoolContractTest {

    @Override
    protected Pool newPool(int workers) {
        return Pool.processes(workers);
    }

    @Test
    void map_runsInOtherProcesses() {
        long self = ProcessHandle.current().pid();

        List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), PoolContractTest.range(20), 1);

        assertThat(pids).doesNotContain(self);
        assertThat(((ProcessPool) pool).pids()).containsAll(pids);
    }

    @Test
    void close_leavesNoProcessAndNoFile() {
        ProcessPool processes = (ProcessPool) pool;
        List<Long> pids = processes.pids();
        assertThat(pids).hasSize(2);

        pool.close();

        assertThat(pids).allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("worker " + pid).isFalse());
        assertThat(Files.exists(processes.directory())).isFalse();
    }
}
