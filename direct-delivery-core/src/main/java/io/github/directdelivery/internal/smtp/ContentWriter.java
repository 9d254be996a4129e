package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.internal.message.CrlfNormalizingInputStream;
import io.github.directdelivery.internal.message.DotStuffingOutputStream;
import io.github.directdelivery.internal.message.MessageContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Streams message content to the server, the second pass over the source: after DATA with
 * dot-stuffing and the final dot, or after {@code BDAT n LAST} as exactly {@code n} raw bytes. The
 * bytes are counted on the way; if the source no longer matches the first pass, a
 * {@link MessageSourceException} stops the transfer before it is complete.
 */
final class ContentWriter {

    private static final int BLOCK = 65536;

    private ContentWriter() {}

    /** Writes the content for DATA, ending with {@code CRLF.CRLF}, and flushes it. */
    static void writeData(SmtpConnection connection, MessageContent content, Duration blockTimeout) throws IOException {
        OutputStream out = connection.contentStream(blockTimeout);
        DotStuffingOutputStream stuffed = new DotStuffingOutputStream(out);
        copy(content, stuffed);
        stuffed.finish();
        connection.note("<" + content.facts().size() + " octets of message content>");
        connection.note(".");
        out.flush();
    }

    /**
     * Writes {@code BDAT size LAST} and the content as one chunk (RFC 3030 §2), and flushes it.
     * One chunk keeps the count exact: it is the size of the first pass, and the transfer stops if
     * the source disagrees.
     */
    static void writeBdat(SmtpConnection connection, MessageContent content, Duration blockTimeout) throws IOException {
        long size = content.facts().size();
        String command = Commands.bdat(size, true);
        connection.writeLine(command, command);
        connection.note("<" + size + " octets of message content>");
        OutputStream out = connection.contentStream(blockTimeout);
        copy(content, out);
        out.flush();
    }

    private static void copy(MessageContent content, OutputStream out) throws IOException {
        long expected = content.facts().size();
        long sent = 0;
        // A small message gets a buffer of its size plus one, which still shows a source that grew.
        byte[] buffer = new byte[(int) Math.min(BLOCK, expected + 1)];
        InputStream in = openSource(content);
        try {
            int read;
            while ((read = readSource(in, buffer)) >= 0) {
                if (sent + read > expected) {
                    throw changed(expected, "more");
                }
                out.write(buffer, 0, read);
                sent += read;
            }
        } finally {
            closeSource(in);
        }
        if (sent != expected) {
            throw changed(expected, "only " + sent);
        }
    }

    private static InputStream openSource(MessageContent content) throws MessageSourceException {
        try {
            return new CrlfNormalizingInputStream(content.data().open());
        } catch (IOException e) {
            throw new MessageSourceException("cannot open the message source again", e);
        }
    }

    private static int readSource(InputStream in, byte[] buffer) throws MessageSourceException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new MessageSourceException("cannot read the message source", e);
        }
    }

    private static void closeSource(InputStream in) throws MessageSourceException {
        try {
            in.close();
        } catch (IOException e) {
            throw new MessageSourceException("cannot close the message source", e);
        }
    }

    private static MessageSourceException changed(long expected, String actual) {
        return new MessageSourceException("the message source changed between the scan and the transfer: the scan"
                + " counted " + expected + " octets, the second read returned " + actual);
    }
}
