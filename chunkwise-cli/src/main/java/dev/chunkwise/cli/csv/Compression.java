package dev.chunkwise.cli.csv;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a CSV file is compressed, told by its extension ({@code .csv.gz}, {@code .csv.zst}) or, for standard input,
 * by its first bytes: none, gzip or Zstandard (zstd-jni, the JNI binding to the reference library).
 */
public enum Compression {
    NONE, GZIP, ZSTD;

    /** The buffer of a compressing or decompressing stream. */
    private static final int BUFFER = 1 << 16;
    /** Zstandard's level: 3 is its own default, about gzip's size at several times its speed. */
    private static final int ZSTD_LEVEL = 3;

    /** Returns the stream that decompresses {@code in}; closing it closes {@code in}. */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZSTD -> new ZstdInputStream(in);
        };
    }

    /** Returns the stream that compresses into {@code out}; closing it finishes the compressed data and closes out. */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, BUFFER);
            case ZSTD -> new ZstdOutputStream(out, ZSTD_LEVEL);
        };
    }

    /**
     * Returns {@code in} decompressed as its first bytes say: gzip's {@code 1F 8B}, Zstandard's {@code 28 B5 2F FD}
     * (no text starts with either), else as it is; for an input with no name to tell it by, such as standard input.
     */
    public static InputStream detected(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, BUFFER);
        b.mark(4);
        byte[] magic = b.readNBytes(4);
        b.reset();
        boolean gzip = magic.length >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
        boolean zstd = magic.length == 4 && (magic[0] & 0xFF) == 0x28 && (magic[1] & 0xFF) == 0xB5
                && (magic[2] & 0xFF) == 0x2F && (magic[3] & 0xFF) == 0xFD;
        return gzip ? GZIP.decompress(b) : zstd ? ZSTD.decompress(b) : b;
    }
}
