package io.github.directdelivery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class ScriptedSmtpServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void defaultServerAcceptsMessageAndUnstuffsData() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().start();
                Client client = new Client(server)) {
            assertThat(client.reply()).containsExactly("220 mx.example.net ESMTP scripted");
            assertThat(client.send("EHLO client.test"))
                    .containsExactly(
                            "250-mx.example.net",
                            "250-PIPELINING",
                            "250-8BITMIME",
                            "250-SMTPUTF8",
                            "250 ENHANCEDSTATUSCODES");
            assertThat(client.send("MAIL FROM:<a@example.org> SIZE=20")).containsExactly("250 2.1.0 ok");
            assertThat(client.send("RCPT TO:<b@example.net>")).containsExactly("250 2.1.5 ok");
            assertThat(client.send("DATA")).singleElement().asString().startsWith("354");
            assertThat(client.send("Subject: x\r\n\r\n..dot\r\nend\r\n.")).containsExactly("250 2.0.0 queued as 0.0");
            client.send("QUIT");

            ReceivedMessage message = server.messages().get(0);
            assertThat(message.sender()).isEqualTo("a@example.org");
            assertThat(message.mailParameters()).isEqualTo("SIZE=20");
            assertThat(message.recipients()).containsExactly("b@example.net");
            assertThat(message.contentText()).isEqualTo("Subject: x\r\n\r\n.dot\r\nend\r\n");
            assertThat(message.size()).isEqualTo(25);
            RecordedConnection connection = server.awaitConnection(0, WAIT).awaitClosed(WAIT);
            assertThat(connection.receivedText())
                    .startsWith("EHLO client.test\r\nMAIL FROM:<a@example.org> SIZE=20\r\n");
            assertThat(connection.commands()).contains("DATA", "QUIT").doesNotContain("..dot");
        }
    }

    @Test
    void bdatChunksAreJoinedExactly() throws IOException {
        try (ScriptedSmtpServer server =
                        ScriptedSmtpServer.builder().capabilities("CHUNKING").start();
                Client client = new Client(server)) {
            client.reply();
            client.send("EHLO c");
            client.send("MAIL FROM:<>");
            client.send("RCPT TO:<b@example.net>");
            assertThat(client.sendRaw("BDAT 4\r\n.a\r\n")).containsExactly("250 2.0.0 4 octets received");
            assertThat(client.sendRaw("BDAT 3 LAST\r\nb\rc"))
                    .singleElement()
                    .asString()
                    .startsWith("250 2.0.0 queued");

            ReceivedMessage message = server.messages().get(0);
            assertThat(message.sender()).isEmpty();
            assertThat(message.content()).isEqualTo(".a\r\nb\rc".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void scriptedRepliesFollowVerbSequenceAndRecipient() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                        .greeting("220-first", "220 second")
                        .on("MAIL", ScriptedReply.of("451 4.7.1 greylisted"), ScriptedReply.of("250 ok"))
                        .onRecipient("No@Example.net", "550 5.1.1 no such user")
                        .start();
                Client client = new Client(server)) {
            assertThat(client.reply()).containsExactly("220-first", "220 second");
            client.send("EHLO c");
            assertThat(client.send("MAIL FROM:<a@x>")).containsExactly("451 4.7.1 greylisted");
            assertThat(client.send("RCPT TO:<b@x>")).containsExactly("503 5.5.1 MAIL first");
            assertThat(client.send("DATA")).containsExactly("554 5.5.1 no valid recipients");
            assertThat(client.send("MAIL FROM:<a@x>")).containsExactly("250 ok");
            assertThat(client.send("MAIL FROM:<a@x>")).containsExactly("250 ok");
            assertThat(client.send("RCPT TO:<no@example.NET>")).containsExactly("550 5.1.1 no such user");
        }
    }

    @Test
    void disconnectReplyClosesConnection() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                        .on("NOOP", ScriptedReply.disconnect())
                        .start();
                Client client = new Client(server)) {
            client.reply();
            client.write("NOOP\r\n");
            assertThat(client.reader.readLine()).isNull();
            assertThat(server.awaitConnection(0, WAIT).awaitClosed(WAIT).isClosed())
                    .isTrue();
        }
    }

    @Test
    void startTlsPresentsCertificateForHostName() throws IOException {
        TlsIdentity identity = TlsIdentity.selfSigned("mx.example.net");
        try (ScriptedSmtpServer server =
                        ScriptedSmtpServer.builder().startTls(identity).start();
                Client client = new Client(server)) {
            client.reply();
            assertThat(client.send("EHLO c")).contains("250 STARTTLS");
            assertThat(client.send("STARTTLS")).containsExactly("220 2.0.0 ready to start TLS");

            SSLSocket tls = (SSLSocket) identity.trustingClientContext()
                    .getSocketFactory()
                    .createSocket(client.socket, "mx.example.net", server.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            Client secured = new Client(tls);
            assertThat(secured.send("EHLO c")).doesNotContain("250-STARTTLS", "250 STARTTLS");
            secured.send("QUIT");
            assertThat(server.awaitConnection(0, WAIT).awaitClosed(WAIT).tls()).isTrue();
        }
    }

    @Test
    void authPlainAcceptsOnlyConfiguredCredentials() throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                        .credentials("user", "secret")
                        .start();
                Client client = new Client(server)) {
            client.reply();
            assertThat(client.send("EHLO c")).contains("250 AUTH PLAIN LOGIN");
            String wrong = Base64.getEncoder().encodeToString("\0user\0wrong".getBytes(StandardCharsets.UTF_8));
            assertThat(client.send("AUTH PLAIN " + wrong))
                    .containsExactly("535 5.7.8 authentication credentials invalid");
            assertThat(client.send("AUTH LOGIN")).containsExactly("334 VXNlcm5hbWU6");
            assertThat(client.send(Base64.getEncoder().encodeToString("user".getBytes(StandardCharsets.UTF_8))))
                    .containsExactly("334 UGFzc3dvcmQ6");
            assertThat(client.send(Base64.getEncoder().encodeToString("secret".getBytes(StandardCharsets.UTF_8))))
                    .containsExactly("235 2.7.0 authentication successful");
        }
    }

    @Test
    void hashOnlyServerKeepsSizeAndDigestOnly() throws IOException {
        try (ScriptedSmtpServer server =
                        ScriptedSmtpServer.builder().hashContentOnly().start();
                Client client = new Client(server)) {
            client.reply();
            client.send("EHLO c");
            client.send("MAIL FROM:<a@x>");
            client.send("RCPT TO:<b@x>");
            client.send("DATA");
            client.send("abc\r\n.");
            ReceivedMessage message = server.messages().get(0);
            assertThat(message.content()).isEmpty();
            assertThat(message.size()).isEqualTo(5);
            assertThat(message.sha256()).isEqualTo(sha256("abc\r\n"));
            assertThat(server.awaitConnection(0, WAIT).received()).isEmpty();
        }
    }

    @Test
    void replyInPiecesRejectsOffsetsOutsideReply() {
        assertThatThrownBy(() -> ScriptedReply.of("250 ok").inPieces(Duration.ZERO, 3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ascend");
        assertThatThrownBy(() -> ScriptedReply.of("250 ok").inPieces(Duration.ZERO, 8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScriptedReply.of("250 ok\r\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replyCodeIsReadFromFirstDigits() {
        assertThat(ScriptedReply.of("421 4.3.2 bye").code()).isEqualTo(421);
        assertThat(ScriptedReply.raw("xyz").code()).isEqualTo(-1);
        assertThat(ScriptedReply.disconnect().code()).isEqualTo(-1);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A minimal line-based client: each send writes one line and reads one complete reply. */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader reader;
        final OutputStream out;

        Client(ScriptedSmtpServer server) throws IOException {
            this(new Socket(server.address().getAddress(), server.port()));
        }

        Client(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(5000);
            this.reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
        }

        List<String> send(String line) throws IOException {
            return sendRaw(line + "\r\n");
        }

        List<String> sendRaw(String text) throws IOException {
            write(text);
            return reply();
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        List<String> reply() throws IOException {
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = reader.readLine();
                if (line == null) {
                    break;
                }
                lines.add(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            return lines;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
