package dev.chunkwise.process;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.Task;
import dev.chunkwise.util.CacheFile;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker processes' class archive, from its making to its end, with real worker JVMs on a class path of real
 * jars (chunkwise's classes jarred at test time, and DFLib's jar): made by the first pool, mapped by the next
 * (the JVM's class-loading log says where each class came from), made anew when a jar changes, and ignored, with
 * every result still right, when it is garbage, another class path's, or not a file.
 */
class WorkerArchive_LifecycleTest {

    /** The function the workers run: a class in the jar, so that a worker can load it. */
    static final class Square implements Task<Integer, Integer> {
        @Override
        public Integer call(Integer x) {
            return x * x;
        }
    }

    private static final List<Integer> ITEMS = List.of(1, 2, 3, 4, 5);
    private static final List<Integer> SQUARES = List.of(1, 4, 9, 16, 25);

    @TempDir
    static Path jars;

    private static Path chunkwiseJar;
    private static Path dflibJar;

    @TempDir
    Path cache;

    private String cacheBefore;

    @BeforeAll
    static void jarTheClasses() throws Exception {
        chunkwiseJar = jars.resolve("chunkwise-core-under-test.jar");
        Path classes = location(WorkerMain.class);
        Path tests = location(Square.class);
        try (OutputStream out = Files.newOutputStream(chunkwiseJar); JarOutputStream jar = new JarOutputStream(out)) {
            addTree(jar, classes);
            String square = Square.class.getName().replace('.', '/') + ".class";
            add(jar, square, Files.readAllBytes(tests.resolve(square)));
        }
        dflibJar = location(DataFrame.class);
        assertThat(dflibJar.toString()).endsWith(".jar");
    }

    @BeforeEach
    void ownCache() {
        cacheBefore = System.getProperty(CacheFile.DIRECTORY);
        System.setProperty(CacheFile.DIRECTORY, cache.toString());
    }

    @AfterEach
    void userCache() {
        if (cacheBefore == null) {
            System.clearProperty(CacheFile.DIRECTORY);
        } else {
            System.setProperty(CacheFile.DIRECTORY, cacheBefore);
        }
    }

    @Test
    void firstPool_recordsTheArchive_andTheNextPoolsWorkersMapIt() throws Exception {
        assertThat(mapOnce()).isEqualTo(SQUARES);
        List<Path> made = archives();
        assertThat(made).hasSize(1);
        assertThat(WorkerArchive.isDynamicArchive(made.get(0))).isTrue();
        assertThat(leftovers()).isEmpty();

        Path logs = Files.createDirectory(cache.resolve("logs"));
        assertThat(mapOnce("-Xlog:class+load=info:file=" + logs + "/load-%p.log")).isEqualTo(SQUARES);
        List<Path> workerLogs = list(logs);
        assertThat(workerLogs).hasSize(2);
        for (Path log : workerLogs) {
            assertThat(sourceOf(log, WorkerMain.class.getName())).contains("shared objects file (top)");
        }
        assertThat(archives()).isEqualTo(made);
    }

    @Test
    void aRebuiltJar_getsAnArchiveOfItsOwn() throws Exception {
        mapOnce();
        List<Path> first = archives();
        Path copy = jars.resolve("dflib-copy.jar");
        Files.copy(dflibJar, copy);
        try {
            Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
            assertThat(mapOn(chunkwiseJar, copy)).isEqualTo(SQUARES);
            List<Path> both = archives();
            assertThat(both).hasSize(2).containsAll(first);

            Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis()));
            assertThat(mapOn(chunkwiseJar, copy)).isEqualTo(SQUARES);
            assertThat(archives()).hasSize(3).containsAll(both);
        } finally {
            Files.delete(copy);
        }
    }

    @Test
    void garbageInPlaceOfTheArchive_isReplacedByAGoodOne() throws Exception {
        mapOnce();
        Path archive = archives().get(0);
        byte[] garbage = new byte[200_000];
        new Random(7).nextBytes(garbage);
        Files.write(archive, garbage);

        assertThat(mapOnce()).isEqualTo(SQUARES);
        assertThat(WorkerArchive.isDynamicArchive(archive)).isTrue();
        assertThat(mapOnce()).isEqualTo(SQUARES);
    }

    @Test
    void anotherClassPathsArchive_isRefusedWithANote_andNotMadeAgain() throws Exception {
        Path copy = jars.resolve("dflib-other.jar");
        Files.copy(dflibJar, copy);
        try {
            mapOn(chunkwiseJar, copy);
            Path foreign = archives().get(0);
            mapOnce();
            Path own = archives().stream().filter(p -> !p.equals(foreign)).findFirst().orElseThrow();
            Files.copy(foreign, own, StandardCopyOption.REPLACE_EXISTING);

            String err = stderrOf(() -> assertThat(mapOnce()).isEqualTo(SQUARES));
            assertThat(err).contains("chunkwise: note: the worker processes' class archive " + own
                    + " could not be used (").contains("it was removed, and workers start without it");
            assertThat(own).doesNotExist();
            assertThat(own.resolveSibling(own.getFileName() + ".refused")).exists();

            assertThat(stderrOf(() -> assertThat(mapOnce()).isEqualTo(SQUARES))).doesNotContain("class archive");
            assertThat(own).doesNotExist();
        } finally {
            Files.delete(copy);
        }
    }

    @Test
    void aDirectoryWhereTheArchiveGoes_isLeftAlone() throws Exception {
        mapOnce();
        Path archive = archives().get(0);
        Files.delete(archive);
        Files.createDirectory(archive);

        assertThat(mapOnce()).isEqualTo(SQUARES);
        assertThat(archive).isDirectory();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void turnedOff_noArchiveIsMade() throws Exception {
        System.setProperty(WorkerArchive.PROPERTY, "off");
        try {
            assertThat(mapOnce()).isEqualTo(SQUARES);
        } finally {
            System.clearProperty(WorkerArchive.PROPERTY);
        }
        assertThat(cache.resolve("archives")).doesNotExist();
    }

    @Test
    void workerOptionsThatNameAnArchive_makeNone() throws Exception {
        assertThat(mapOnce("-Xshare:auto")).isEqualTo(SQUARES);
        assertThat(cache.resolve("archives")).doesNotExist();
    }

    @Test
    void aClassPathWithADirectory_makesNone() throws Exception {
        WorkerOptions options = WorkerOptions.defaults().withClassPath(
                WorkerClassPath.of(List.of(chunkwiseJar, dflibJar, location(Square.class))));
        assertThat(WorkerArchive.archiveOf(options)).isEmpty();
        assertThat(WorkerArchive.archiveOf(WorkerOptions.defaults().withClassPath(
                WorkerClassPath.of(List.of(chunkwiseJar, dflibJar))))).isPresent();
    }

    @Test
    void aRecord_becomesTheArchiveOnlyAfterANormalExit() throws Exception {
        WorkerOptions options = WorkerOptions.defaults().withClassPath(WorkerClassPath.of(List.of(chunkwiseJar, dflibJar)));
        Path privateDir = Files.createDirectory(cache.resolve("private"));

        WorkerArchive.Use failed = WorkerArchive.forWorker(options, privateDir);
        assertThat(failed.kind()).isEqualTo(WorkerArchive.Kind.RECORD);
        assertThat(WorkerArchive.forWorker(options, privateDir).kind())
                .as("a second worker while one records").isEqualTo(WorkerArchive.Kind.NONE);
        Path record = recordOf(failed);
        writeDynamicArchiveHeader(record);
        failed.ended(42);
        assertThat(record).doesNotExist();
        assertThat(archives()).isEmpty();

        WorkerArchive.Use good = WorkerArchive.forWorker(options, privateDir);
        assertThat(good.kind()).isEqualTo(WorkerArchive.Kind.RECORD);
        Path goodRecord = recordOf(good);
        Files.writeString(goodRecord, "not an archive");
        good.ended(0);
        assertThat(archives()).as("a record that is not an archive").isEmpty();

        WorkerArchive.Use last = WorkerArchive.forWorker(options, privateDir);
        writeDynamicArchiveHeader(recordOf(last));
        last.ended(0);
        last.ended(0);
        assertThat(archives()).hasSize(1);
        assertThat(leftovers()).isEmpty();
        assertThat(WorkerArchive.forWorker(options, privateDir).kind()).isEqualTo(WorkerArchive.Kind.MAP);
    }

    @Test
    void aFifthArchive_deletesTheOldest() throws Exception {
        Path privateDir = Files.createDirectory(cache.resolve("private"));
        List<Path> made = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            WorkerOptions options = new WorkerOptions(List.of("-Dkey=" + i), Map.of(), null, Duration.ofSeconds(30),
                    WorkerClassPath.of(List.of(chunkwiseJar, dflibJar)));
            WorkerArchive.Use use = WorkerArchive.forWorker(options, privateDir);
            Path record = recordOf(use);
            writeDynamicArchiveHeader(record);
            Files.setLastModifiedTime(record, FileTime.fromMillis(1_000_000_000_000L + i * 1000L));
            use.ended(0);
            made.add(WorkerArchive.archiveOf(options).orElseThrow());
        }
        assertThat(archives()).containsExactlyInAnyOrderElementsOf(made.subList(1, 5));
    }

    @Test
    void aRecordLeftByADeadCaller_isDeleted() throws Exception {
        WorkerOptions options = WorkerOptions.defaults().withClassPath(WorkerClassPath.of(List.of(chunkwiseJar, dflibJar)));
        Path archive = WorkerArchive.archiveOf(options).orElseThrow();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path stale = archive.resolveSibling(archive.getFileName() + ".rec-" + dead.pid() + "-1");
        Path live = archive.resolveSibling(archive.getFileName() + ".rec-" + ProcessHandle.current().pid() + "-999999");
        Files.writeString(stale, "left by a caller that died while its worker recorded");
        Files.writeString(live, "being recorded now");

        WorkerArchive.Use use = WorkerArchive.forWorker(options, Files.createDirectory(cache.resolve("private")));
        try {
            assertThat(stale).doesNotExist();
            assertThat(live).exists();
        } finally {
            use.ended(1);
            Files.delete(live);
        }
    }

    private static List<Integer> mapOnce(String... jvmOptions) {
        try (Pool pool = ProcessPool.builder().workers(2).classPath(chunkwiseJar, dflibJar).jvmOptions(jvmOptions).build()) {
            return pool.map(new Square(), ITEMS);
        }
    }

    private static List<Integer> mapOn(Path... classPath) {
        try (Pool pool = ProcessPool.builder().workers(2).classPath(classPath).build()) {
            return pool.map(new Square(), ITEMS);
        }
    }

    private List<Path> archives() throws IOException {
        Path dir = cache.resolve("archives");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        return list(dir).stream().filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
    }

    private List<Path> leftovers() throws IOException {
        Path dir = cache.resolve("archives");
        return !Files.isDirectory(dir) ? List.of()
                : list(dir).stream().filter(p -> p.getFileName().toString().contains(".rec-")).toList();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static Path recordOf(WorkerArchive.Use use) {
        String option = use.jvmOptions().get(0);
        assertThat(option).startsWith("-XX:ArchiveClassesAtExit=");
        return Path.of(option.substring("-XX:ArchiveClassesAtExit=".length()));
    }

    private static void writeDynamicArchiveHeader(Path file) throws IOException {
        Files.write(file, ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putInt(0xf00baba8).array());
    }

    /** Returns what the class-loading log says of where {@code className} came from. */
    private static String sourceOf(Path log, String className) throws IOException {
        for (String line : Files.readAllLines(log)) {
            if (line.contains(" " + className + " source: ")) {
                return line.substring(line.indexOf(" source: ") + 9);
            }
        }
        return "(not loaded)";
    }

    private static String stderrOf(Runnable r) {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(before);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void addTree(JarOutputStream jar, Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path f : files) {
            add(jar, root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
        }
    }

    private static void add(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }
}
