package dev.chunkwise.cli.csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A test main that opens a {@link SafeOutput} on its first argument, writes to it, makes a scratch file, prints
 * {@code open <temporary file>} and then, as its second argument says, blocks ({@code block}) or calls
 * {@code System.exit(3)} from {@link #quit()} ({@code exit}).
 */
public final class HoldOutput {

    public static void main(String[] args) throws Exception {
        SafeOutput out = SafeOutput.open(Path.of(args[0]));
        out.stream().write("partial data\n".getBytes(StandardCharsets.UTF_8));
        out.stream().flush();
        out.scratchFile("group-0.parquet");
        System.out.println("open " + out.temporaryFile());
        System.out.flush();
        if (args[1].equals("exit")) {
            quit();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    static void quit() {
        System.exit(3);
    }
}
