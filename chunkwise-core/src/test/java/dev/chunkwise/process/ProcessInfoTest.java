package dev.chunkwise.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessInfoTest {

    @Test
    void current_describesThisJvm() {
        ProcessInfo info = ProcessInfo.current();

        assertThat(info.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(info.parentPid()).isPositive().isNotEqualTo(info.pid());
        assertThat(info.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(info.javaVersion()).isEqualTo(Runtime.version().toString());
    }

    @Test
    void toString_givesOneFactPerLine() {
        assertThat(new ProcessInfo(10, 1, 2, "17.0.15").toString())
                .isEqualTo("pid: 10\nparent pid: 1\ncpus: 2\njava: 17.0.15");
    }
}
