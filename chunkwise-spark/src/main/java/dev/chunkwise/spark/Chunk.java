package dev.chunkwise.spark;

import dev.chunkwise.codec.Serialization;

import java.io.Serializable;

/**
 * One chunk of a call as it travels to an executor: the position of its first item, and the items serialized.
 *
 * @param firstIndex the position of the chunk's first item in the call's input
 * @param items      the items, as {@link Serialization} wrote them
 */
record Chunk(long firstIndex, byte[] items) implements Serializable {
}
