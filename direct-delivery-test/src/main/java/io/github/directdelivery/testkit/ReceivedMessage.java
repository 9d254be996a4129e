package io.github.directdelivery.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A message that a {@link ScriptedSmtpServer} accepted (a 2xx reply after its data). Immutable.
 */
public final class ReceivedMessage {

    private final String sender;
    private final String mailParameters;
    private final List<String> recipients;
    private final byte[] content;
    private final long size;
    private final String sha256;

    ReceivedMessage(
            String sender, String mailParameters, List<String> recipients, byte[] content, long size, String sha256) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.mailParameters = Objects.requireNonNull(mailParameters, "mailParameters");
        this.recipients = List.copyOf(recipients);
        this.content = content.clone();
        this.size = size;
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
    }

    /** Returns the reverse-path from MAIL, without angle brackets; empty for the null path. */
    public String sender() {
        return sender;
    }

    /**
     * Returns what followed the reverse-path on the MAIL line, such as {@code SIZE=120
     * BODY=8BITMIME}, or an empty string.
     */
    public String mailParameters() {
        return mailParameters;
    }

    /** Returns the recipients whose RCPT got a 2xx reply, in order. */
    public List<String> recipients() {
        return recipients;
    }

    /**
     * Returns a copy of the content as the client meant it: after DATA without the dot-stuffing and
     * the final dot, after BDAT the chunks joined. Empty when the server only hashes content.
     */
    public byte[] content() {
        return content.clone();
    }

    /** Returns the content decoded as UTF-8. */
    public String contentText() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** Returns the number of content bytes, also when the server only hashes content. */
    public long size() {
        return size;
    }

    /** Returns the SHA-256 of the content in lower-case hex, also when the server only hashes content. */
    public String sha256() {
        return sha256;
    }

    @Override
    public String toString() {
        return "ReceivedMessage[from=<" + sender + "> " + mailParameters + ", to=" + recipients + ", " + size
                + " bytes, sha256=" + sha256 + "]";
    }
}
