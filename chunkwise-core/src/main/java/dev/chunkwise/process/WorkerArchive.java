package dev.chunkwise.process;

import dev.chunkwise.util.CacheFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A class-data-sharing archive of the workers' classes, so that worker JVMs start sooner: recorded by one worker of
 * the first pool to need it, when that worker exits, and mapped by the workers started after that.
 *
 * <p>One archive is kept per class path, JVM and JVM options, in {@code archives/} of chunkwise's cache directory
 * ({@link CacheFile#directory()}; a directory only its user may write, made with mode 700), named by a digest of the class path's
 * jars (path, size, time), of the JVM (its home, version, {@code libjvm} and default archive) and of the options: a
 * rebuilt jar or another JDK gives another name, and so a new archive. It is made in steps that cannot harm a run:
 * <ol>
 *   <li>No archive: one worker at a time (in this JVM) is started with {@code -XX:ArchiveClassesAtExit} to a record
 *       file of its own. The JVM writes the record as it exits, which makes that worker's exit slower once.</li>
 *   <li>A worker that exited normally leaves a whole record: it is checked (a dynamic archive's header) and moved into
 *       place as the archive, atomically. A record of a worker that was killed or failed is deleted.</li>
 *   <li>An archive: each worker maps it ({@code -XX:SharedArchiveFile}), its JVM's messages about it going to a log
 *       file in the pool's private directory, never to the output. A JVM that could not use it (it says why in that
 *       log) ran without it: the archive is deleted, marked refused so that it is not recorded again for the same
 *       name, and a note says so on standard error. A worker that does not start with it is started again
 *       without it, the same way.</li>
 * </ol>
 * No archive is made or used when the system property {@value #PROPERTY} is {@code off}, when the workers' JVM
 * options already name an archive or an agent, when the class path holds anything but existing jars (the JVM
 * archives classes from jars only), when the JVM has no default archive (not HotSpot, or built without), or when
 * there is no cache directory to keep it in.
 */
final class WorkerArchive {

    /** The system property that turns worker archives off: {@code -Dchunkwise.workerArchive=off}. */
    static final String PROPERTY = "chunkwise.workerArchive";

    /** Options that make an archive of ours unusable, or that would be disturbed by one. */
    private static final List<String> CLASHING_OPTIONS = List.of("-Xshare", "-XX:SharedArchiveFile",
            "-XX:ArchiveClassesAtExit", "-XX:+AutoCreateSharedArchive", "-XX:SharedClassListFile",
            "-XX:DumpLoadedClassList", "-XX:AOT", "-XX:+AOT", "-XX:-AOT", "-javaagent", "-agentlib", "-agentpath");

    /** The first four bytes of a dynamic CDS archive, little-endian (HotSpot's CDS_DYNAMIC_ARCHIVE_MAGIC). */
    private static final int DYNAMIC_MAGIC = 0xf00baba8;

    /** The characters a path may have to be given to {@code -Xlog} and the archive options, which cannot quote. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._/+@~-]+");

    private static final Pattern RECORD = Pattern.compile(".*\\.rec-(\\d+)-\\d+");

    private static final Pattern ARCHIVE = Pattern.compile("worker-jdk\\d+-[0-9a-f]+\\.jsa");

    /** How many worker archives are kept: one per class path and JVM in use, a few at a time. */
    private static final int KEPT = 4;

    /** The archives that a worker of this JVM records now: one recorder at a time for each. */
    private static final Set<Path> RECORDING = ConcurrentHashMap.newKeySet();

    /** The archives refused in this JVM, so that it is said once. */
    private static final Set<Path> REFUSED = ConcurrentHashMap.newKeySet();

    private static final AtomicLong COUNTER = new AtomicLong();

    private WorkerArchive() {
    }

    /** What one worker does with the archive: nothing, map it, or record it. */
    enum Kind {
        NONE, MAP, RECORD
    }

    /** One worker's use of the archive, from its start to its end. */
    static final class Use {

        static final Use NONE = new Use(Kind.NONE, null, null);

        private final Kind kind;
        private final Path archive;
        /** The record file when recording, the JVM's log about the archive when mapping. */
        private final Path file;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Use(Kind kind, Path archive, Path file) {
            this.kind = kind;
            this.archive = archive;
            this.file = file;
        }

        Kind kind() {
            return kind;
        }

        /** Returns the JVM options that give the worker this use. */
        List<String> jvmOptions() {
            return switch (kind) {
                case NONE -> List.of();
                case MAP -> List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off",
                        "-Xlog:cds*=warning:file=" + file + ":none");
                case RECORD -> List.of("-XX:ArchiveClassesAtExit=" + file, "-Xlog:cds*=off");
            };
        }

        /**
         * Called once the worker has connected: if its JVM could not map the archive (it logged why), deletes the
         * archive and marks it refused.
         */
        void started() {
            if (kind != Kind.MAP) {
                return;
            }
            String why = firstLine(file);
            if (!why.isEmpty()) {
                refused(why);
            }
        }

        /** Called when a worker that mapped the archive did not start: the archive is refused, as above. */
        void didNotStart(String why) {
            if (kind == Kind.MAP) {
                refused("a worker did not start with it: " + why);
            }
        }

        private void refused(String why) {
            if (!REFUSED.add(archive)) {
                return; // another worker of the same start found it first, and said so
            }
            try {
                Files.deleteIfExists(archive);
                Files.writeString(refusedMark(archive), why + System.lineSeparator());
            } catch (IOException ignored) {
                // Nothing more can be done: the next worker tries it again.
            }
            System.err.println("chunkwise: note: the worker processes' class archive " + archive + " could not be used ("
                    + why + "); it was removed, and workers start without it");
        }

        /**
         * Called once the worker has ended with {@code exitCode}: a record that a normal exit wrote whole becomes the
         * archive; any other is deleted. Only the first call counts.
         */
        void ended(int exitCode) {
            if (kind != Kind.RECORD || !ended.compareAndSet(false, true)) {
                return;
            }
            try {
                if (exitCode == 0 && isDynamicArchive(file)) {
                    Files.move(file, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    deleteAllButTheNewest(archive.getParent());
                }
            } catch (IOException ignored) {
                // Not kept: a later pool records again.
            } finally {
                deleteQuietly(file);
                RECORDING.remove(archive);
            }
        }

        /** Returns whether the worker records the archive, and so takes longer to exit. */
        boolean recording() {
            return kind == Kind.RECORD;
        }
    }

    /**
     * Returns how the next worker started with {@code options} uses the archive of its class path, JVM and options;
     * {@link Use#NONE} when there can be none.
     */
    static Use forWorker(WorkerOptions options, Path privateDir) {
        if ("off".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            return Use.NONE;
        }
        for (String o : options.jvmOptions()) {
            for (String c : CLASHING_OPTIONS) {
                if (o.startsWith(c)) {
                    return Use.NONE;
                }
            }
        }
        Optional<Path> archive = archiveOf(options);
        if (archive.isEmpty()) {
            return Use.NONE;
        }
        Path a = archive.get();
        if (Files.exists(refusedMark(a), LinkOption.NOFOLLOW_LINKS)) {
            return Use.NONE;
        }
        if (Files.isRegularFile(a, LinkOption.NOFOLLOW_LINKS)) {
            if (isDynamicArchive(a)) {
                Path log = privateDir.resolve("archive-" + COUNTER.incrementAndGet() + ".log");
                return SAFE_PATH.matcher(log.toString()).matches() ? new Use(Kind.MAP, a, log) : Use.NONE;
            }
            deleteQuietly(a); // not an archive (the JVM would ignore it silently): recorded again
        }
        if (Files.exists(a, LinkOption.NOFOLLOW_LINKS) || !RECORDING.add(a)) {
            return Use.NONE; // something else in its place, or being recorded by another worker
        }
        deleteRecordsOfDeadCallers(a.getParent());
        Path record = a.resolveSibling(a.getFileName() + ".rec-" + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet());
        return new Use(Kind.RECORD, a, record);
    }

    /** Returns where the archive for workers started with {@code options} is kept, or empty if there can be none. */
    static Optional<Path> archiveOf(WorkerOptions options) {
        Path home = Path.of(System.getProperty("java.home"));
        Path server = home.resolve("lib").resolve("server");
        Path defaultArchive = server.resolve("classes.jsa");
        Optional<Path> cache = CacheFile.directory();
        if (!Files.isRegularFile(defaultArchive) || cache.isEmpty()) {
            return Optional.empty();
        }
        Digest digest = new Digest();
        add(digest, "chunkwise worker archive 1");
        add(digest, home.toString());
        add(digest, System.getProperty("java.vm.version", ""));
        try {
            addFile(digest, defaultArchive);
            for (Path jvm : List.of(server.resolve("libjvm.so"), server.resolve("libjvm.dylib"))) {
                if (Files.isRegularFile(jvm)) {
                    addFile(digest, jvm);
                }
            }
            for (String entry : options.classPath().entries()) {
                Path jar = Path.of(entry).toAbsolutePath();
                if (!jar.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
                    return Optional.empty();
                }
                addFile(digest, jar);
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        for (String o : options.jvmOptions()) {
            if (!o.startsWith("-Xlog")) { // logging does not change what an archive holds
                add(digest, o);
            }
        }
        Path dir = cache.get().resolve("archives").toAbsolutePath();
        if (!SAFE_PATH.matcher(dir.toString()).matches() || !ownDirectory(dir)) {
            return Optional.empty();
        }
        String key = digest.hex();
        return Optional.of(dir.resolve("worker-jdk" + Runtime.version().feature() + "-" + key + ".jsa"));
    }

    /** Makes {@code dir} (mode 700) if it is missing; returns whether it is a directory of this user's, not a link. */
    private static boolean ownDirectory(Path dir) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectory(dir);
                }
            }
            // A directory this user may write and no one else may: this user's (or root's), as bin/chunkwise makes it.
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(dir)) {
                return false;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            return !mode.contains(PosixFilePermission.GROUP_WRITE) && !mode.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Returns whether {@code file} is a regular file that begins as a dynamic CDS archive. */
    static boolean isDynamicArchive(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt() == DYNAMIC_MAGIC;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the records beside the archives whose caller has died: one that died while its worker recorded. */
    private static void deleteRecordsOfDeadCallers(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.rec-*")) {
            for (Path f : files) {
                Matcher m = RECORD.matcher(f.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                    deleteQuietly(f);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Left for the next one.
        }
    }

    /**
     * Deletes the worker archives beyond the {@value #KEPT} newest, with their marks: each rebuilt jar or new JDK
     * gives a new one, and the old ones would pile up.
     */
    private static void deleteAllButTheNewest(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> archives = files.filter(f -> ARCHIVE.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(WorkerArchive::modified).reversed()).toList();
            for (Path old : archives.subList(Math.min(KEPT, archives.size()), archives.size())) {
                deleteQuietly(old);
                deleteQuietly(refusedMark(old));
            }
        } catch (IOException | RuntimeException ignored) {
            // Left for the next one.
        }
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static Path refusedMark(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".refused");
    }

    private static String firstLine(Path file) {
        try {
            if (Files.size(file) == 0) {
                return "";
            }
            try (InputStream in = Files.newInputStream(file)) {
                String text = new String(in.readNBytes(400), StandardCharsets.UTF_8).strip();
                int end = text.indexOf('\n');
                return end < 0 ? text : text.substring(0, end).strip();
            }
        } catch (IOException e) {
            return ""; // no log: the JVM had nothing to say
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // Nothing more to do.
        }
    }

    private static void add(Digest digest, String s) {
        digest.update(s.getBytes(StandardCharsets.UTF_8));
        digest.update(new byte[] {0});
    }

    private static void addFile(Digest digest, Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        add(digest, file + " " + a.size() + " " + a.lastModifiedTime().toMillis());
    }

    /**
     * A 96-bit digest (64-bit FNV-1a beside CRC-32) of what an archive depends on: its name need only differ when
     * that does, and a cryptographic digest would load the JDK's security providers on every pool's first start.
     */
    private static final class Digest {
        private final CRC32 crc = new CRC32();
        private long fnv = 0xcbf29ce484222325L;

        void update(byte[] bytes) {
            crc.update(bytes);
            for (byte b : bytes) {
                fnv = (fnv ^ (b & 0xff)) * 0x100000001b3L;
            }
        }

        String hex() {
            return String.format("%016x%08x", fnv, crc.getValue());
        }
    }
}
