package io.github.directdelivery.internal.queue;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.TlsInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a message header and state records as bytes for the spool file, and decodes them. Numbers
 * are big-endian, strings are a length and UTF-8 bytes, optional values are preceded by a presence
 * flag. Decoding rejects anything malformed with a {@link CorruptSpoolFileException}.
 */
final class SpoolCodec {

    /** The maximum string length in bytes that the decoder accepts, so a corrupted length cannot exhaust memory. */
    static final int MAX_STRING_BYTES = 1 << 20;

    /** The maximum number of list elements (recipients, results, reply lines) that the decoder accepts. */
    static final int MAX_ELEMENTS = 100_000;

    private static final byte DECIDED = 1;
    private static final byte DEFERRED = 2;
    private static final byte NOTIFIED = 3;

    private SpoolCodec() {}

    static byte[] encodeHeader(MessageHeader header) {
        return encode(out -> {
            writeString(out, header.id().value());
            writeInstant(out, header.submitted());
            Envelope envelope = header.envelope();
            writeString(out, envelope.reversePath());
            out.writeInt(envelope.recipients().size());
            for (String recipient : envelope.recipients()) {
                writeString(out, recipient);
            }
            DsnOptions dsn = envelope.dsn();
            out.writeBoolean(dsn != null);
            if (dsn != null) {
                int notify = 0;
                for (DsnOptions.Notify value : dsn.notifyOn()) {
                    notify |= notifyBit(value);
                }
                out.writeInt(notify);
                out.writeByte(dsn.ret() == null ? 0 : dsn.ret() == DsnOptions.Return.FULL ? 1 : 2);
                writeOptional(out, dsn.envelopeId());
            }
        });
    }

