package io.github.directdelivery.jakarta;

import static io.github.directdelivery.jakarta.MimeFixtures.SESSION;
import static io.github.directdelivery.jakarta.MimeFixtures.assertSevenBit;
import static io.github.directdelivery.jakarta.MimeFixtures.bytesOf;
import static io.github.directdelivery.jakarta.MimeFixtures.fixture;
import static io.github.directdelivery.jakarta.MimeFixtures.leafEncodings;
import static io.github.directdelivery.jakarta.MimeFixtures.leaves;
import static io.github.directdelivery.jakarta.MimeFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.Envelope;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.NewsAddress;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MimeMessageSourcesTest {

    private static final String GERMAN = "Grüße aus Köln: Straße, Maß und Fuß.";
    private static final String RUSSIAN = "Привет из Москвы, всё хорошо.";

    @Test
    void eightBitPartsArriveDecodedUnchanged() throws Exception {
        List<MimeFixtures.Leaf> original = leaves(fixture("eight-bit-parts.eml"));

        byte[] written = bytesOf(MimeMessageSources.of(fixture("eight-bit-parts.eml")));

        assertSevenBit(written);
        MimeMessage sent = parse(written);
        assertThat(leaves(sent)).containsExactlyElementsOf(original);
        assertThat(leafEncodings(sent)).containsExactly("quoted-printable", "quoted-printable", "base64", "7bit");
    }

    @Test
    void sevenBitPartKeepsItsBytes() throws Exception {
        byte[] written = bytesOf(MimeMessageSources.of(fixture("eight-bit-parts.eml")));

        String text = new String(written, StandardCharsets.US_ASCII);
        assertThat(text)
                .contains("Content-Type: text/plain; charset=US-ASCII\r\n"
                        + "Content-Transfer-Encoding: 7bit\r\n\r\n"
                        + "An ASCII part that needs no change.\r\n--outer--");
    }

    @Test
    void asciiPartRelabelledSevenBit() throws Exception {
        MimeMessage message = parse(("From: a@example.org\r\nTo: b@example.net\r\nSubject: ascii\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=US-ASCII\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\nonly ASCII here\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        MimeMessage sent = parse(bytesOf(MimeMessageSources.of(message)));

        assertThat(sent.getEncoding()).isEqualTo("7bit");
        assertThat(sent.getContent()).isEqualTo("only ASCII here\r\n");
    }

    @Test
    void mostlyNonAsciiTextBecomesBase64() throws Exception {
        MimeMessage message = newMessage();
        message.setText(RUSSIAN, "UTF-8");

        byte[] written = bytesOf(MimeMessageSources.of(message));

        assertSevenBit(written);
        MimeMessage sent = parse(written);
        assertThat(sent.getEncoding()).isEqualTo("base64");
        assertThat(sent.getContent()).isEqualTo(RUSSIAN);
    }

    @Test
    void mostlyAsciiTextBecomesQuotedPrintable() throws Exception {
        MimeMessage message = newMessage();
        message.setText(GERMAN, "UTF-8");

        byte[] written = bytesOf(MimeMessageSources.of(message));

        assertSevenBit(written);
        MimeMessage sent = parse(written);
        assertThat(sent.getEncoding()).isEqualTo("quoted-printable");
        assertThat(sent.getContent()).isEqualTo(GERMAN);
    }

    @Test
    void longLineIsReencoded() throws Exception {
        String line = "0123456789".repeat(200);
        MimeMessage message = parse(("From: a@example.org\r\nTo: b@example.net\r\nSubject: long\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=US-ASCII\r\n\r\n"
                        + line + "\r\nshort line\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        byte[] written = bytesOf(MimeMessageSources.of(message));

        assertSevenBit(written);
        MimeMessage sent = parse(written);
        assertThat(sent.getEncoding()).isEqualTo("quoted-printable");
        assertThat(sent.getContent()).isEqualTo(line + "\r\nshort line\r\n");
    }

    @Test
    void overlongBase64LinesAreRewrapped() throws Exception {
        byte[] data = new byte[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        String oneLine = java.util.Base64.getEncoder().encodeToString(data);
        MimeMessage message = parse(("From: a@example.org\r\nTo: b@example.net\r\nSubject: data\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n" + oneLine + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        byte[] written = bytesOf(MimeMessageSources.of(message));

        assertSevenBit(written);
        assertThat(parse(written).getInputStream().readAllBytes()).isEqualTo(data);
    }

    @Test
    void builtMultipartWithAttachmentIsSevenBit() throws Exception {
        byte[] attachment = new byte[1024];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) i;
        }
        MimeMessage message = newMessage();
        MimeBodyPart text = new MimeBodyPart();
        text.setText(GERMAN, "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(attachment, "image/png")));
        file.setFileName("pixels.png");
        message.setContent(new MimeMultipart(text, file));

        byte[] written = bytesOf(MimeMessageSources.of(message));

        assertSevenBit(written);
        MimeMessage sent = parse(written);
        assertThat(leaves(sent))
                .containsExactly(
                        MimeFixtures.Leaf.of("text/plain", "UTF-8", null, GERMAN.getBytes(StandardCharsets.UTF_8)),
                        MimeFixtures.Leaf.of("image/png", null, "pixels.png", attachment));
        assertThat(leafEncodings(sent)).containsExactly("quoted-printable", "base64");
    }

    @Test
    void nonTextWithBareLineFeedsBecomesBase64() throws Exception {
        byte[] csv = "a,b\nc,d\n".getBytes(StandardCharsets.US_ASCII);
        MimeMessage message = newMessage();
        message.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(csv, "application/csv")));

        byte[] written = bytesOf(MimeMessageSources.of(message));

        MimeMessage sent = parse(written);
        assertThat(sent.getEncoding()).isEqualTo("base64");
        assertThat(sent.getInputStream().readAllBytes()).isEqualTo(csv);
    }

    @Test
    void encapsulatedMessageIsConvertedAndKeepsItsIdentity() throws Exception {
        List<MimeFixtures.Leaf> original = leaves(fixture("forwarded-eight-bit.eml"));

        byte[] written = bytesOf(MimeMessageSources.of(fixture("forwarded-eight-bit.eml")));

        assertSevenBit(written);
        MimeMessage sent = parse(written);
        assertThat(leaves(sent)).containsExactlyElementsOf(original);
        MimeMessage nested =
                (MimeMessage) ((MimeMultipart) sent.getContent()).getBodyPart(1).getContent();
        assertThat(nested.getMessageID()).isEqualTo("<original@example.org>");
        assertThat(nested.getHeader("Date")).isNull();
        assertThat(nested.getEncoding()).isEqualTo("quoted-printable");
    }

    @Test
    void signedMultipartIsSentAsItIs() throws Exception {
        MimeMessage original = fixture("signed-eight-bit.eml");
        byte[] originalBody = original.getRawInputStream().readAllBytes();

        MimeMessage sent = parse(bytesOf(MimeMessageSources.of(fixture("signed-eight-bit.eml"))));

        assertThat(sent.getRawInputStream().readAllBytes()).isEqualTo(originalBody);
    }

    @Test
    void bccOmittedFromWrittenBytes() throws Exception {
        MimeMessage message = newMessage();
        message.setRecipients(RecipientType.BCC, "hidden@example.com");
        message.setText("text");

        byte[] written = bytesOf(MimeMessageSources.of(message));

        assertThat(new String(written, StandardCharsets.US_ASCII)).doesNotContainIgnoringCase("bcc");
        assertThat(parse(written).getRecipients(RecipientType.BCC)).isNull();
        assertThat(MimeMessageSources.envelopeOf(message, null).recipients()).contains("hidden@example.com");
    }

    @Test
    void existingMessageIdIsKept() throws Exception {
        MimeMessage message = fixture("eight-bit-parts.eml");

        MimeMessage sent = parse(bytesOf(MimeMessageSources.of(message)));

        assertThat(sent.getMessageID()).isEqualTo("<eight-bit-parts@example.org>");
        assertThat(message.getMessageID()).isEqualTo("<eight-bit-parts@example.org>");
    }

    @Test
    void missingMessageIdAndDateAreAdded() throws Exception {
        MimeMessage message = newMessage();
        message.setText("text");

        MimeMessage sent = parse(bytesOf(MimeMessageSources.of(message)));

        assertThat(sent.getMessageID()).isNotBlank().isEqualTo(message.getMessageID());
        assertThat(sent.getSentDate()).isNotNull();
    }

    @Test
    void envelopeTakesSenderBeforeFrom() throws Exception {
        MimeMessage message = newMessage();
        message.setSender(new InternetAddress("list-owner@example.org"));

        Envelope envelope = MimeMessageSources.envelopeOf(message, "default@example.org");

        assertThat(envelope.reversePath()).isEqualTo("list-owner@example.org");
    }

    @Test
    void envelopeTakesFirstFromAddress() throws Exception {
        MimeMessage message = newMessage();
        message.setFrom("Anna <anna@example.org>, Bob <bob@example.org>");

        Envelope envelope = MimeMessageSources.envelopeOf(message, "default@example.org");

        assertThat(envelope.reversePath()).isEqualTo("anna@example.org");
    }

    @Test
    void envelopeFallsBackToDefaultSender() throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setRecipients(RecipientType.TO, "b@example.net");

        assertThat(MimeMessageSources.envelopeOf(message, "default@example.org").reversePath())
                .isEqualTo("default@example.org");
        assertThat(MimeMessageSources.envelopeOf(message, "<>").hasNullReversePath())
                .isTrue();
    }

    @Test
    void envelopeWithoutSenderIsRejected() throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setRecipients(RecipientType.TO, "b@example.net");

        assertThatThrownBy(() -> MimeMessageSources.envelopeOf(message, null))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("no Sender or From address");
    }

    @Test
    void envelopeListsEveryRecipientOnce() throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom("a@example.org");
        message.setRecipients(RecipientType.TO, "to@example.net, team: x@example.net, y@example.net;");
        message.setRecipients(RecipientType.CC, "cc@example.net, to@example.net");
        message.setRecipients(RecipientType.BCC, "bcc@example.net");
        message.addRecipient(MimeMessage.RecipientType.NEWSGROUPS, new NewsAddress("comp.mail.misc"));

        Envelope envelope = MimeMessageSources.envelopeOf(message, null);

        assertThat(envelope.recipients())
                .containsExactly(
                        "to@example.net", "x@example.net", "y@example.net", "cc@example.net", "bcc@example.net");
    }

    @Test
    void envelopeWithoutRecipientsIsRejected() throws Exception {
        MimeMessage message = newMessage();
        message.setRecipients(RecipientType.TO, "undisclosed-recipients:;");

        assertThatThrownBy(() -> MimeMessageSources.envelopeOf(message, null))
                .isInstanceOf(SendFailedException.class)
                .hasMessageContaining("No recipient addresses");
    }

    private static MimeMessage newMessage() throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom("a@example.org");
        message.setRecipients(RecipientType.TO, "b@example.net");
        message.setSubject("test");
        return message;
    }
}
