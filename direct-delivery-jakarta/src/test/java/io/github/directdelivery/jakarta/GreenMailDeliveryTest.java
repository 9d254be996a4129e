package io.github.directdelivery.jakarta;

import static io.github.directdelivery.jakarta.FakeInternetSessions.greenMailMx;
import static io.github.directdelivery.jakarta.FakeInternetSessions.properties;
import static io.github.directdelivery.jakarta.FakeInternetSessions.session;
import static io.github.directdelivery.jakarta.MimeFixtures.leaves;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.github.directdelivery.testkit.FakeInternet;
import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivers messages through the mx transport to GreenMail as the recipient domain's MX host, and
 * compares every part that arrived, decoded, with the original.
 */
class GreenMailDeliveryTest {

    // GreenMail drops the CRLF before the final dot, so single-part bodies here end without a line break.
    private static final String TEXT = "Hello Anna,\r\nthe report is attached.";

    private FakeInternet internet;
    private GreenMail greenMail;

    @BeforeEach
    void startNetwork() throws Exception {
        internet = FakeInternet.start();
        greenMail = greenMailMx(internet, "example.net", "mx.example.net");
    }

    @AfterEach
    void stopNetwork() {
        greenMail.stop();
        internet.close();
    }

    @Test
    void plainTextArrivesIntact() throws Exception {
        Session session = session(internet);
        MimeMessage message = message(session);
        message.setSubject("plain text");
        message.setText(TEXT, "US-ASCII");

        send(session, message);

        MimeMessage received = onlyReceived();
        assertThat(received.getSubject()).isEqualTo("plain text");
        assertThat(received.getFrom()).containsExactly(new InternetAddress("joerg@example.org"));
        assertThat(received.getRecipients(RecipientType.TO)).containsExactly(new InternetAddress("anna@example.net"));
        assertThat(received.getContent()).isEqualTo(TEXT);
        assertThat(received.getMessageID()).isEqualTo(message.getMessageID());
    }

    @Test
    void multipartWithAttachmentArrivesIntact() throws Exception {
        byte[] pdf = new byte[20_000];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 31 + 7);
        }
        Session session = session(internet);
        MimeMessage message = message(session);
        message.setSubject("multipart");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Grüße, the report is attached.\r\n", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Grüße, the report is attached.</p>", "UTF-8", "html");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        attachment.setFileName("report.pdf");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        message.setContent(new MimeMultipart(body, attachment));
        message.saveChanges();
        List<MimeFixtures.Leaf> original = leaves(message);

        send(session, message);

        MimeMessage received = onlyReceived();
        assertThat(leaves(received)).containsExactlyElementsOf(original);
        assertThat(leaves(received)).extracting(MimeFixtures.Leaf::fileName).contains("report.pdf");
    }

    @Test
    void utf8SubjectAndNamesArriveIntact() throws Exception {
        String subject = "Grüße aus Köln – 東京からのお知らせ 🙂";
        String body = "Zoë, Ærøskøbing and 東京 say hello 🙂";
        Session session = session(internet);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("joerg@example.org", "Jörg Müller", "UTF-8"));
        message.setRecipient(RecipientType.TO, new InternetAddress("zoe@example.net", "Zoë Çelik", "UTF-8"));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");

        send(session, message);

        MimeMessage received = onlyReceived();
        assertThat(received.getSubject()).isEqualTo(subject);
        assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("Jörg Müller");
        assertThat(((InternetAddress) received.getRecipients(RecipientType.TO)[0]).getPersonal())
                .isEqualTo("Zoë Çelik");
        assertThat(received.getContent()).isEqualTo(body);
    }

    @Test
    void parsedEightBitMessageArrivesIntact() throws Exception {
        List<MimeFixtures.Leaf> original = leaves(MimeFixtures.fixture("eight-bit-parts.eml"));
        Session session = session(internet);
        MimeMessage message;
        try (InputStream input = getClass().getResourceAsStream("/messages/eight-bit-parts.eml")) {
            message = new MimeMessage(session, input);
        }

        send(session, message);

        MimeMessage received = onlyReceived();
        assertThat(received.getMessageID()).isEqualTo("<eight-bit-parts@example.org>");
        assertThat(received.getSubject()).isEqualTo("Grüße aus Köln");
        assertThat(leaves(received)).containsExactlyElementsOf(original);
    }

    @Test
    void longBodyLineArrivesIntact() throws Exception {
        String line = "The quick brown fox jumps over the lazy dog. ".repeat(45).substring(0, 2000);
        Session session = session(internet);
        MimeMessage message = message(session);
        message.setSubject("long line");
        message.setText(line + "\r\nend", "US-ASCII");

        send(session, message);

        MimeMessage received = onlyReceived();
        assertThat(received.getEncoding()).isEqualTo("quoted-printable");
        assertThat(received.getContent()).isEqualTo(line + "\r\nend");
    }

    @Test
    void bccRecipientReceivesMessageWithoutBccField() throws Exception {
        Session session = session(internet);
        MimeMessage message = message(session);
        message.setRecipients(RecipientType.BCC, "hidden@example.net");
        message.setSubject("blind copy");
        message.setText(TEXT);

        send(session, message);

        assertThat(greenMail.waitForIncomingEmail(30_000, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(greenMail.getUserManager().getUserByEmail("hidden@example.net"))
                .isNotNull();
        for (MimeMessage received : greenMail.getReceivedMessages()) {
            assertThat(received.getHeader("Bcc")).isNull();
            assertThat(GreenMailUtil.getWholeMessage(received)).doesNotContain("hidden@example.net");
        }
    }

    @Test
    void staticSendUsesMxForInternetAddresses() throws Exception {
        Properties properties = properties(internet);
        properties.remove("mail.transport.protocol");
        properties.setProperty("mail.transport.protocol.rfc822", "mx");
        // Were the smtp transport used, it would try this port on loopback and fail.
        properties.setProperty("mail.smtp.port", "1");
        Session session = Session.getInstance(properties);
        MimeMessage message = message(session);
        message.setSubject("static send");
        message.setText(TEXT);

        Transport.send(message);

        MimeMessage received = onlyReceived();
        assertThat(received.getSubject()).isEqualTo("static send");
        assertThat(received.getContent()).isEqualTo(TEXT);
        assertThat(received.getHeader("Received")[0]).contains(FakeInternetSessions.HELO);
    }

    private static MimeMessage message(Session session) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("joerg@example.org");
        message.setRecipients(RecipientType.TO, "anna@example.net");
        return message;
    }

    private static void send(Session session, MimeMessage message) throws Exception {
        try (Transport transport = session.getTransport()) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private MimeMessage onlyReceived() {
        assertThat(greenMail.waitForIncomingEmail(30_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }
}