    static MessageHeader decodeHeader(byte[] bytes) throws CorruptSpoolFileException {
        return decode(bytes, in -> {
            QueueId id = new QueueId(readString(in));
            Instant submitted = readInstant(in);
            String reversePath = readString(in);
            int count = readCount(in);
            List<String> recipients = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                recipients.add(readString(in));
            }
            DsnOptions dsn = null;
            if (in.readBoolean()) {
                int notify = in.readInt();
                Set<DsnOptions.Notify> notifyOn = EnumSet.noneOf(DsnOptions.Notify.class);
                for (DsnOptions.Notify value : DsnOptions.Notify.values()) {
                    if ((notify & notifyBit(value)) != 0) {
                        notifyOn.add(value);
                    }
                }
                byte ret = in.readByte();
                DsnOptions.Return returned =
                        switch (ret) {
                            case 0 -> null;
                            case 1 -> DsnOptions.Return.FULL;
                            case 2 -> DsnOptions.Return.HEADERS;
                            default -> throw new CorruptSpoolFileException("unknown RET value " + ret);
                        };
                dsn = new DsnOptions(notifyOn, returned, readOptional(in));
            }
            return new MessageHeader(id, submitted, new Envelope(reversePath, recipients, dsn));
        });
    }

    static byte[] encodeRecord(StateRecord record) {
        return encode(out -> {
            if (record instanceof StateRecord.Decided decided) {
                out.writeByte(DECIDED);
                writeResults(out, decided.results());
            } else if (record instanceof StateRecord.Deferred deferred) {
                out.writeByte(DEFERRED);
                out.writeInt(deferred.attempt());
                writeInstant(out, deferred.nextAttempt());
                writeResults(out, deferred.results());
            } else {
                StateRecord.Notified notified = (StateRecord.Notified) record;
                out.writeByte(NOTIFIED);
                out.writeByte(notified.kind() == DsnOptions.Notify.FAILURE ? 1 : 2);
                out.writeInt(notified.recipients().size());
                for (int recipient : notified.recipients()) {
                    out.writeInt(recipient);
                }
                writeString(out, notified.notification().value());
            }
        });
    }

    static StateRecord decodeRecord(byte[] bytes) throws CorruptSpoolFileException {
        return decode(bytes, in -> {
            byte type = in.readByte();
            return switch (type) {
                case DECIDED -> new StateRecord.Decided(readResults(in));
                case DEFERRED -> {
                    int attempt = in.readInt();
                    Instant next = readInstant(in);
                    yield new StateRecord.Deferred(attempt, next, readResults(in));
                }
                case NOTIFIED -> readNotified(in);
                default -> throw new CorruptSpoolFileException("unknown state record type " + type);
            };
        });
    }

    private static StateRecord.Notified readNotified(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        if (kind != 1 && kind != 2) {
            throw new CorruptSpoolFileException("unknown notification kind " + kind);
        }
        int count = readCount(in);
        List<Integer> recipients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            recipients.add(in.readInt());
        }
        QueueId notification = new QueueId(readString(in));
        return new StateRecord.Notified(
                kind == 1 ? DsnOptions.Notify.FAILURE : DsnOptions.Notify.DELAY, recipients, notification);
    }

    private static void writeResults(DataOutputStream out, List<StateRecord.IndexedResult> results) throws IOException {
        out.writeInt(results.size());
        for (StateRecord.IndexedResult indexed : results) {
            out.writeInt(indexed.recipient());
            writeResult(out, indexed.result());
        }
    }

    private static List<StateRecord.IndexedResult> readResults(DataInputStream in) throws IOException {
        int count = readCount(in);
        List<StateRecord.IndexedResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int recipient = in.readInt();
            results.add(new StateRecord.IndexedResult(recipient, readResult(in)));
        }
        return results;
    }

    private static void writeResult(DataOutputStream out, RecipientResult result) throws IOException {
        writeString(out, result.recipient());
        out.writeByte(statusCode(result.status()));

        SmtpReply reply = result.reply();
        out.writeBoolean(reply != null);
        if (reply != null) {
            out.writeShort(reply.code());
            writeOptional(
                    out,
                    reply.enhancedCode() == null ? null : reply.enhancedCode().toString());
            out.writeInt(reply.lines().size());
            for (String line : reply.lines()) {
                writeString(out, line);
            }
        }
        writeOptional(
                out,
                result.enhancedCode() == null ? null : result.enhancedCode().toString());
        writeString(out, result.text());
        writeOptional(out, result.host());
        InetAddress address = result.address();
        byte[] addressBytes = address == null ? new byte[0] : address.getAddress();
        out.writeByte(addressBytes.length);
        out.write(addressBytes);

        TlsInfo tls = result.tls();
        out.writeBoolean(tls != null);
        if (tls != null) {
            writeString(out, tls.protocol());
            writeString(out, tls.cipher());
        }

        out.writeBoolean(result.relayed());
        out.writeBoolean(result.outcomeUnknown());
        out.writeInt(result.attempts());
        writeInstant(out, result.completed());
    }

    private static RecipientResult readResult(DataInputStream in) throws IOException {
        String recipient = readString(in);
        DeliveryStatus status = status(in.readByte());

        SmtpReply reply = null;
        if (in.readBoolean()) {
            int code = in.readShort();
            String replyCode = readOptional(in);
            int count = readCount(in);
            List<String> lines = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                lines.add(readString(in));
            }
            reply = new SmtpReply(code, replyCode == null ? null : EnhancedStatusCode.parse(replyCode), lines);
        }

        String code = readOptional(in);
        String text = readString(in);
        String host = readOptional(in);

        int addressLength = in.readByte();
        if (addressLength != 0 && addressLength != 4 && addressLength != 16) {
            throw new CorruptSpoolFileException("an IP address cannot have " + addressLength + " bytes");
        }
        InetAddress address = null;
        if (addressLength > 0) {
            address = InetAddress.getByAddress(in.readNBytes(addressLength));
        }

        TlsInfo tls = in.readBoolean() ? new TlsInfo(readString(in), readString(in)) : null;
        boolean relayed = in.readBoolean();
        boolean outcomeUnknown = in.readBoolean();
        int attempts = in.readInt();
        Instant completed = readInstant(in);
        return new RecipientResult(
                recipient,
                status,
                reply,
                code == null ? null : EnhancedStatusCode.parse(code),
                text,
                host,
                address,
                tls,
                relayed,
                outcomeUnknown,
                attempts,
                completed);
    }

    // Fixed bits rather than ordinals, so the file format does not depend on the enum's order.
    private static int notifyBit(DsnOptions.Notify value) {
        return switch (value) {
            case SUCCESS -> 1;
            case FAILURE -> 2;
            case DELAY -> 4;
            case NEVER -> 8;
        };
    }

    private static int statusCode(DeliveryStatus status) {
        return switch (status) {
            case DELIVERED -> 1;
            case DEFERRED -> 2;
            case FAILED -> 3;
        };
    }

    private static DeliveryStatus status(byte code) throws CorruptSpoolFileException {
        return switch (code) {
            case 1 -> DeliveryStatus.DELIVERED;
            case 2 -> DeliveryStatus.DEFERRED;
            case 3 -> DeliveryStatus.FAILED;
            default -> throw new CorruptSpoolFileException("unknown delivery status " + code);
        };
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        long seconds = in.readLong();
        int nanos = in.readInt();
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new CorruptSpoolFileException("a string cannot have " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void writeOptional(DataOutputStream out, @Nullable String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(out, value);
        }
    }

    private static @Nullable String readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private static int readCount(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_ELEMENTS) {
            throw new CorruptSpoolFileException("a list cannot have " + count + " elements");
        }
        return count;
    }

    /** Writes fields into a stream. */
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a value from a stream. */
    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] encode(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static <T> T decode(byte[] bytes, Reader<T> reader) throws CorruptSpoolFileException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new CorruptSpoolFileException(in.available() + " unexpected bytes after a record");
            }
            return value;
        } catch (CorruptSpoolFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptSpoolFileException("a record cannot be decoded: " + e, e);
        }
    }
}
