package dev.chunkwise.cli.csv;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of an output's temporary files: {@code .out.csv.chunkwise-<pid>-<random>.} followed by {@value #LOCK}
 * (the {@link OwnerLock}), {@value #PARTIAL} (the output being written) or a writer's scratch name. The prefix marks
 * every file of one output, so that a later run can recognise them all; the pid is for people reading a listing (it
 * decides nothing: a pid is reused, and means another process in another pid namespace).
 */
final class TempNames {

    /** The suffix of the lock file. */
    static final String LOCK = "lock";
    /** The suffix of the output being written. */
    static final String PARTIAL = "partial";

    /** The target's name is cut to this many bytes of UTF-8 in the prefix, so that names stay under 255 bytes. */
    private static final int MAX_TARGET_BYTES = 120;
    private static final Pattern FILE = Pattern.compile("(\\..*\\.chunkwise-[0-9]+-[0-9a-f]{12}\\.)(.+)", Pattern.DOTALL);

    private TempNames() {
    }

    /** Returns a new prefix for the temporary files of a target named {@code targetName}. */
    static String newPrefix(String targetName) {
        String hex = String.format("%012x", ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL);
        return "." + shortened(targetName) + ".chunkwise-" + ProcessHandle.current().pid() + "-" + hex + ".";
    }

    /** Returns the prefix of {@code fileName} if it is the name of an output's temporary file. */
    static Optional<String> prefixOf(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String shortened(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_TARGET_BYTES) {
            return name;
        }
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > MAX_TARGET_BYTES) {
                break;
            }
            sb.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
