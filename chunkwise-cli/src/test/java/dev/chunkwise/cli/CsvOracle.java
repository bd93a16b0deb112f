package dev.chunkwise.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tests' own reading of CSV bytes, written apart from the reader under test, to say what {@code apply} must
 * give: where each record and field starts and ends in the file, and what the output of
 * {@code apply FILE --with 'NEWCOL = 1'} must be, byte for byte.
 *
 * <p>The rules (RFC 4180, with what its errata and the usual engines add):
 * <ul>
 *   <li>A record ends at LF, CRLF or a lone CR outside quotes; a record of zero bytes (a blank line) is no record,
 *       also before the header. A UTF-8 byte-order mark at the start belongs to no field.</li>
 *   <li>A field is quoted when its first byte is {@code "}; it ends at the next {@code "} not doubled, and only a
 *       comma, a line end or the end of the file may follow that quote. In a field that does not start with
 *       {@code "}, a {@code "} is data ({@code a"b}, as csv-spectrum's location_coordinates.csv has).</li>
 *   <li>Every record has as many fields as the header.</li>
 *   <li>Lines are counted as an editor shows them: LF, CRLF and lone CR each end one, inside quotes too.</li>
 * </ul>
 * Commas, quotes, CR and LF are single bytes that no other character's bytes contain in UTF-8, Latin-1,
 * windows-1252 or Shift_JIS (whose second bytes are 0x40 and above), so the rules work on the bytes of all four.
 */
final class CsvOracle {

    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvOracle() {
    }

    /** One field: its bytes in the file, {@code [start, end)}, quotes included. */
    record Field(int start, int end, boolean quoted) {
    }

    /** One record: its bytes without the line end, its fields, and the line it starts on. */
    record Record(int start, int end, List<Field> fields, long line) {
    }

    /**
     * A file read by these rules.
     *
     * @param data       the file's bytes
     * @param bom        whether it starts with a UTF-8 byte-order mark
     * @param terminator the header's line end (LF when the header has none)
     * @param records    the header, then the rows; blank lines are none of them
     */
    record Table(byte[] data, boolean bom, byte[] terminator, List<Record> records) {

        Record header() {
            return records.get(0);
        }

        List<Record> rows() {
            return records.subList(1, records.size());
        }

        byte[] raw(Record r) {
            return Arrays.copyOfRange(data, r.start(), r.end());
        }

        byte[] raw(Field f) {
            return Arrays.copyOfRange(data, f.start(), f.end());
        }

        /** Returns the field's value: without its quotes, doubled quotes made single, decoded strictly. */
        String value(Field f, Charset charset) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (f.quoted()) {
                for (int i = f.start() + 1; i < f.end() - 1; i++) {
                    bytes.write(data[i]);
                    if (data[i] == '"') {
                        i++;
                    }
                }
            } else {
                bytes.write(data, f.start(), f.end() - f.start());
            }
            return decode(bytes.toByteArray(), charset);
        }

        List<String> values(Record r, Charset charset) {
            return r.fields().stream().map(f -> value(f, charset)).toList();
        }

        /** Returns the index of the header field whose value is {@code name}. */
        int column(String name, Charset charset) {
            List<String> names = values(header(), charset);
            int c = names.indexOf(name);
            if (c < 0) {
                throw new IllegalArgumentException("no column " + name + " in " + names);
            }
            return c;
        }
    }

    /** Thrown for a file these rules reject, with the line at fault. */
    static final class Malformed extends RuntimeException {
        final long line;

        Malformed(long line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }
    }

    /** Reads {@code data} by the rules above, or throws {@link Malformed}. */
    static Table read(byte[] data) {
        boolean bom = startsWith(data, UTF8_BOM);
        int pos = bom ? UTF8_BOM.length : 0;
        int n = data.length;
        long line = 1;
        List<Record> records = new ArrayList<>();
        byte[] headerTerminator = null;
        while (pos < n) {
            if (data[pos] == '\n' || data[pos] == '\r') {
                pos += isCrLf(data, pos) ? 2 : 1;
                line++;
                continue;
            }
            int start = pos;
            long startLine = line;
            List<Field> fields = new ArrayList<>();
            while (true) {
                int fieldStart = pos;
                if (pos < n && data[pos] == '"') {
                    long quoteLine = line;
                    pos++;
                    while (true) {
                        if (pos >= n) {
                            throw new Malformed(quoteLine, "a quoted field is never closed");
                        }
                        byte b = data[pos];
                        if (b == '"') {
                            if (pos + 1 < n && data[pos + 1] == '"') {
                                pos += 2;
                                continue;
                            }
                            pos++;
                            break;
                        }
                        if (b == '\n' || (b == '\r' && !isCrLf(data, pos))) {
                            line++;
                        }
                        pos++;
                    }
                    if (pos < n && data[pos] != ',' && data[pos] != '\n' && data[pos] != '\r') {
                        throw new Malformed(line, "'" + (char) (data[pos] & 0xFF) + "' after a closing quote");
                    }
                    fields.add(new Field(fieldStart, pos, true));
                } else {
                    while (pos < n && data[pos] != ',' && data[pos] != '\n' && data[pos] != '\r') {
                        pos++;
                    }
                    fields.add(new Field(fieldStart, pos, false));
                }
                if (pos < n && data[pos] == ',') {
                    pos++;
                    continue;
                }
                break;
            }
            Record record = new Record(start, pos, List.copyOf(fields), startLine);
            if (!records.isEmpty() && fields.size() != records.get(0).fields().size()) {
                throw new Malformed(startLine, fields.size() + " fields, the header has " + records.get(0).fields().size());
            }
            if (pos < n) {
                int length = isCrLf(data, pos) ? 2 : 1;
                if (records.isEmpty()) {
                    headerTerminator = Arrays.copyOfRange(data, pos, pos + length);
                }
                pos += length;
                line++;
            }
            records.add(record);
        }
        return new Table(data, bom, headerTerminator == null ? new byte[]{'\n'} : headerTerminator, List.copyOf(records));
    }

    /**
     * Returns what {@code apply --with 'NAME = VALUE'} must write for {@code table}: the BOM if it had one, then
     * every record's bytes as they were with {@code ,NAME} (header) or {@code ,VALUE} (rows) after them, each ended
     * by the header's line end. NAME and VALUE are ASCII, the same bytes in every encoding the corpus uses.
     */
    static byte[] withNewColumn(Table table, String name, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(table.data().length + 16 * table.records().size());
        if (table.bom()) {
            out.writeBytes(UTF8_BOM);
        }
        for (int i = 0; i < table.records().size(); i++) {
            out.writeBytes(table.raw(table.records().get(i)));
            out.write(',');
            out.writeBytes((i == 0 ? name : value).getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(table.terminator());
        }
        return out.toByteArray();
    }

    /** Decodes {@code bytes}, failing on any byte that is not valid in {@code charset}. */
    static String decode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not valid " + charset + ": " + ByteDiff.escape(bytes, 0, bytes.length), e);
        }
    }

    private static boolean isCrLf(byte[] data, int pos) {
        return data[pos] == '\r' && pos + 1 < data.length && data[pos + 1] == '\n';
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
