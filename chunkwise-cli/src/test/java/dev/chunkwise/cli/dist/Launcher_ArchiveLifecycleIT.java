package dev.chunkwise.cli.dist;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class archive that bin/chunkwise keeps for each class path and JVM (a CDS archive on JDK 17-24, an AOT cache on
 * 25+), driven through the unpacked distribution with a fresh cache directory per test: recorded by a first run, made
 * and used by the second, used by the later ones, made anew after a jar changes, and ignored with a note, never
 * failing a run, when it is broken, not a file of the user's, or beside a log the JVM could not write. Each test runs
 * on this JVM (17) and on a JDK 25 when one is installed under /usr/lib/jvm (or named by -Dchunkwise.it.jdk25).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class Launcher_ArchiveLifecycleIT {

    @TempDir
    static Path tmp;
    static Path dist;

    @TempDir
    Path work;

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack(Files.createDirectories(tmp.resolve("unpacked")));
    }

    /** The JDKs to run on: this one, and a JDK 25 or newer if there is one. */
    static List<Path> jdks() throws IOException {
        List<Path> jdks = new ArrayList<>();
        jdks.add(Path.of(System.getProperty("java.home")));
        String named = System.getProperty("chunkwise.it.jdk25", "");
        if (!named.isBlank()) {
            jdks.add(Path.of(named));
        } else if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
            try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
                homes.filter(h -> feature(h) >= 25 && Files.isExecutable(h.resolve("bin/java")))
                        .sorted().findFirst().ifPresent(jdks::add);
            }
        }
        return jdks;
    }

    private static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String v = line.substring("JAVA_VERSION=\"".length());
                    return Integer.parseInt(v.substring(0, v.indexOf('.') < 0 ? v.indexOf('"') : v.indexOf('.')));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private Launcher launcher(Path jdk) throws IOException {
        return new Launcher(dist, work, jdk.resolve("bin/java"));
    }

    /** The files in the archive directory, by name. */
    private static List<String> files(Launcher l) throws IOException {
        if (!Files.isDirectory(l.archives())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(l.archives())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The archives themselves (not the files beside them). */
    private static List<Path> archives(Launcher l) throws IOException {
        return files(l).stream().filter(n -> n.endsWith(".cds") || n.endsWith(".aot")).map(l.archives()::resolve).toList();
    }

    private static Path onlyArchive(Launcher l) throws IOException {
        List<Path> a = archives(l);
        assertThat(a).as("archives in %s: %s", l.archives(), files(l)).hasSize(1);
        return a.get(0);
    }

    /** Runs {@code info} and checks that it printed its four lines, and nothing else on standard output. */
    private static Launcher.Run info(Launcher l) throws Exception {
        Launcher.Run run = l.run("info");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).as(run.toString()).hasSize(4).allMatch(line -> line.matches("(pid|parent pid|cpus|java): .*"));
        return run;
    }

    /** Runs {@code info} twice: the first records, the second makes the archive; returns it. */
    private static Path made(Launcher l) throws Exception {
        info(l);
        info(l);
        return onlyArchive(l);
    }

    /** Where the JVM loaded {@code dev.chunkwise.cli.Chunkwise} from, in a run of {@code info} (logging is not in the key). */
    private Path chunkwiseClassSourceLog(Launcher l) throws Exception {
        Path log = work.resolve("classes-" + System.nanoTime() + ".txt");
        l.with("CHUNKWISE_OPTS", "-Xlog:class+load:file=" + log);
        try {
            info(l);
        } finally {
            l.with("CHUNKWISE_OPTS", null);
        }
        return log;
    }

    private String chunkwiseClassSource(Launcher l) throws Exception {
        return Files.readAllLines(chunkwiseClassSourceLog(l)).stream()
                .filter(line -> line.contains(" dev.chunkwise.cli.Chunkwise source: ")).findFirst().orElse("(not loaded)");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void firstRun_records_secondMakesTheArchive_laterRunsUseIt(Path jdk) throws Exception {
        Launcher l = launcher(jdk);

        Launcher.Run first = info(l);
        List<String> afterFirst = files(l);
        Launcher.Run second = info(l);
        Path archive = onlyArchive(l);
        String source = chunkwiseClassSource(l);

        assertThat(first.err()).as(first.toString()).isEmpty();
        assertThat(second.err()).as(second.toString()).isEmpty();
        assertThat(afterFirst).as("after the first run").anyMatch(n -> n.matches(".*\\.(cds|aot)\\.rec\\.\\d+"))
                .noneMatch(n -> n.endsWith(".cds") || n.endsWith(".aot"));
        assertThat(archive.getFileName().toString()).startsWith("core-info-jdk" + feature(jdk) + "-")
                .endsWith(feature(jdk) >= 25 ? ".aot" : ".cds");
        assertThat(files(l)).noneMatch(n -> n.matches(".*\\.rec\\.\\d+"));
        assertThat(Files.getPosixFilePermissions(l.archives())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(l.archives().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(source).contains("shared objects file");
        assertThat(Path.of(archive + ".log")).isEmptyFile();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aJarThatChanges_getsANewArchive(Path jdk) throws Exception {
        Launcher l = launcher(jdk);
        Path before = made(l);
        Path jar = dist.resolve("lib/core/picocli-4.7.7.jar");
        assertThat(jar).isRegularFile();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 3_600_000));

        info(l);
        info(l);
        String source = chunkwiseClassSource(l);

        List<Path> after = archives(l);
        assertThat(after).as(files(l).toString()).hasSize(2).contains(before);
        assertThat(source).contains("shared objects file");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aBrokenArchive_isIgnoredByTheJvm_thenReplaced(Path jdk) throws Exception {
        Launcher l = launcher(jdk);
        Path archive = made(l);
        Files.setPosixFilePermissions(archive, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Files.write(archive, "not an archive at all: these bytes are a test's".repeat(100).getBytes());

        // JDK 17-24 say nothing about an archive they cannot use, so bin/chunkwise checks its header before the run;
        // JDK 25 says why in the archive's log, which the next run reads: either way one run notes it and records.
        List<Launcher.Run> runs = List.of(info(l), info(l), info(l));
        String source = chunkwiseClassSource(l);

        String notes = runs.stream().map(Launcher.Run::err).collect(Collectors.joining());
        assertThat(notes).as(runs.toString()).startsWith("chunkwise: note: the class archive " + archive + " could not be used (")
                .endsWith("); recording a new one\n").hasLineCount(1);
        assertThat(onlyArchive(l)).isEqualTo(archive);
        assertThat(Files.readString(archive, StandardCharsets.ISO_8859_1)).doesNotContain("these bytes are a test's");
        assertThat(source).contains("shared objects file");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void anArchiveThatIsADirectory_isIgnoredWithANote(Path jdk) throws Exception {
        Launcher l = launcher(jdk);
        Path archive = made(l);
        Files.delete(archive);
        Files.createDirectory(archive);

        Launcher.Run run = info(l);

        assertThat(run.err()).as(run.toString()).isEqualTo("chunkwise: note: ignoring the class archive " + archive
                + ": it is not a file of yours that you can read (delete it, and a later run makes a new one)\n");
        assertThat(archive).isDirectory();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void anArchiveOfAnotherUser_orUnreadable_isIgnoredWithANote(Path jdk) throws Exception {
        Launcher l = launcher(jdk);
        Path archive = made(l);
        if (isRoot()) {
            Files.setAttribute(archive, "unix:uid", 65534);   // nobody: root reads any file, but must not trust this one
        } else {
            Files.setPosixFilePermissions(archive, Set.of());
        }

        Launcher.Run run = info(l);

        assertThat(run.err()).as(run.toString()).startsWith("chunkwise: note: ignoring the class archive " + archive + ":");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void anArchiveDirectoryOfAnotherUser_isIgnoredWithANote(Path jdk) throws Exception {
        Launcher l = launcher(jdk);
        Files.createDirectories(l.archives());
        if (isRoot()) {
            Files.setAttribute(l.archives(), "unix:uid", 65534);
        } else {
            Files.setPosixFilePermissions(l.archives(), PosixFilePermissions.fromString("r-x------"));
        }

        Launcher.Run run = info(l);

        assertThat(run.err()).as(run.toString()).isEqualTo("chunkwise: note: ignoring the class archive directory "
                + l.archives() + ": it is not a directory of yours that you can write\n");
        assertThat(files(l)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aLogThatTheJvmCouldNotOpen_isIgnoredWithANote_insteadOfStoppingTheJvm(Path jdk) throws Exception {
        Launcher l = launcher(jdk);
        Path archive = made(l);
        Files.delete(Path.of(archive + ".log"));
        Files.createDirectory(Path.of(archive + ".log"));

        Launcher.Run run = info(l);

        assertThat(run.err()).as(run.toString()).startsWith("chunkwise: note: ignoring the class archive " + archive
                + ": a log file beside it");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void afterThreeRecordsWithoutAUsableArchive_itStopsTryingWithANote(Path jdk) throws Exception {
        Launcher l = launcher(jdk);
        Path archive = made(l);
        Files.delete(archive);
        Files.writeString(Path.of(archive + ".tries"), "3\n");   // as after three records whose archives were not used

        Launcher.Run givingUp = info(l);
        Launcher.Run after = info(l);

        assertThat(givingUp.err()).as(givingUp.toString()).isEqualTo("chunkwise: note: no class archive made for this JVM "
                + "could be used (see " + archive + ".create.log); running without one from now on (delete " + archive
                + ".failed to try again)\n");
        assertThat(Path.of(archive + ".failed")).exists();
        assertThat(after.err()).as(after.toString()).isEmpty();
        assertThat(files(l)).noneMatch(n -> n.matches(".*\\.rec\\.\\d+"));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void optionsThatConflictWithAnArchive_turnItOff(Path jdk) throws Exception {
        Launcher l = launcher(jdk).with("CHUNKWISE_OPTS", "-Xshare:off");

        Launcher.Run first = info(l);
        Launcher.Run second = info(l);

        assertThat(first.err() + second.err()).isEmpty();
        assertThat(files(l)).isEmpty();
    }

    @Test
    void off_makesNoArchive() throws Exception {
        Launcher l = new Launcher(dist, work, Path.of(System.getProperty("java.home"), "bin", "java"))
                .with("CHUNKWISE_ARCHIVE", "off");

        info(l);
        info(l);

        assertThat(l.archives()).doesNotExist();
    }

    @Test
    void anUnknownSetting_isNamedInANote_andTheRunGoesOn() throws Exception {
        Launcher l = new Launcher(dist, work, Path.of(System.getProperty("java.home"), "bin", "java"))
                .with("CHUNKWISE_ARCHIVE", "always");

        Launcher.Run run = info(l);

        assertThat(run.err()).isEqualTo("chunkwise: note: CHUNKWISE_ARCHIVE=always: unknown value (expected: auto or off); "
                + "running without a class archive\n");
        assertThat(l.archives()).doesNotExist();
    }

    /** Whether this process runs as root (who may read any file, so that unreadable must be shown another way). */
    private static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
