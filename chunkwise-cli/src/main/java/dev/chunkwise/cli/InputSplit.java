package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.Compression;

import java.io.Serializable;

/**
 * One split of a cluster run's input, read by one Spark task: a whole CSV file.
 *
 * @param index       its place in the input's order (the order of the output's part files)
 * @param uri         the file, as Hadoop's file system names it
 * @param name        the file as messages name it (as the user wrote it, for a file given by name)
 * @param bytes       its size in bytes, as stored (compressed or not)
 * @param compression how it is compressed, from its name
 */
record InputSplit(int index, String uri, String name, long bytes, Compression compression) implements Serializable {
}
