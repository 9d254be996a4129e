package io.github.directdelivery.testkit;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/** Serves one connection of a {@link ScriptedSmtpServer}: reads commands and writes scripted replies. */
final class ServerSession {

    private static final Pattern PATH =
            Pattern.compile("^[A-Za-z]+ (?:FROM|TO):<([^>]*)>(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern NUL = Pattern.compile("\0", Pattern.LITERAL);

    private final ScriptedSmtpServer.Script script;
    private final RecordedConnection record;
    private final Consumer<ReceivedMessage> messages;
    private final CountDownLatch stopped;
    private final Map<String, Integer> counters = new HashMap<>();
    private Socket socket;
    private ServerInput input;
    private OutputStream out;
    private boolean tls;

    private @Nullable String sender;
    private String mailParameters = "";
    private final List<String> recipients = new ArrayList<>();
    private @Nullable Content chunks;
    private int messageCount;

    ServerSession(
            ScriptedSmtpServer.Script script,
            Socket socket,
            RecordedConnection record,
            Consumer<ReceivedMessage> messages,
            CountDownLatch stopped) {
        this.script = script;
        this.socket = socket;
        this.record = record;
        this.messages = messages;
        this.stopped = stopped;
        this.input = new ServerInput(nullStream(), record);
        this.out = OutputStream.nullOutputStream();
    }

    void run() {
        try {
            input = new ServerInput(socket.getInputStream(), record);
            out = new BufferedOutputStream(socket.getOutputStream());
            TlsIdentity implicit = script.implicitTls();
            if (implicit != null) {
                upgrade(implicit);
            }
            if (!send(script.greeting())) {
                return;
            }
            byte[] line;
            while ((line = input.readLine()) != null) {
                String command = stripLineEnd(new String(line, StandardCharsets.UTF_8));
                record.recordCommand(command);
                if (!handle(command)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client closed or broke the connection; the record keeps what arrived.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a broken socket has nothing left to report.
            }
            record.markClosed();
        }
    }

    /** Replies to one command; returns false when the connection ends. */
    private boolean handle(String command) throws IOException, InterruptedException {
        String verb = verb(command);
        return switch (verb) {
            case "DATA" -> data();
            case "BDAT" -> bdat(command);
            case "STARTTLS" -> startTls();
            case "AUTH" -> auth(command);
            case "QUIT" -> {
                send(reply("QUIT", "221 2.0.0 bye"));
                yield false;
            }
            default -> send(simple(verb, command));
        };
    }

    /** Returns the reply to a command without content, updating the envelope as a server would. */
    private ScriptedReply simple(String verb, String command) {
        return switch (verb) {
            case "EHLO" -> {
                ScriptedReply scripted = scripted("EHLO");
                resetEnvelope();
                yield scripted != null ? scripted : ehloReply();
            }
            case "HELO" -> {
                resetEnvelope();
                yield reply("HELO", "250 " + script.hostName());
            }
            case "MAIL" -> mail(command);
            case "RCPT" -> recipientReply(command);
            case "RSET" -> {
                resetEnvelope();
                yield reply("RSET", "250 2.0.0 ok");
            }
            case "NOOP" -> reply("NOOP", "250 2.0.0 ok");
            default -> reply(verb, "500 5.5.2 command not recognized");
        };
    }

    private ScriptedReply mail(String command) {
        ScriptedReply reply = reply("MAIL", "250 2.1.0 ok");
        if (isPositive(reply)) {
            Matcher path = PATH.matcher(command);
            resetEnvelope();
            sender = path.matches() ? path.group(1) : "";
            mailParameters = path.matches() ? path.group(2).strip() : "";
        }
        return reply;
    }

    private boolean auth(String command) throws IOException, InterruptedException {
        ScriptedReply scripted = scripted("AUTH");
        return scripted != null ? send(scripted) : authenticate(command);
    }

    private ScriptedReply recipientReply(String command) {
        Matcher path = PATH.matcher(command);
        String address = path.matches() ? path.group(1) : "";
        ScriptedReply reply = script.byRecipient().get(address.toLowerCase(Locale.ROOT));
        if (reply == null) {
            reply = reply("RCPT", sender == null ? "503 5.5.1 MAIL first" : "250 2.1.5 ok");
        }
        if (isPositive(reply) && sender != null) {
            recipients.add(address);
        }
        return reply;
    }

    private boolean data() throws IOException, InterruptedException {
        ScriptedReply reply = reply(
                "DATA", recipients.isEmpty() ? "554 5.5.1 no valid recipients" : "354 end data with <CRLF>.<CRLF>");
        if (!send(reply)) {
            return false;
        }
        if (reply.code() != 354) {
            return true;
        }
        Content content = new Content(script.hashOnly());
        byte[] line;
        while ((line = input.readLine()) != null) {
            if (isEndOfData(line)) {
                return send(endOfData(content));
            }
            // RFC 5321 §4.5.2: a leading period was doubled by the client.
            int skip = line.length > 0 && line[0] == '.' ? 1 : 0;
            content.write(line, skip, line.length - skip);
        }
        return false;
    }

    private boolean bdat(String command) throws IOException, InterruptedException {
        String[] words = SPACES.split(command.strip(), -1);
        long size;
        try {
            size = Long.parseLong(words[1]);
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return send(ScriptedReply.of("501 5.5.4 BDAT needs a size"));
        }
        boolean last = words.length > 2 && words[2].equalsIgnoreCase("LAST");
        Content content = chunks != null ? chunks : new Content(script.hashOnly());
        chunks = content;
        // RFC 3030 §2: the server reads the whole chunk whatever it replies.
        input.readExactly(size, content::write);
        if (!last) {
            return send(reply("BDAT", "250 2.0.0 " + size + " octets received"));
        }
        chunks = null;
        return send(endOfData(content));
    }

    /** Returns the reply after a message's content, recording the message first if it is 2xx. */
    private ScriptedReply endOfData(Content content) {
        List<ScriptedReply> script = this.script.endOfData();
        int index = messageCount++;
        ScriptedReply reply = script.isEmpty()
                ? ScriptedReply.of("250 2.0.0 queued as " + record.index() + "." + index)
                : script.get(Math.min(index, script.size() - 1));
        if (isPositive(reply) && sender != null && !recipients.isEmpty()) {
            messages.accept(content.toMessage(sender, mailParameters, recipients));
        }
        resetEnvelope();
        return reply;
    }

    private boolean startTls() throws IOException, InterruptedException {
        TlsIdentity identity = script.startTls();
        ScriptedReply reply = reply(
                "STARTTLS", identity != null && !tls ? "220 2.0.0 ready to start TLS" : "454 4.7.0 TLS not available");
        if (!send(reply)) {
            return false;
        }
        if (reply.code() == 220 && identity != null) {
            upgrade(identity);
            resetEnvelope();
        }
        return true;
    }

    private boolean authenticate(String command) throws IOException, InterruptedException {
        String[] words = SPACES.split(command.strip(), -1);
        String mechanism = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
        if (script.username() == null || !(mechanism.equals("PLAIN") || mechanism.equals("LOGIN"))) {
            return send(ScriptedReply.of("504 5.5.4 mechanism not supported"));
        }
        String user;
        String pass;
        if (mechanism.equals("PLAIN")) {
            String response = words.length > 2 ? words[2] : challenge("");
            String[] fields = NUL.split(decode(response), -1);
            user = fields.length == 3 ? fields[1] : "";
            pass = fields.length == 3 ? fields[2] : "";
        } else {
            user = decode(challenge("VXNlcm5hbWU6"));
            pass = decode(challenge("UGFzc3dvcmQ6"));
        }
        boolean valid = user.equals(script.username()) && pass.equals(script.password());
        return send(ScriptedReply.of(
                valid ? "235 2.7.0 authentication successful" : "535 5.7.8 authentication credentials invalid"));
    }

    /** Sends a 334 challenge and returns the client's response line. */
    private String challenge(String challenge) throws IOException, InterruptedException {
        send(ScriptedReply.of("334 " + challenge));
        byte[] line = input.readLine();
        if (line == null) {
            throw new IOException("connection closed during AUTH");
        }
        String response = stripLineEnd(new String(line, StandardCharsets.US_ASCII));
        record.recordCommand(response);
        return response;
    }

    private void upgrade(TlsIdentity identity) throws IOException {
        SSLSocket secured =
                (SSLSocket) identity.serverContext().getSocketFactory().createSocket(socket, null, true);
        secured.setUseClientMode(false);
        secured.startHandshake();
        socket = secured;
        input.replace(secured.getInputStream());
        out = new BufferedOutputStream(secured.getOutputStream());
        tls = true;
        record.markTls();
    }

    private ScriptedReply ehloReply() {
        ScriptedReply explicit = script.ehloReply();
        if (explicit != null) {
            return explicit;
        }
        List<String> keywords = new ArrayList<>();
        if (script.capabilities() != null) {
            keywords.addAll(script.capabilities());
        } else {
            keywords.addAll(List.of("PIPELINING", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES"));
            if (script.startTls() != null) {
                keywords.add("STARTTLS");
            }
            if (script.username() != null) {
                keywords.add("AUTH PLAIN LOGIN");
            }
        }
        if (tls) {
            keywords.removeIf(keyword -> keyword.equalsIgnoreCase("STARTTLS"));
        }
        List<String> lines = new ArrayList<>();
        lines.add(script.hostName());
        lines.addAll(keywords);
        String[] reply = new String[lines.size()];
        for (int i = 0; i < reply.length; i++) {
            reply[i] = (i == reply.length - 1 ? "250 " : "250-") + lines.get(i);
        }
        return ScriptedReply.of(reply);
    }

    /** Returns the scripted reply for the next command with this verb, or the default. */
    private ScriptedReply reply(String verb, String defaultLine) {
        ScriptedReply scripted = scripted(verb);
        return scripted != null ? scripted : ScriptedReply.of(defaultLine);
    }

    private @Nullable ScriptedReply scripted(String verb) {
        List<ScriptedReply> replies = script.byVerb().get(verb);
        if (replies == null) {
            return null;
        }
        int index = counters.merge(verb, 1, Integer::sum) - 1;
        return replies.get(Math.min(index, replies.size() - 1));
    }

    /** Writes a reply and carries out what follows it; returns false when the connection ends. */
    private boolean send(ScriptedReply reply) throws IOException, InterruptedException {
        reply.writeTo(out);
        return switch (reply.after()) {
            case DISCONNECT -> false;
            case STOP_READING -> {
                stopped.await();
                yield false;
            }
            case CONTINUE -> true;
        };
    }

    private void resetEnvelope() {
        sender = null;
        mailParameters = "";
        recipients.clear();
        chunks = null;
    }

    private static boolean isEndOfData(byte[] line) {
        return (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n')
                || (line.length == 2 && line[0] == '.' && line[1] == '\n');
    }

    private static boolean isPositive(ScriptedReply reply) {
        return reply.code() >= 200 && reply.code() < 300;
    }

    private static String verb(String command) {
        int space = command.indexOf(' ');
        return (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static java.io.InputStream nullStream() {
        return java.io.InputStream.nullInputStream();
    }

    /** The content of one message as it arrives: hashed always, kept unless the server only hashes. */
    private static final class Content {
        private final MessageDigest digest;
        private final @Nullable ByteArrayOutputStream bytes;
        private long size;

        Content(boolean hashOnly) {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
            bytes = hashOnly ? null : new ByteArrayOutputStream();
        }

        void write(byte[] source, int offset, int length) {
            digest.update(source, offset, length);
            if (bytes != null) {
                bytes.write(source, offset, length);
            }
            size += length;
        }

        ReceivedMessage toMessage(String sender, String mailParameters, List<String> recipients) {
            byte[] content = bytes != null ? bytes.toByteArray() : new byte[0];
            return new ReceivedMessage(
                    sender,
                    mailParameters,
                    recipients,
                    content,
                    size,
                    HexFormat.of().formatHex(digest.digest()));
        }
    }
}
