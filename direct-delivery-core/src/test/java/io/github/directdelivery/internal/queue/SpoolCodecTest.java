package io.github.directdelivery.internal.queue;

import static io.github.directdelivery.internal.queue.SpoolSamples.SUBMITTED;
import static io.github.directdelivery.internal.queue.SpoolSamples.delivered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.DsnOptions;
import io.github.directdelivery.EnhancedStatusCode;
import io.github.directdelivery.Envelope;
import io.github.directdelivery.QueueId;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.TlsInfo;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpoolCodecTest {

    @Test
    void headerSurvivesEncoding() throws Exception {
        Envelope envelope = new Envelope(
                "sender@bücher.example",
                List.of("a@example.org", "b@example.net"),
                new DsnOptions(
                        Set.of(DsnOptions.Notify.FAILURE, DsnOptions.Notify.DELAY),
                        DsnOptions.Return.HEADERS,
                        "env-1"));
        MessageHeader header = new MessageHeader(new QueueId("0194f3c2a1b7-5e0c9a17d2b44f08"), SUBMITTED, envelope);

        assertThat(SpoolCodec.decodeHeader(SpoolCodec.encodeHeader(header))).isEqualTo(header);
    }

    @Test
    void bareHeaderSurvivesEncoding() throws Exception {
        MessageHeader header = new MessageHeader(new QueueId("m1"), SUBMITTED, Envelope.of("", "a@example.org"));

        assertThat(SpoolCodec.decodeHeader(SpoolCodec.encodeHeader(header))).isEqualTo(header);
    }

    @Test
    void everyRecordTypeSurvivesEncoding() throws Exception {
        RecipientResult deferred = new RecipientResult(
                "b@example.org",
                DeliveryStatus.DEFERRED,
                new SmtpReply(451, EnhancedStatusCode.parse("4.7.1"), List.of("greylisted", "come back later")),
                EnhancedStatusCode.parse("4.7.1"),
                "greylisted come back later",
                "mx.example.org",
                InetAddress.getByName("2001:db8::25"),
                new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256"),
                false,
                true,
                3,
                SUBMITTED.plusSeconds(60));
        RecipientResult local = new RecipientResult(
                "c@example.org",
                DeliveryStatus.FAILED,
                null,
                EnhancedStatusCode.NULL_MX,
                "example.org accepts no mail",
                null,
                null,
                null,
                true,
                false,
                1,
                SUBMITTED.plusNanos(123_456_789));
        List<StateRecord> records = List.of(
                new StateRecord.Decided(List.of(
                        new StateRecord.IndexedResult(0, delivered("a@example.org")),
                        new StateRecord.IndexedResult(2, local))),
                new StateRecord.Deferred(
                        3, SUBMITTED.plusSeconds(600), List.of(new StateRecord.IndexedResult(1, deferred))),
                new StateRecord.Notified(DsnOptions.Notify.FAILURE, List.of(2), new QueueId("dsn-1")),
                new StateRecord.Notified(DsnOptions.Notify.DELAY, List.of(1), new QueueId("dsn-2")));

        for (StateRecord record : records) {
            assertThat(SpoolCodec.decodeRecord(SpoolCodec.encodeRecord(record))).isEqualTo(record);
        }
    }

    @Test
    void malformedRecordsAreReportedAsCorruption() {
        byte[] valid = SpoolCodec.encodeRecord(
                new StateRecord.Notified(DsnOptions.Notify.FAILURE, List.of(0), new QueueId("n")));

        byte[] unknownType = valid.clone();
        unknownType[0] = 9;
        byte[] cut = java.util.Arrays.copyOf(valid, valid.length - 1);
        byte[] longer = java.util.Arrays.copyOf(valid, valid.length + 1);

        assertThatThrownBy(() -> SpoolCodec.decodeRecord(unknownType))
                .isInstanceOf(CorruptSpoolFileException.class)
                .hasMessage("unknown state record type 9");
        assertThatThrownBy(() -> SpoolCodec.decodeRecord(cut)).isInstanceOf(CorruptSpoolFileException.class);
        assertThatThrownBy(() -> SpoolCodec.decodeRecord(longer))
                .isInstanceOf(CorruptSpoolFileException.class)
                .hasMessage("1 unexpected bytes after a record");
    }
}
