package io.github.directdelivery.jakarta.internal.mime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes every line break as CRLF: a bare CR, a bare LF and CRLF all become CRLF. Jakarta Mail
 * writes a parsed multipart's preamble with bare LF line breaks; SMTP would send them as CRLF, so
 * the bytes handed on are made to match what is sent.
 */
final class CrlfOutputStream extends FilterOutputStream {

    private boolean afterCr;

    CrlfOutputStream(OutputStream output) {
        super(output);
    }

    @Override
    public void write(int value) throws IOException {
        int octet = value & 0xff;
        if (octet == '\r') {
            out.write('\r');
            out.write('\n');
        } else if (octet != '\n' || !afterCr) {
            if (octet == '\n') {
                out.write('\r');
            }
            out.write(octet);
        }
        afterCr = octet == '\r';
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }
}
