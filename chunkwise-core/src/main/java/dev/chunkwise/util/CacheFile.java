package dev.chunkwise.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Properties;

/**
 * A small properties file in the user's cache (the calibration, the file rates), read only when it can do no harm: a
 * regular file (a symbolic link to one is followed; to a device, a FIFO or a directory it is not opened), of at most
 * {@value #MAX_BYTES} bytes (no more is ever read), in UTF-8, in the {@link Properties} format; and written whole, to
 * a temporary file moved over it. Whoever reads one checks its values and calls {@link #ignoredNote} for one that is
 * wrong; a file that is wrong in any way is ignored whole and written again.
 */
public final class CacheFile {

    /** The system property that puts the cache in another directory (tests use it to leave the user's alone). */
    public static final String DIRECTORY = "chunkwise.cacheDir";

    /** The largest cache file that is read: the figures take a few hundred bytes. */
    public static final int MAX_BYTES = 64 * 1024;

    private CacheFile() {
    }

    /**
     * Returns chunkwise's directory in the user's cache: the system property {@value #DIRECTORY} if set, else
     * {@code $XDG_CACHE_HOME/chunkwise}, else {@code ~/.cache/chunkwise}; empty if there is no home to put it in.
     * It may not exist yet.
     */
    public static Optional<Path> directory() {
        String own = System.getProperty(DIRECTORY);
        if (own != null && !own.isBlank()) {
            return Optional.of(Path.of(own));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(Path.of(xdg, "chunkwise"));
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && !home.equals("?")) {
            return Optional.of(Path.of(home, ".cache", "chunkwise"));
        }
        return Optional.empty();
    }

    /** A cache file that exists but cannot be used, with what is wrong with it. */
    public static final class Unusable extends Exception {
        /** Makes one whose message says what is wrong, such as {@code "measuredAt is in the future"}. */
        public Unusable(String whatIsWrong) {
            super(whatIsWrong, null, false, false);
        }
    }

    /**
     * Returns the properties in {@code file}, or empty if there is no such file.
     *
     * @throws Unusable saying what is wrong if it is not a regular file, is larger than {@value #MAX_BYTES} bytes, is
     *                  not UTF-8, is not in the properties format, or cannot be read
     */
    public static Optional<Properties> read(Path file) throws Unusable {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // no cache yet (or a symbolic link to nothing, which writing replaces)
        } catch (IOException e) {
            if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
                return Optional.empty(); // no cache directory (a file where it would be): nothing cached, nothing to say
            }
            throw new Unusable("cannot be read: " + reason(e));
        }
        if (!attributes.isRegularFile()) {
            throw new Unusable(notRegular(file, attributes));
        }
        if (attributes.size() > MAX_BYTES) {
            throw new Unusable("is " + attributes.size() + " bytes, more than the " + MAX_BYTES + " a cache file may have");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new Unusable("cannot be read: " + reason(e));
        }
        if (bytes.length > MAX_BYTES) {
            throw new Unusable("is more than the " + MAX_BYTES + " bytes a cache file may have");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Unusable("is not text (not UTF-8)");
        }
        if (text.indexOf('\0') >= 0) {
            throw new Unusable("is not text (it holds NUL bytes)");
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new Unusable("is not a properties file: " + e.getMessage());
        }
        return Optional.of(p);
    }

    /**
     * Writes {@code properties} to {@code file} whole: to a temporary file beside it, then moved over it (replacing a
     * symbolic link, not what it points to). Returns false, leaving the file as it was, if that cannot be done.
     */
    public static boolean write(Path file, Properties properties, String comment) {
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try (Writer w = Files.newBufferedWriter(temp)) {
                properties.store(w, comment);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Nothing more to do.
                }
            }
            return false;
        }
    }

    /** Returns the line that says {@code file} was ignored and why, and what happens instead ({@code then}). */
    public static String ignoredNote(Path file, String whatIsWrong, String then) {
        return "note: ignored " + file + ": " + whatIsWrong + "; " + then;
    }

    private static String notRegular(Path file, BasicFileAttributes attributes) {
        String kind = attributes.isDirectory() ? "a directory" : kindOfOther(file);
        if (Files.isSymbolicLink(file)) {
            String target;
            try {
                target = Files.readSymbolicLink(file).toString();
            } catch (IOException e) {
                target = "?";
            }
            return "is a symbolic link to " + target + ", which is " + kind + ", not a regular file";
        }
        return "is " + kind + ", not a regular file";
    }

    /** Names a file that is neither regular nor a directory, from its Unix mode where the platform gives it. */
    private static String kindOfOther(Path file) {
        int type;
        try {
            type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
        } catch (IOException | RuntimeException e) {
            type = 0; // no "unix" attribute view here
        }
        return switch (type) {
            case 0010000 -> "a FIFO";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0140000 -> "a socket";
            default -> "a device, FIFO or socket";
        };
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
