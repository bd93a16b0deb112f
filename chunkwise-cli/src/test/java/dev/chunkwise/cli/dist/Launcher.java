package dev.chunkwise.cli.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an unpacked distribution's bin/chunkwise as a user would on a machine with only a JDK: a clean environment
 * with {@code PATH=/usr/bin:/bin}, its own home and cache directory, {@code JAVA} set, and {@code MVN} naming no
 * program (so that a build attempt would fail the run).
 */
final class Launcher {

    private final Path dist;
    private final Path work;
    private final Map<String, String> env = new LinkedHashMap<>();

    /** A launcher of the distribution unpacked at {@code dist}, run in {@code work} with {@code java}. */
    Launcher(Path dist, Path work, Path java) throws IOException {
        this.dist = dist;
        this.work = work;
        Path home = Files.createDirectories(work.resolve("home"));
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("XDG_CACHE_HOME", work.resolve("cache").toString());
        env.put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
        env.put("JAVA", java.toString());
        env.put("MVN", "/nonexistent/mvn");
    }

    /** Sets an environment variable for the next runs; null removes it. */
    Launcher with(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    Path cache() {
        return Path.of(env.get("XDG_CACHE_HOME"));
    }

    Path archives() {
        return cache().resolve("chunkwise").resolve("archives");
    }

    /** Runs {@code bin/chunkwise args...} in the work directory and waits for it. */
    Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(dist.resolve("bin").resolve("chunkwise").toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("bin/chunkwise " + String.join(" ", args) + " did not end within 5 minutes; stderr: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        Run run = new Run(String.join(" ", args), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    /** What one run printed and how it ended. */
    record Run(String args, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "bin/chunkwise " + args + " exited " + exitCode + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }
}
