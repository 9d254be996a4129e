package io.github.directdelivery.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One message in a Maildir, split into the four fields that Postfix's virtual delivery agent
 * prepends (Return-Path, X-Original-To, Delivered-To, Received) and the message as it arrived.
 *
 * @param file the Maildir file
 * @param returnPath the Return-Path value, the envelope sender in angle brackets
 * @param originalTo the X-Original-To value, the recipient as the client sent it
 * @param deliveredTo the Delivered-To value
 * @param received the Received field with its continuation lines, joined by line breaks
 * @param message the rest of the file: the message, one entry per line without the LF
 */
record Arrival(
        Path file, String returnPath, String originalTo, String deliveredTo, String received, List<byte[]> message) {

    private static final String[] PREPENDED = {"Return-Path: ", "X-Original-To: ", "Delivered-To: ", "Received: "};

    /**
     * Splits a Maildir file.
     *
     * @throws IllegalArgumentException if the file does not start with the four prepended fields
     */
    static Arrival parse(Path file, byte[] content) {
        List<byte[]> lines = Lines.splitLf(content);
        String[] values = new String[PREPENDED.length];
        for (int i = 0; i < PREPENDED.length; i++) {
            if (i >= lines.size() || !Lines.startsWith(lines.get(i), PREPENDED[i])) {
                throw new IllegalArgumentException(file + " does not start with the fields Postfix prepends: line "
                        + (i + 1) + " should start with '" + PREPENDED[i] + "'");
            }
            values[i] = Text.latin1(lines.get(i)).substring(PREPENDED[i].length());
        }
        StringBuilder received = new StringBuilder(values[3]);
        int next = PREPENDED.length;
        while (next < lines.size() && Lines.isContinuation(lines.get(next))) {
            received.append('\n').append(Text.latin1(lines.get(next)));
            next++;
        }
        List<byte[]> message = new ArrayList<>(lines.subList(next, lines.size()));
        return new Arrival(file, values[0], values[1], values[2], received.toString(), message);
    }
}
