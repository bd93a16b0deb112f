package dev.chunkwise.process;

/**
 * Facts about the running JVM process: what Python's {@code os.getpid()}, {@code os.getppid()} and
 * {@code multiprocessing.cpu_count()} give, and the Java version.
 *
 * @param pid         this process's id
 * @param parentPid   the id of the process that started this one, or -1 where the system does not say
 * @param cpus        the processors available to this JVM
 * @param javaVersion the running Java's version, e.g. {@code 17.0.15}
 */
public record ProcessInfo(long pid, long parentPid, int cpus, String javaVersion) {

    /**
     * Returns the facts about this process, read now.
     *
     * @return the facts
     */
    public static ProcessInfo current() {
        ProcessHandle self = ProcessHandle.current();
        long parent = self.parent().map(ProcessHandle::pid).orElse(-1L);
        return new ProcessInfo(self.pid(), parent, Runtime.getRuntime().availableProcessors(),
                Runtime.version().toString());
    }

    /** Returns the facts one per line: {@code pid: …}, {@code parent pid: …}, {@code cpus: …}, {@code java: …}. */
    @Override
    public String toString() {
        return "pid: " + pid + "\nparent pid: " + parentPid + "\ncpus: " + cpus + "\njava: " + javaVersion;
    }
}
