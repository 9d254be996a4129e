package io.github.directdelivery.e2e;

import static io.github.directdelivery.e2e.ExpectedMessage.ContentCommand.BDAT;
import static io.github.directdelivery.e2e.ExpectedMessage.ContentCommand.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedMessageTest {

    private static final String HELO = "client.e2e.test";
    private static final String MESSAGE_ID =
            "Message-ID: <1796420155467.b33c93ff2ee2563b41ca963a4d1ff4bf@client.e2e.test>";
    private static final String DATE = "Date: Fri, 4 Dec 2026 21:35:55 +0000";

    @Test
    void completeMessageArrivesWithLfLineEndings() {
        ExpectedMessage expected = ExpectedMessage.of(
                bytes(
                        "Subject: a\r\nMessage-ID: <1@x>\r\nDate: Fri, 4 Dec 2026 12:00:00 +0000\r\n\r\nbody\r\n.dot\r\n"),
                HELO,
                BDAT);

        assertThat(expected.differences()).isEmpty();
        assertThat(expected.mismatch(lines(
                        "Subject: a", "Message-ID: <1@x>", "Date: Fri, 4 Dec 2026 12:00:00 +0000", "", "body", ".dot")))
                .isEmpty();
    }

    @Test
    void bareLineEndingsAndMissingLastOneAreLines() {
        ExpectedMessage expected = ExpectedMessage.of(bytes("Message-ID: <1@x>\nDate: d\r\rbody\rlast"), HELO, BDAT);

        assertThat(expected.mismatch(lines("Message-ID: <1@x>", "Date: d", "", "body", "last")))
                .isEmpty();
    }

    @Test
    void mboxFromLineIsDropped() {
        ExpectedMessage expected = ExpectedMessage.of(
                bytes("From someone@example.com Mon May  2 16:07:05 2011\r\nMessage-ID: <1@x>\r\nDate: d\r\n\r\nb\r\n"),
                HELO,
                DATA);

        assertThat(expected.differences()).containsExactly(Difference.MBOX_LINE_DROPPED);
        assertThat(expected.mismatch(lines("Message-ID: <1@x>", "Date: d", "", "b")))
                .isEmpty();
    }

    @Test
    void bccWithItsContinuationIsRemoved() {
        ExpectedMessage expected = ExpectedMessage.of(
                bytes("To: a@x\r\nBcc: b@x,\r\n c@x\r\nResent-Bcc: d@x\r\nMessage-ID: <1@x>\r\nDate: d\r\n\r\nb\r\n"),
                HELO,
                BDAT);

        assertThat(expected.differences()).containsExactly(Difference.BCC_REMOVED);
        assertThat(expected.mismatch(lines("To: a@x", "Message-ID: <1@x>", "Date: d", "", "b")))
                .isEmpty();
    }

    @Test
    void generatedFieldsFollowTheLastField() {
        ExpectedMessage expected = ExpectedMessage.of(bytes("Subject: a\r\n\r\nbody\r\n"), HELO, BDAT);

        assertThat(expected.differences()).containsExactly(Difference.MESSAGE_ID_ADDED, Difference.DATE_ADDED);
        assertThat(expected.mismatch(lines("Subject: a", MESSAGE_ID, DATE, "", "body")))
                .isEmpty();
    }

    @Test
    void generatedMessageIdMustNameTheHeloName() {
        ExpectedMessage expected = ExpectedMessage.of(bytes("Subject: a\r\n\r\nbody\r\n"), HELO, BDAT);

        assertThat(expected.mismatch(
                        lines("Subject: a", MESSAGE_ID.replace("client.e2e.test", "other.test"), DATE, "", "body")))
                .hasValueSatisfying(mismatch -> assertThat(mismatch).startsWith("line 2 of the message differs"));
    }

    @Test
    void blanksBeforeColonAreRemoved() {
        ExpectedMessage expected = ExpectedMessage.of(
                bytes("From  : a@x\r\nTo\t: b@x\r\nMessage-ID: <1@x>\r\nDate: d\r\n\r\nb\r\n"), HELO, BDAT);

        assertThat(expected.differences()).containsExactly(Difference.BLANKS_BEFORE_COLON_REMOVED);
        assertThat(expected.mismatch(lines("From: a@x", "To: b@x", "Message-ID: <1@x>", "Date: d", "", "b")))
                .isEmpty();
    }

    @Test
    void firstLineFromBecomesMailboxLineOnlyAfterData() {
        byte[] sent = bytes("From  : a@x\r\nMessage-ID: <1@x>\r\nDate: d\r\n\r\nb\r\n");

        ExpectedMessage data = ExpectedMessage.of(sent, HELO, DATA);

        assertThat(data.differences()).containsExactly(Difference.MAILBOX_LINE_FIELD);
        assertThat(data.mismatch(lines("X-Mailbox-Line: From  : a@x", "Message-ID: <1@x>", "Date: d", "", "b")))
                .isEmpty();
        assertThat(ExpectedMessage.of(sent, HELO, BDAT).differences())
                .containsExactly(Difference.BLANKS_BEFORE_COLON_REMOVED);
    }

    @Test
    void lineThatIsNoFieldEndsTheHeaderAfterAnEmptyLine() {
        ExpectedMessage expected =
                ExpectedMessage.of(bytes("To: a@x\r\n__\r\nSubject : s\r\n\r\nbody\r\n"), HELO, BDAT);

        assertThat(expected.differences())
                .containsExactly(Difference.MESSAGE_ID_ADDED, Difference.DATE_ADDED, Difference.EMPTY_LINE_INSERTED);
        assertThat(expected.mismatch(lines("To: a@x", MESSAGE_ID, DATE, "", "__", "Subject : s", "", "body")))
                .isEmpty();
    }

    @Test
    void leadingContinuationLineIsNoField() {
        ExpectedMessage expected = ExpectedMessage.of(bytes(" folded\r\nTo: a@x\r\n\r\nbody\r\n"), HELO, BDAT);

        assertThat(expected.mismatch(lines(MESSAGE_ID, DATE, "", " folded", "To: a@x", "", "body")))
                .isEmpty();
        assertThat(expected.differences()).doesNotContain(Difference.EMPTY_LINE_INSERTED);
    }

    @Test
    void changedByteIsReportedWithItsLine() {
        ExpectedMessage expected =
                ExpectedMessage.of(bytes("Message-ID: <1@x>\r\nDate: d\r\n\r\nb\u00e9\r\n"), HELO, BDAT);

        assertThat(expected.mismatch(lines("Message-ID: <1@x>", "Date: d", "", "b?")))
                .hasValue("line 4 of the message differs: expected \"b\\xc3\\xa9\" but arrived \"b?\"");
    }

    @Test
    void extraLineIsReported() {
        ExpectedMessage expected = ExpectedMessage.of(bytes("Message-ID: <1@x>\r\nDate: d\r\n\r\nb\r\n"), HELO, BDAT);

        assertThat(expected.mismatch(lines("Message-ID: <1@x>", "Date: d", "", "b", "")))
                .hasValue("expected 4 lines but 5 arrived; first extra: arrived \"\"");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> lines(String... lines) {
        return List.of(lines).stream().map(ExpectedMessageTest::bytes).toList();
    }
}
