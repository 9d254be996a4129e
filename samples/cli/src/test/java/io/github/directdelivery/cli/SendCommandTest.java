package io.github.directdelivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ScriptedReply;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import io.github.directdelivery.testkit.TlsIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendCommandTest {

    private static final String MESSAGE = "From: sender@example.com\r\n"
            + "To: alice@example.org\r\n"
            + "Subject: test\r\n"
            + "Message-ID: <1@example.com>\r\n"
            + "Date: Sun, 1 Mar 2026 10:00:00 +0000\r\n"
            + "\r\n"
            + "Hello.\r\n";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path directory;
    private FakeInternet internet;
    private Path messageFile;

    @BeforeEach
    void start(@TempDir Path temporaryDirectory) throws IOException {
        directory = temporaryDirectory;
        internet = FakeInternet.start();
        messageFile = Files.writeString(directory.resolve("message.eml"), MESSAGE, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        internet.close();
    }

    @Test
    void deliveredRecipientGetsOneLineAndExitZero() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server = internet.host("mx.example.org");

        Cli.Result result = send(List.of("--to", "alice@example.org"), messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.outLines())
                .containsExactly("alice@example.org: DELIVERED 250 2.0.0 queued as 0.0;"
                        + " host mx.example.org [127.0.0.2]; no TLS");
        assertThat(result.err()).isEmpty();
        assertThat(server.messages()).singleElement().satisfies(message -> {
            assertThat(message.sender()).isEqualTo("sender@example.com");
            assertThat(message.recipients()).containsExactly("alice@example.org");
            assertThat(message.contentText()).isEqualTo(MESSAGE);
        });
    }

    @Test
    void rejectedRecipientMakesExit69() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        internet.host("mx.example.org", b -> b.onRecipient("nobody@example.org", "550 5.1.1 no such user"));

        Cli.Result result =
                send(List.of("--to", "alice@example.org", "--to", "nobody@example.org"), messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(69);
        assertThat(result.outLines()).hasSize(2);
        assertThat(result.outLines().get(0)).startsWith("alice@example.org: DELIVERED 250 ");
        assertThat(result.outLines().get(1))
                .isEqualTo(
                        "nobody@example.org: FAILED 550 5.1.1 no such user; host mx.example.org [127.0.0.2]; no TLS");
    }

    @Test
    void deferredRecipientMakesExit75() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        internet.host("mx.example.org", b -> b.on("RCPT", ScriptedReply.of("451 4.7.1 greylisted")));

        Cli.Result result = send(List.of("--to", "alice@example.org"), messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(75);
        assertThat(result.outLines())
                .containsExactly(
                        "alice@example.org: DEFERRED 451 4.7.1 greylisted; host mx.example.org [127.0.0.2]; no TLS");
    }

    @Test
    void nullMxRecipientFailsWithoutHost() throws IOException {
        internet.host("unused.example.org");
        internet.dns().nullMx("example.org");

        Cli.Result result = send(List.of("--to", "alice@example.org"), messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(69);
        assertThat(result.outLines()).singleElement().asString().startsWith("alice@example.org: FAILED 5.1.10 ");
        assertThat(result.outLines().get(0)).endsWith("; no host; no TLS");
    }

    @Test
    void jsonHasTheDocumentedMembersAndTypes() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        internet.host("mx.example.org", b -> b.onRecipient("nobody@example.org", "550 5.1.1 no such user"));
        internet.dns().nullMx("example.net");

        Cli.Result result = send(
                List.of("--to", "alice@example.org", "--to", "nobody@example.org", "--to", "bob@example.net"),
                "--json",
                "-",
                messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(69);
        assertThat(result.errLines()).hasSize(3);
        JsonNode root = JSON.readTree(result.out());
        assertThat(fieldNames(root)).containsExactly("recipients");
        JsonNode recipients = root.get("recipients");
        assertThat(recipients.size()).isEqualTo(3);
        for (JsonNode recipient : recipients) {
            assertThat(fieldNames(recipient))
                    .containsExactly(
                            "recipient", "status", "code", "enhancedCode", "text", "host", "address", "tls", "relayed");
            assertThat(recipient.get("recipient").isTextual()).isTrue();
            assertThat(recipient.get("text").isTextual()).isTrue();
            assertThat(recipient.get("relayed").isBoolean()).isTrue();
            assertThat(recipient.get("tls").isNull()).isTrue();
        }

        JsonNode delivered = recipients.get(0);
        assertThat(delivered.get("recipient").asText()).isEqualTo("alice@example.org");
        assertThat(delivered.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivered.get("code").isInt()).isTrue();
        assertThat(delivered.get("code").asInt()).isEqualTo(250);
        assertThat(delivered.get("enhancedCode").asText()).isEqualTo("2.0.0");
        assertThat(delivered.get("host").asText()).isEqualTo("mx.example.org");
        assertThat(delivered.get("address").asText()).isEqualTo("127.0.0.2");

        JsonNode rejected = recipients.get(1);
        assertThat(rejected.get("status").asText()).isEqualTo("FAILED");
        assertThat(rejected.get("code").asInt()).isEqualTo(550);
        assertThat(rejected.get("enhancedCode").asText()).isEqualTo("5.1.1");
        assertThat(rejected.get("text").asText()).isEqualTo("no such user");

        JsonNode nullMx = recipients.get(2);
        assertThat(nullMx.get("status").asText()).isEqualTo("FAILED");
        assertThat(nullMx.get("code").isNull()).isTrue();
        assertThat(nullMx.get("enhancedCode").asText()).isEqualTo("5.1.10");
        assertThat(nullMx.get("host").isNull()).isTrue();
        assertThat(nullMx.get("address").isNull()).isTrue();
    }

    @Test
    void jsonFileLeavesTextOnStandardOutput() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        internet.host("mx.example.org");
        Path jsonFile = directory.resolve("report.json");

        Cli.Result result =
                send(List.of("--to", "alice@example.org"), "--json", jsonFile.toString(), messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.outLines()).singleElement().asString().startsWith("alice@example.org: DELIVERED");
        JsonNode root = JSON.readTree(Files.readString(jsonFile));
        assertThat(root.at("/recipients/0/status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void startTlsShownInTextAndJson() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        internet.host("mx.example.org", b -> b.startTls(TlsIdentity.selfSigned("mx.example.org")));

        Cli.Result result = send(List.of("--to", "alice@example.org"), "--json", "-", messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.errLines()).singleElement().asString().contains("; TLS TLSv1.");
        JsonNode tls = JSON.readTree(result.out()).at("/recipients/0/tls");
        assertThat(fieldNames(tls)).containsExactly("protocol", "cipher");
        assertThat(tls.get("protocol").asText()).startsWith("TLSv1.");
        assertThat(tls.get("cipher").asText()).startsWith("TLS_");
    }

    @Test
    void verifiedPolicyDefersASelfSignedCertificate() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server =
                internet.host("mx.example.org", b -> b.startTls(TlsIdentity.selfSigned("mx.example.org")));

        Cli.Result result = send(List.of("--to", "alice@example.org"), "--tls", "verified", messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(75);
        assertThat(result.outLines()).singleElement().asString().startsWith("alice@example.org: DEFERRED");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void messageFromStandardInputIsSent() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server = internet.host("mx.example.org");
        List<String> args =
                new ArrayList<>(List.of("send", "--from", "sender@example.com", "--to", "alice@example.org"));
        args.addAll(sendOptions());

        Cli.Result result = Cli.runWithInput(MESSAGE.getBytes(StandardCharsets.UTF_8), args.toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(server.messages()).singleElement().satisfies(message -> assertThat(message.contentText())
                .isEqualTo(MESSAGE));
    }

    @Test
    void dashReadsStandardInputWithoutLeftovers() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server = internet.host("mx.example.org");
        List<String> before = temporaryMessageFiles();
        List<String> args =
                new ArrayList<>(List.of("send", "--from", "sender@example.com", "--to", "alice@example.org"));
        args.addAll(sendOptions());
        args.add("-");

        Cli.Result result = Cli.runWithInput(MESSAGE.getBytes(StandardCharsets.UTF_8), args.toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(server.messages()).hasSize(1);
        assertThat(temporaryMessageFiles()).isEqualTo(before);
    }

    @Test
    void emptyMessageExits65WithoutConnecting() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server = internet.host("mx.example.org");
        Path empty = Files.createFile(directory.resolve("empty.eml"));

        Cli.Result result = send(List.of("--to", "alice@example.org"), empty.toString());

        assertThat(result.exitCode()).isEqualTo(65);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines())
                .containsExactly("direct-delivery send: invalid message in " + empty + ": The message is empty");
        assertThat(server.connections()).isEmpty();
    }

    @Test
    void missingMessageFileExits66() throws IOException {
        internet.host("mx.example.org");
        Path missing = directory.resolve("missing.eml");

        Cli.Result result = send(List.of("--to", "alice@example.org"), missing.toString());

        assertThat(result.exitCode()).isEqualTo(66);
        assertThat(result.errLines())
                .containsExactly("direct-delivery send: message file " + missing + " does not exist");
    }

    @Test
    void directoryAsMessageFileExits66() throws IOException {
        internet.host("mx.example.org");

        Cli.Result result = send(List.of("--to", "alice@example.org"), directory.toString());

        assertThat(result.exitCode()).isEqualTo(66);
        assertThat(result.errLines()).singleElement().asString().contains("is not a regular file");
    }

    @Test
    void missingSenderIsAUsageError() {
        Cli.Result result = Cli.run("send", "--to", "alice@example.org", messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.errLines())
                .containsExactly("direct-delivery send: Missing required option: '--from=ADDR'"
                        + " (see 'direct-delivery send --help')");
    }

    @Test
    void malformedRecipientIsAUsageError() throws IOException {
        ScriptedSmtpServer server = internet.host("mx.example.org");

        Cli.Result result = send(List.of("--to", "alice at example.org"), messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.errLines()).singleElement().asString().startsWith("direct-delivery send: ");
        assertThat(server.connections()).isEmpty();
    }

    @Test
    void dnsServerMustBeAnAddress() {
        Cli.Result result =
                Cli.run("send", "--from", "a@example.com", "--to", "b@example.org", "--dns", "dns.example.com:53", "x");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.errLines()).singleElement().asString().contains("'dns.example.com:53' is not an IP address");
    }

    @Test
    void unknownTlsPolicyIsAUsageError() {
        Cli.Result result =
                Cli.run("send", "--from", "a@example.com", "--to", "b@example.org", "--tls", "sometimes", "x");

        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.errLines()).singleElement().asString().contains("--tls");
    }

    @Test
    void tlsPolicyIgnoresLetterCase() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        internet.host("mx.example.org", b -> b.startTls(TlsIdentity.selfSigned("mx.example.org")));

        Cli.Result result = send(List.of("--to", "alice@example.org"), "--tls", "NONE", messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.outLines()).singleElement().asString().endsWith("; no TLS");
    }

    @Test
    void unwritableJsonFileExits73BeforeSending() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        ScriptedSmtpServer server = internet.host("mx.example.org");
        Path jsonFile = directory.resolve("no-such-directory").resolve("report.json");

        Cli.Result result =
                send(List.of("--to", "alice@example.org"), "--json", jsonFile.toString(), messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(73);
        assertThat(result.errLines()).singleElement().asString().startsWith("direct-delivery send: cannot create");
        assertThat(server.connections()).isEmpty();
    }

    @Test
    void verboseAddsTheSmtpDialogueOnStandardError() throws IOException {
        internet.dns().mx("example.org", 10, "mx.example.org");
        internet.host("mx.example.org");

        Cli.Result result = send(List.of("--to", "alice@example.org"), "--verbose", messageFile.toString());

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.err()).contains("EHLO client.example.test").contains("RCPT TO:<alice@example.org>");
    }

    @Test
    void verboseAddsTheStackTraceOfAnError() throws IOException {
        internet.host("mx.example.org");
        Path empty = Files.createFile(directory.resolve("empty.eml"));

        Cli.Result result = send(List.of("--to", "alice@example.org"), "--verbose", empty.toString());

        assertThat(result.exitCode()).isEqualTo(65);
        assertThat(result.errLines().get(0)).endsWith("The message is empty");
        assertThat(result.err()).contains("InvalidMessageException").contains("\tat ");
    }

    private Cli.Result send(List<String> recipients, String... rest) {
        List<String> args = new ArrayList<>(List.of("send", "--from", "sender@example.com"));
        args.addAll(recipients);
        args.addAll(sendOptions());
        args.addAll(List.of(rest));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Returns the options that aim {@code send} at the fake Internet. */
    private List<String> sendOptions() {
        InetSocketAddress dns = internet.dnsServer();
        return List.of(
                "--helo",
                "client.example.test",
                "--dns",
                dns.getAddress().getHostAddress() + ":" + dns.getPort(),
                "--smtp-port",
                String.valueOf(internet.smtpPort()),
                "--allow-local-destinations");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = node.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }

    private static List<String> temporaryMessageFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("direct-delivery-") && name.endsWith(".eml"))
                    .sorted()
                    .toList();
        }
    }
}
