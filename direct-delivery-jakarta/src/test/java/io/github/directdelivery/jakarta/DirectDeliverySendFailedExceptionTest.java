package io.github.directdelivery.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.SmtpReply;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectDeliverySendFailedExceptionTest {

    private static final Instant NOW = Instant.parse("2025-06-02T10:00:00Z");

    @Test
    void statusesMapToTheThreeLists() throws Exception {
        DeliveryReport report = report(
                result("sent@example.net", DeliveryStatus.DELIVERED, 250, "2.0.0", "queued"),
                result("later@example.net", DeliveryStatus.DEFERRED, 451, "4.7.1", "greylisted"),
                result("nobody@example.net", DeliveryStatus.FAILED, 550, "5.1.1", "no such user"));
        Address[] given = InternetAddress.parse(
                "Sent <sent@example.net>, Later <later@example.net>, Nobody <nobody@example.net>");

        DirectDeliverySendFailedException failure = new DirectDeliverySendFailedException(report, given);

        assertThat(failure.getValidSentAddresses()).containsExactly(given[0]);
        assertThat(failure.getValidUnsentAddresses()).containsExactly(given[1]);
        assertThat(failure.getInvalidAddresses()).containsExactly(given[2]);
        assertThat(failure.report()).isSameAs(report);
        assertThat(failure.result(given[2]).orElseThrow().code()).isEqualTo(550);
        assertThat(failure.result(given[2]).orElseThrow().enhancedCode()).hasToString("5.1.1");
        assertThat(failure.result(given[2]).orElseThrow().host()).isEqualTo("mx.example.net");
    }

    @Test
    void messageNamesUndeliveredRecipients() {
        DeliveryReport report = report(
                result("sent@example.net", DeliveryStatus.DELIVERED, 250, "2.0.0", "queued"),
                result("nobody@example.net", DeliveryStatus.FAILED, 550, "5.1.1", "no such user"));

        DirectDeliverySendFailedException failure = new DirectDeliverySendFailedException(report);

        assertThat(failure)
                .hasMessage("Not delivered to 1 of 2 recipients: "
                        + "nobody@example.net FAILED 550 5.1.1 no such user (mx.example.net)");
    }

    @Test
    void messageSummarisesManyRecipients() {
        List<RecipientResult> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(result("user" + i + "@example.net", DeliveryStatus.DEFERRED, 421, "4.3.2", "busy"));
        }

        DirectDeliverySendFailedException failure =
                new DirectDeliverySendFailedException(new DeliveryReport(results, NOW, NOW, List.of()));

        assertThat(failure.getMessage()).startsWith("Not delivered to 8 of 8 recipients: user0@example.net");
        assertThat(failure.getMessage()).contains("user4@example.net").doesNotContain("user5@example.net");
        assertThat(failure.getMessage()).endsWith("; and 3 more");
    }

    @Test
    void reportBuiltAddressesMatchGivenOnes() throws Exception {
        DeliveryReport report = report(
                result("nobody@example.net", DeliveryStatus.FAILED, 550, "5.1.1", "no such user"),
                result("later@example.net", DeliveryStatus.DEFERRED, 451, "4.7.1", "greylisted"));

        DirectDeliverySendFailedException failure = new DirectDeliverySendFailedException(report);

        assertThat(failure.getValidSentAddresses()).isEmpty();
        assertThat(failure.getValidUnsentAddresses()).containsExactly(new InternetAddress("later@example.net"));
        assertThat(failure.getInvalidAddresses()).containsExactly(new InternetAddress("Nobody <nobody@example.net>"));
    }

    @Test
    void allDeliveredIsRejected() {
        DeliveryReport report = report(result("sent@example.net", DeliveryStatus.DELIVERED, 250, "2.0.0", "queued"));

        assertThatThrownBy(() -> new DirectDeliverySendFailedException(report))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Every recipient was delivered");
    }

    @Test
    void recipientWithoutResultIsRejected() throws Exception {
        DeliveryReport report = report(result("nobody@example.net", DeliveryStatus.FAILED, 550, "5.1.1", "no"));
        Address[] given = InternetAddress.parse("other@example.net");

        assertThatThrownBy(() -> new DirectDeliverySendFailedException(report, given))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no result for other@example.net");
    }

    private static DeliveryReport report(RecipientResult... results) {
        return new DeliveryReport(List.of(results), NOW, NOW, List.of());
    }

    private static RecipientResult result(
            String recipient, DeliveryStatus status, int code, String enhanced, String text) {
        EnhancedStatusCode enhancedCode = EnhancedStatusCode.parse(enhanced);
        return new RecipientResult(
                recipient,
                status,
                SmtpReply.of(code, enhancedCode, text),
                enhancedCode,
                text,
                "mx.example.net",
                null,
                null,
                false,
                false,
                1,
                NOW);
    }
}
