package io.github.directdelivery.jakarta;

import static io.github.directdelivery.jakarta.MimeFixtures.SESSION;
import static io.github.directdelivery.jakarta.MimeFixtures.assertSevenBit;
import static io.github.directdelivery.jakarta.MimeFixtures.bytesOf;
import static io.github.directdelivery.jakarta.MimeFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Any text or data, built or parsed, is written as 7-bit data and decodes to what it was. */
class MimeMessageSourcesPropertyTest {

    @Property(tries = 200)
    void builtTextSurvives(@ForAll("texts") String text) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom("a@example.org");
        message.setText(text, "UTF-8");

        byte[] written = bytesOf(MimeMessageSources.of(message));

        assertSevenBit(written);
        assertThat(lines((String) parse(written).getContent())).isEqualTo(lines(text));
    }

    @Property(tries = 200)
    void parsedEightBitTextSurvives(@ForAll("texts") String text) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(("From: a@example.org\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        raw.writeBytes(text.getBytes(StandardCharsets.UTF_8));

        byte[] written = bytesOf(MimeMessageSources.of(parse(raw.toByteArray())));

        assertSevenBit(written);
        assertThat(lines((String) parse(written).getContent())).isEqualTo(lines(text));
    }

    @Property(tries = 200)
    void attachedBytesSurviveExactly(@ForAll @Size(max = 4000) byte[] data) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom("a@example.org");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("see the attachment", "US-ASCII");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(data, "application/octet-stream")));
        attachment.setFileName("data.bin");
        message.setContent(new MimeMultipart(text, attachment));

        byte[] written = bytesOf(MimeMessageSources.of(message));

        assertSevenBit(written);
        MimeMultipart sent = (MimeMultipart) parse(written).getContent();
        assertThat(sent.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(data);
    }

    /** Text of ASCII, Latin, CJK and emoji characters, with line breaks of every kind and lines up to 3,000 characters. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(3000);
        Arbitrary<String> latin =
                Arbitraries.strings().withCharRange('\u00a0', '\u024f').ofMaxLength(200);
        Arbitrary<String> cjk =
                Arbitraries.strings().withCharRange('\u4e00', '\u4fff').ofMaxLength(200);
        Arbitrary<String> emoji = Arbitraries.of("\ud83d\ude42", "\ud83d\udce7", "\u2603");
        Arbitrary<String> breaks = Arbitraries.of("\r\n", "\n", "\r", "\t", " ", "\u0000");
        return Arbitraries.oneOf(ascii, latin, cjk, emoji, breaks)
                .list()
                .ofMaxSize(12)
                .map(pieces -> String.join("", pieces));
    }

    /** Returns the text with every line break written as LF, since SMTP sends each one as CRLF. */
    private static String lines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
