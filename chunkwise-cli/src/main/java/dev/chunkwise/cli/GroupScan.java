package dev.chunkwise.cli;

import dev.chunkwise.cli.ApplySettings.Source;
import dev.chunkwise.cli.csv.BlockKeys;
import dev.chunkwise.cli.csv.CsvFile;
import dev.chunkwise.cli.csv.CsvFormatException;
import dev.chunkwise.cli.csv.CsvReader;
import dev.chunkwise.cli.csv.CsvStream;
import dev.chunkwise.cli.csv.StreamTyping;
import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;
import dev.chunkwise.cli.work.LocalThreads;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pass of a streamed {@code --group-by} over a CSV input: the blocks of {@link CsvStream}, a window of them at a
 * time, each on a thread of its own, its rows grouped by their keys' bytes ({@link BlockKeys}) and reduced to partial
 * aggregates ({@link GroupTotals#ofBlock}); then, in file order on the calling thread, each block's census added
 * ({@link StreamTyping}) and its groups merged into the file's, new keys numbered in order of first appearance. Memory
 * is bounded by the window of blocks and the number of groups, not by the rows.
 *
 * <p>A block whose key does not fit its {@code --type}, or whose column an aggregate reads holds text, is counted but
 * not reduced: the types of the whole file then fail the run as the whole-file path does, naming file, line, column
 * and value ({@link #types}), or {@link GroupJob#checkNumbers} says the column is text.
 */
final class GroupScan implements AutoCloseable {

    private final InputStream in;
    private final CsvStream stream;
    private final String name;
    private final int blockBytes;

    /** What a block's task gives back: its census, and its groups and their partial aggregates (null: not reduced). */
    private record Done(StreamTyping.Part part, BlockKeys keys, GroupTotals totals) {
    }

    /** The columns a pass types and reduces. */
    record Columns(int[] typed, ColumnType[] forced, String[] readers, int keys, GroupTotals.Kind[] kinds,
                   int[] slots) {
    }

    /** The time the tasks spent, summed over the threads, and on the calling thread. */
    static final class Times {
        final AtomicLong scan = new AtomicLong();
        final AtomicLong group = new AtomicLong();
        long merge;
    }

    private StreamTyping typing;
    private final Map<List<Object>, Integer> groupIds = new HashMap<>();
    private final List<Object[]> keys = new ArrayList<>();
    private GroupTotals totals;
    private int blocks;
    private boolean unreduced;
    final Times times = new Times();

    private GroupScan(InputStream in, CsvStream stream, String name, int blockBytes) {
        this.in = in;
        this.stream = stream;
        this.name = name;
        this.blockBytes = blockBytes;
    }

    /**
     * Opens {@code source} (a file, or standard input) and reads its header.
     *
     * @throws CsvFormatException naming the file if it cannot be read
     */
    static GroupScan open(Source source, String name, int blockBytes) throws IOException {
        InputStream in = StreamedApply.open(source, name);
        try {
            return new GroupScan(in, CsvStream.open(in, name, source.charset(), source.dialect(), blockBytes), name,
                    blockBytes);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Returns the stream of blocks, for a pass that reads them itself. */
    CsvStream stream() {
        return stream;
    }

    /** Returns the reader of the first block: the header's columns and delimiter. */
    CsvReader header() {
        return stream.header();
    }

    /**
     * Reads every block and reduces it, on {@code io}'s threads, a window of {@link StreamedApply#window} blocks.
     *
     * @throws CsvFormatException naming the file and line of the first malformed row
     */
    void run(Columns c, LocalThreads io) {
        typing = new StreamTyping(name, stream.header().columns(), c.typed());
        totals = new GroupTotals(c.kinds());
        int[] keySlots = new int[c.keys()];
        ColumnType[] keyTypes = new ColumnType[c.keys()];
        for (int k = 0; k < keySlots.length; k++) {
            keySlots[k] = k;
            keyTypes[k] = c.forced()[k];
        }
        CsvReader header = stream.header();
        Deque<CompletableFuture<Done>> inFlight = new ArrayDeque<>();
        int window = StreamedApply.window(io.count());
        try {
            inFlight.add(CompletableFuture.supplyAsync(() -> reduce(header.read(c.typed(), Runnable::run, 1), c,
                    keySlots, keyTypes), io));
            blocks = 1;
            for (CsvStream.Block next = stream.next(); next != null; next = stream.next()) {
                CsvStream.Block b = next;
                while (inFlight.size() >= window) {
                    merge(inFlight.removeFirst().join());
                }
                inFlight.add(CompletableFuture.supplyAsync(() -> {
                    long s = System.nanoTime();
                    CsvFile f = b.read(c.typed());
                    times.scan.addAndGet(System.nanoTime() - s);
                    return reduce(f, c, keySlots, keyTypes);
                }, io));
                blocks++;
            }
            while (!inFlight.isEmpty()) {
                merge(inFlight.removeFirst().join());
            }
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Done reduce(CsvFile f, Columns c, int[] keySlots, ColumnType[] keyTypes) {
        long s = System.nanoTime();
        StreamTyping.Part part = StreamTyping.of(f, c.forced());
        BlockKeys k = BlockKeys.of(f, keySlots, keyTypes);
        GroupTotals t = k == null ? null : GroupTotals.ofBlock(c.kinds(), c.slots(), f, k);
        times.group.addAndGet(System.nanoTime() - s);
        return new Done(part, k, t);
    }

    private void merge(Done d) {
        long s = System.nanoTime();
        typing.add(d.part());
        if (d.keys() == null) {
            unreduced = true;
        } else {
            int[] globalOf = new int[d.keys().groups()];
            for (int g = 0; g < globalOf.length; g++) {
                Object[] key = d.keys().key(g);
                Integer id = groupIds.putIfAbsent(Arrays.asList(key), keys.size());
                if (id == null) {
                    globalOf[g] = keys.size();
                    keys.add(key);
                } else {
                    globalOf[g] = id;
                }
            }
            totals.add(d.totals(), globalOf);
        }
        times.merge += System.nanoTime() - s;
    }

    /**
     * Returns the type of each typed column and why, chosen from all the values as the whole-file path chooses them.
     *
     * @throws CsvFormatException naming the file, line, column and value for the first value
     *     that cannot be its column's type
     */
    List<TypeChoice> types(Columns c) {
        return types(c.forced(), c.readers());
    }

    /** As {@link #types(Columns)}, the columns typed as {@code forced} and {@code readers} say. */
    List<TypeChoice> types(ColumnType[] forced, String[] readers) {
        List<TypeChoice> choices = typing.choices(forced, readers);
        if (unreduced) {
            // Only a key that does not fit its --type leaves a block unreduced, and that is a misfit the census names.
            throw new IllegalStateException("a block of " + name + " was not reduced, but its values fit their types");
        }
        return choices;
    }

    /** Returns the group number of each key (its values, one per key column), in order of first appearance. */
    Map<List<Object>, Integer> groupIds() {
        return groupIds;
    }

    /** Returns the key values of each group, in order of first appearance. */
    List<Object[]> keys() {
        return keys;
    }

    /** Returns the partial aggregates of the whole file, merged. */
    GroupTotals totals() {
        return totals;
    }

    long rows() {
        return typing.rows();
    }

    int blocks() {
        return blocks;
    }

    long bytesRead() {
        return stream.bytesRead();
    }

    int blockBytes() {
        return blockBytes;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
