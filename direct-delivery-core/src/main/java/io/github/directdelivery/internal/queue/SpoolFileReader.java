package io.github.directdelivery.internal.queue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a spool file written by {@link DirectorySpool}.
 *
 * <pre>
 * "DDS1"                                  magic and format version
 * int    header length, header bytes      see {@link SpoolCodec#encodeHeader}
 * long   content length, content bytes    the prepared message, CRLF line endings
 * int    CRC-32C of everything above
 * then any number of state records, each:
 * int    length of the record bytes, record bytes (see {@link SpoolCodec#encodeRecord}),
 * int    CRC-32C of the length and the record bytes
 * </pre>
 *
 * The part before the records is written once and synced before the file gets its name, so any
 * damage to it means the file is corrupted. A record is appended and synced when the state changes,
 * so a crash can leave the last record incomplete: such a torn tail was never acknowledged and is
 * dropped. A damaged record followed by more data is corruption.
 */
final class SpoolFileReader {

    static final byte[] MAGIC = {'D', 'D', 'S', '1'};

    /** The largest header or record accepted, so a corrupted length is recognised as such. */
    static final int MAX_BLOCK_BYTES = 64 << 20;

    private SpoolFileReader() {}

    /**
     * A spool file's contents.
     *
     * @param contentOffset where the message content starts
     * @param validLength the length up to the end of the last intact record
     * @param tornTail why the bytes after {@code validLength} were dropped, or null if there are none
     */
    record Contents(
            MessageHeader header,
            long contentOffset,
            long contentLength,
            List<StateRecord> records,
            long validLength,
            @Nullable String tornTail) {}

    /** The header and the position of the message content in a file whose prefix matched its checksum. */
    record Prefix(MessageHeader header, long contentOffset, long contentLength) {
        long end() {
            return contentOffset + contentLength + Integer.BYTES;
        }
    }

    /**
     * Reads a whole spool file.
     *
     * @throws CorruptSpoolFileException if the file is truncated or damaged anywhere but in its last
     *     record
     */
    static Contents read(SpoolFiles files, Path file) throws IOException {
        long size = files.size(file);
        try (InputStream raw = new BufferedInputStream(files.read(file, 0, size), 65536)) {
            Prefix prefix = readPrefix(raw, size);
            DataInputStream in = new DataInputStream(raw);
            List<StateRecord> records = new ArrayList<>();
            long offset = prefix.end();
            while (offset < size) {
                Step step = nextRecord(in, size - offset, records);
                if (step.tornTail() != null) {
                    return new Contents(
                            prefix.header(),
                            prefix.contentOffset(),
                            prefix.contentLength(),
                            records,
                            offset,
                            step.tornTail());
                }
                offset += step.consumed();
            }
            return new Contents(prefix.header(), prefix.contentOffset(), prefix.contentLength(), records, size, null);
        }
    }

    /**
     * Reads and checks the part of a spool file before its records.
     *
     * @throws CorruptSpoolFileException if it is truncated or does not match its checksum
     */
    static Prefix verify(SpoolFiles files, Path file) throws IOException {
        long size = files.size(file);
        try (InputStream raw = new BufferedInputStream(files.read(file, 0, size), 65536)) {
            return readPrefix(raw, size);
        }
    }

    private static Prefix readPrefix(InputStream raw, long size) throws IOException {
        CRC32C crc = new CRC32C();
        DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
        try {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CorruptSpoolFileException("not a spool file of this version: it does not start with DDS1");
            }
            int headerLength = in.readInt();
            if (headerLength <= 0 || headerLength > MAX_BLOCK_BYTES || headerLength > size) {
                throw new CorruptSpoolFileException("the header length " + headerLength + " is impossible");
            }
            byte[] header = in.readNBytes(headerLength);
            if (header.length < headerLength) {
                throw new EOFException();
            }
            long contentLength = in.readLong();
            long contentOffset = (long) MAGIC.length + Integer.BYTES + headerLength + Long.BYTES;
            if (contentLength < 0 || contentOffset + contentLength + Integer.BYTES > size) {
                throw new CorruptSpoolFileException("the file is truncated: it has " + size + " bytes, too few for "
                        + contentLength + " bytes of content");
            }
            in.skipNBytes(contentLength);
            int expected = (int) crc.getValue();
            int stored = new DataInputStream(raw).readInt();
            if (stored != expected) {
                throw new CorruptSpoolFileException("the message does not match its checksum");
            }
            // Decoded only after the checksum matched, so a damaged header is reported as such.
            return new Prefix(SpoolCodec.decodeHeader(header), contentOffset, contentLength);
        } catch (EOFException e) {
            throw new CorruptSpoolFileException("the file is truncated: it ends inside the message", e);
        }
    }

    /** The bytes one record took, or why the rest of the file is a torn tail. */
    private record Step(long consumed, @Nullable String tornTail) {}

    private static Step nextRecord(DataInputStream in, long remaining, List<StateRecord> records) throws IOException {
        if (remaining < Integer.BYTES * 2L + 1) {
            return new Step(0, "an incomplete record of " + remaining + " bytes");
        }
        int length = in.readInt();
        if (length <= 0 || length > MAX_BLOCK_BYTES) {
            // A file system may leave zeros where an append was cut off by a crash.
            byte[] rest = in.readNBytes((int) Math.min(remaining - Integer.BYTES, MAX_BLOCK_BYTES));
            if (length == 0 && rest.length == remaining - Integer.BYTES && allZero(rest)) {
                return new Step(0, "zero bytes after the last record");
            }
            throw new CorruptSpoolFileException("a state record has the impossible length " + length);
        }
        long consumed = Integer.BYTES * 2L + length;
        if (consumed > remaining) {
            return new Step(
                    0,
                    "an incomplete record: " + length + " bytes announced, " + (remaining - Integer.BYTES)
                            + " present");
        }
        byte[] body = in.readNBytes(length);
        int stored = in.readInt();
        if (stored != checksum(length, body)) {
            if (consumed == remaining) {
                return new Step(0, "the last record does not match its checksum");
            }
            throw new CorruptSpoolFileException("a state record does not match its checksum");
        }
        records.add(SpoolCodec.decodeRecord(body));
        return new Step(consumed, null);
    }

    /** Returns the CRC-32C of a record's length field and bytes. */
    static int checksum(int length, byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        crc.update(body);
        return (int) crc.getValue();
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
