package dev.chunkwise.cli;

import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A local file for Parquet to read, through a {@link FileChannel}. Parquet's own {@code LocalInputFile} (1.17) reads
 * a byte array one byte at a time, one system call each: copying a 35 MB file's row groups through it took 21 s.
 */
final class ChannelInputFile implements InputFile {

    private final Path file;

    ChannelInputFile(Path file) {
        this.file = file;
    }

    @Override
    public long getLength() throws IOException {
        return Files.size(file);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
            @Override
            public long getPos() throws IOException {
                return channel.position();
            }

            @Override
            public void seek(long newPos) throws IOException {
                channel.position(newPos);
            }
        };
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
