package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.TlsInfo;
import java.net.InetSocketAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link SmtpSession#deliver}: one outcome per recipient, in envelope order, and the
 * transactions that produced them.
 *
 * @param host the MX host name the session was opened for
 * @param address the address of the server that replied
 * @param tls the TLS parameters, or null for plaintext
 * @param recipients one outcome for every recipient of the envelope
 * @param transactions the MAIL transactions run, possibly none
 * @param failure why the session ended early, or null when it is still usable or was never at fault
 * @param transcript the dialogue since the previous outcome, when the settings keep it
 */
public record DeliveryOutcome(
        String host,
        InetSocketAddress address,
        @Nullable TlsInfo tls,
        List<RecipientOutcome> recipients,
        List<TransactionOutcome> transactions,
        @Nullable SessionFailure failure,
        List<TranscriptLine> transcript) {

    public DeliveryOutcome {
        recipients = List.copyOf(recipients);
        transactions = List.copyOf(transactions);
        transcript = List.copyOf(transcript);
    }
}
