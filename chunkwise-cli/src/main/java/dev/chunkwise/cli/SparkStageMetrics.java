package dev.chunkwise.cli;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.executor.TaskMetrics;
import scala.jdk.javaapi.CollectionConverters;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What Spark itself measured of each job of a cluster run, from its listener bus: per job (named by its description,
 * {@code census} or {@code apply}) the tasks, the attempts that failed, the executors that ran them, the executors'
 * run and CPU time summed, and the job's time from its start to its end as the scheduler saw them.
 */
final class SparkStageMetrics extends SparkListener {

    /** The figures of one job, summed over its tasks. */
    static final class Job {
        long start;
        long end = -1;
        int tasks;
        int failedAttempts;
        long runMillis;
        long cpuNanos;
        final Set<String> executors = new TreeSet<>();

        /** Returns the job's time from start to end in milliseconds, or -1 if its end was not seen. */
        long wallMillis() {
            return end < 0 ? -1 : end - start;
        }
    }

    private final Map<Integer, String> jobOfStage = new ConcurrentHashMap<>();
    private final Map<Integer, String> jobNames = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String name = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
        if (name == null) {
            return;
        }
        jobNames.put(start.jobId(), name);
        for (StageInfo s : CollectionConverters.asJava(start.stageInfos())) {
            jobOfStage.put(s.stageId(), name);
        }
        synchronized (this) {
            jobs.computeIfAbsent(name, n -> new Job()).start = start.time();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        String name = jobOfStage.get(end.stageId());
        if (name == null) {
            return;
        }
        synchronized (this) {
            Job j = jobs.computeIfAbsent(name, n -> new Job());
            if (end.taskInfo().successful()) {
                j.tasks++;
            } else {
                j.failedAttempts++;
            }
            j.executors.add(end.taskInfo().executorId());
            TaskMetrics m = end.taskMetrics();
            if (m != null) {
                j.runMillis += m.executorRunTime();
                j.cpuNanos += m.executorCpuTime();
            }
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        String name = jobNames.get(end.jobId());
        if (name == null) {
            return;
        }
        synchronized (this) {
            jobs.computeIfAbsent(name, n -> new Job()).end = end.time();
            notifyAll();
        }
    }

    /**
     * Returns the figures of the job named {@code name}, waiting a few seconds at most for its end to come through
     * the listener bus (which runs behind the jobs); null if it never started.
     */
    synchronized Job job(String name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while ((jobs.get(name) == null || jobs.get(name).end < 0) && System.nanoTime() < deadline) {
                wait(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return jobs.get(name);
    }
}
