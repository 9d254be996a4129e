package io.github.directdelivery.internal.smtp;

import io.github.directdelivery.DeliveryStatus;
import io.github.directdelivery.SmtpReply;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.internal.message.MessageContent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One MAIL transaction (RFC 5321 §3.3): MAIL, the RCPTs, then DATA or BDAT with the content.
 *
 * <p>With PIPELINING (RFC 2920) the commands go in batches of at most {@value #BATCH_OCTETS}
 * octets, and the replies of each batch are read before the next is written, so neither side can
 * block the other with full buffers. DATA joins the last batch; BDAT never does, because its
 * content follows at once and must not be sent before a recipient is accepted. Every reply is read
 * and matched to its command, until a 421 reply shows that the server is closing.
 *
 * <p>An instance is used once, by {@link SmtpSession}.
 */
final class MailTransaction {

    /** Commands written before the replies so far are read; small against any TCP buffer. */
    static final int BATCH_OCTETS = 8192;

    private final SmtpConnection connection;
    private final SmtpTimeouts timeouts;
    private final boolean pipelining;
    private final boolean chunking;
    private final MessageContent content;
    private final String mailCommand;
    private final List<String> recipients;
    private final List<String> rcptCommands = new ArrayList<>();
    private final boolean firstOnIdleConnection;

    private @Nullable SmtpReply mailReply;
    private final @Nullable SmtpReply[] rcptReplies;
    private @Nullable SmtpReply dataReply;
    private @Nullable SmtpReply closingReply;

    /** The result: the outcome, what still has to go to the next transaction, and the session state. */
    record Result(
            TransactionOutcome outcome,
            Map<String, SmtpReply> postponed,
            boolean needsReset,
            @Nullable SessionFailure failure) {}

    MailTransaction(
            SmtpConnection connection,
            Capabilities capabilities,
            SmtpTimeouts timeouts,
            SmtpEnvelope envelope,
            List<String> recipients,
            MessageContent content,
            boolean firstOnIdleConnection) {
        this.connection = connection;
        this.timeouts = timeouts;
        this.pipelining = capabilities.supports("PIPELINING");
        this.chunking = capabilities.supports("CHUNKING");
        this.content = content;
        this.recipients = List.copyOf(recipients);
        this.firstOnIdleConnection = firstOnIdleConnection;
        this.mailCommand = Commands.mail(
                envelope.sender(),
                MessageRequirements.mailParameters(capabilities, envelope, recipients, content.facts()));
        for (String recipient : recipients) {
            rcptCommands.add(Commands.rcpt(
                    recipient, MessageRequirements.rcptParameters(capabilities, envelope.dsn(), recipient)));
        }
        this.rcptReplies = new SmtpReply[recipients.size()];
    }

    Result run() {
        try {
            if (pipelining) {
                sendPipelined();
            } else {
                sendInTurn();
            }
        } catch (IOException e) {
            return broken(e, false, false);
        }
        return evaluate();
    }

    /** Sends MAIL, the RCPTs and (without CHUNKING) DATA in bounded batches, reading each batch's replies. */
    private void sendPipelined() throws IOException {
        List<String> commands = new ArrayList<>();
        commands.add(mailCommand);
        commands.addAll(rcptCommands);
        if (!chunking) {
            commands.add("DATA");
        }
        int unread = 0;
        int octets = 0;
        for (int i = 0; i < commands.size(); i++) {
            connection.writeLine(commands.get(i), commands.get(i));
            octets += commands.get(i).length() + 2;
            boolean last = i == commands.size() - 1;
            if (last || octets >= BATCH_OCTETS) {
                connection.flush(timeouts.write());
                readReplies(unread, i + 1);
                unread = i + 1;
                octets = 0;
                if (!last && (closingReply != null || !isPositive(mailReply))) {
                    // MAIL failed or the server is closing: the remaining commands would only be refused.
                    return;
                }
            }
        }
    }

    /** Sends one command at a time, stopping when MAIL fails, the server closes or no recipient is accepted. */
    private void sendInTurn() throws IOException {
        mailReply = execute(mailCommand, timeouts.mail(), "the reply to MAIL");
        if (!mailReply.isPositive() || closingReply != null) {
            return;
        }
        for (int i = 0; i < rcptCommands.size() && closingReply == null; i++) {
            rcptReplies[i] =
                    execute(rcptCommands.get(i), timeouts.rcpt(), "the reply to RCPT for " + recipients.get(i));
        }
        if (closingReply == null && !chunking && !accepted().isEmpty()) {
            dataReply = execute("DATA", timeouts.dataStart(), "the reply to DATA");
        }
    }

    /** Reads the replies of commands {@code from} (inclusive) to {@code to}: 0 is MAIL, then RCPTs, then DATA. */
    private void readReplies(int from, int to) throws IOException {
        for (int i = from; i < to && closingReply == null; i++) {
            if (i == 0) {
                mailReply = read(timeouts.mail(), "the reply to MAIL");
            } else if (i <= rcptReplies.length) {
                rcptReplies[i - 1] = read(timeouts.rcpt(), "the reply to RCPT for " + recipients.get(i - 1));
            } else {
                dataReply = read(timeouts.dataStart(), "the reply to DATA");
            }
        }
    }

    private Result evaluate() {
        SmtpReply mail = mailReply;
        if (mail == null || mail.code() == 421) {
            return closing(List.of(), null);
        }
        Map<String, RecipientOutcome> decided = new LinkedHashMap<>();
        Map<String, SmtpReply> postponed = new LinkedHashMap<>();
        if (!mail.isPositive()) {
            // RFC 2920 §3.1: the RCPT replies after a failed MAIL (usually 503) tell nothing about the
            // recipients, so every recipient takes MAIL's outcome.
            for (String recipient : recipients) {
                decided.put(recipient, outcome(recipient, mail));
            }
            return finishWithoutContent(decided, postponed);
        }
        for (int i = 0; i < recipients.size(); i++) {
            SmtpReply reply = rcptReplies[i];
            if (reply == null || reply.isPositive() || reply.code() == 421) {
                continue;
            }
            if (reply.code() == 452) {
                postponed.put(recipients.get(i), reply);
            } else {
                decided.put(recipients.get(i), outcome(recipients.get(i), reply));
            }
        }
        if (closingReply != null) {
            return closing(new ArrayList<>(decided.values()), null);
        }
        if (accepted().isEmpty()) {
            return finishWithoutContent(decided, postponed);
        }
        return sendContent(decided, postponed);
    }

    private Result sendContent(Map<String, RecipientOutcome> decided, Map<String, SmtpReply> postponed) {
        boolean complete = false;
        SmtpReply finalReply;
        try {
            if (chunking) {
                ContentWriter.writeBdat(connection, content, timeouts.dataBlock());
            } else {
                SmtpReply start =
                        dataReply != null ? dataReply : execute("DATA", timeouts.dataStart(), "the reply to DATA");
                if (start.code() != 354) {
                    return refusedData(start, decided, postponed);
                }
                ContentWriter.writeData(connection, content, timeouts.dataBlock());
            }
            complete = true;
            finalReply = readFinal();
        } catch (IOException e) {
            return broken(e, true, complete, decided, postponed);
        }
        for (String recipient : accepted()) {
            decided.put(
                    recipient,
                    new RecipientOutcome(
                            recipient, RecipientOutcome.classify(finalReply), finalReply, null, true, false));
        }
        TransactionOutcome outcome = outcome(ordered(decided), postponed, finalReply, true);
        if (closingReply != null) {
            connection.close();
            return new Result(outcome, Map.of(), false, closingFailure(closingReply));
        }
        return new Result(outcome, postponed, false, null);
    }

    /** The 354 was refused: the accepted recipients take that reply. */
    private Result refusedData(
            SmtpReply start, Map<String, RecipientOutcome> decided, Map<String, SmtpReply> postponed) {
        if (start.code() == 421) {
            return closing(new ArrayList<>(decided.values()), null);
        }
        if (start.isPositive() || start.isIntermediate()) {
            return broken(
                    new SmtpProtocolException("DATA got " + start + " instead of 354"),
                    false,
                    false,
                    decided,
                    postponed);
        }
        for (String recipient : accepted()) {
            decided.put(recipient, outcome(recipient, start));
        }
        return new Result(outcome(ordered(decided), postponed, null, false), postponed, true, null);
    }

    /**
     * Ends a transaction in which no content goes out. A 354 to a pipelined DATA still needs the end
     * of data: an empty message that the server discards since it has no recipients.
     */
    private Result finishWithoutContent(Map<String, RecipientOutcome> decided, Map<String, SmtpReply> postponed) {
        if (dataReply != null && dataReply.code() == 354) {
            try {
                connection.writeLine(".", ".");
                connection.flush(timeouts.write());
                read(timeouts.dataEnd(), "the reply to the end of the data");
            } catch (IOException e) {
                return broken(e, false, false, decided, postponed);
            }
            if (closingReply != null) {
                return closing(new ArrayList<>(decided.values()), null);
            }
        }
        return new Result(outcome(ordered(decided), postponed, null, false), postponed, true, null);
    }

    /** Ends the transaction after a 421: the undecided recipients are deferred with it, and the connection closes. */
    private Result closing(List<RecipientOutcome> alreadyDecided, @Nullable SmtpReply finalReply) {
        SmtpReply reply = closingReply != null ? closingReply : mailReply;
        boolean mailRefused = mailReply != null && mailReply.code() == 421;
        SessionFailure failure = firstOnIdleConnection && mailRefused
                ? SessionFailure.of(
                        SessionFailure.Kind.NEEDS_RECONNECT, "the idle connection was closed by the server", reply)
                : closingFailure(reply);
        Map<String, RecipientOutcome> decided = new LinkedHashMap<>();
        alreadyDecided.forEach(o -> decided.put(o.recipient(), o));
        for (String recipient : recipients) {
            decided.computeIfAbsent(
                    recipient, r -> new RecipientOutcome(r, DeliveryStatus.DEFERRED, reply, failure, false, false));
        }
        connection.close();
        return new Result(outcome(ordered(decided), Map.of(), finalReply, false), Map.of(), false, failure);
    }

    private Result broken(IOException e, boolean contentStarted, boolean contentComplete) {
        return broken(e, contentStarted, contentComplete, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /**
     * The transport failed: undecided recipients are deferred. Once the content was sent
     * completely, the server may have taken it, so the outcome is unknown.
     */
    private Result broken(
            IOException e,
            boolean contentStarted,
            boolean contentComplete,
            Map<String, RecipientOutcome> decided,
            Map<String, SmtpReply> postponed) {
        connection.close();
        SessionFailure failure = transportFailure(e, contentStarted);
        for (String recipient : recipients) {
            decided.computeIfAbsent(
                    recipient,
                    r -> new RecipientOutcome(
                            r, DeliveryStatus.DEFERRED, null, failure, contentComplete, contentComplete));
        }
        postponed.clear();
        return new Result(outcome(ordered(decided), Map.of(), null, contentComplete), Map.of(), false, failure);
    }

    private SessionFailure transportFailure(IOException e, boolean contentStarted) {
        if (e instanceof SendDeadlineException passed) {
            return passed.toFailure(SessionFailure.Kind.TIMEOUT);
        }
        if (e instanceof MessageSourceException) {
            return SessionFailure.of(SessionFailure.Kind.MESSAGE_SOURCE_FAILED, "transfer abandoned", e);
        }
        if (e instanceof SmtpProtocolException) {
            return SessionFailure.of(SessionFailure.Kind.PROTOCOL_ERROR, "protocol error in the transaction", e);
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return SessionFailure.of(SessionFailure.Kind.TIMEOUT, "timed out in the transaction", e);
        }
        if (firstOnIdleConnection && mailReply == null && !contentStarted) {
            return SessionFailure.of(SessionFailure.Kind.NEEDS_RECONNECT, "the idle connection was closed", e);
        }
        return SessionFailure.of(SessionFailure.Kind.CONNECTION_LOST, "connection lost in the transaction", e);
    }

    private static SessionFailure closingFailure(@Nullable SmtpReply reply) {
        return SessionFailure.of(SessionFailure.Kind.SERVER_CLOSING, "the server is closing the connection", reply);
    }

    private SmtpReply execute(String command, Duration timeout, String awaited) throws IOException {
        connection.writeLine(command, command);
        connection.flush(timeouts.write());
        return read(timeout, awaited);
    }

    /** Reads a reply and remembers a 421, after which no further command or reply is expected. */
    private SmtpReply read(Duration timeout, String awaited) throws IOException {
        return remember(connection.readReply(timeout, awaited));
    }

    /**
     * Reads the reply to the end of the data with its own timeout only. The send deadline no
     * longer applies: the server may have taken the message, so the client waits for its verdict.
     */
    private SmtpReply readFinal() throws IOException {
        return remember(connection.readFinalReply(timeouts.dataEnd()));
    }

    private SmtpReply remember(SmtpReply reply) {
        if (reply.code() == 421) {
            closingReply = reply;
        }
        return reply;
    }

    private List<String> accepted() {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            SmtpReply reply = rcptReplies[i];
            if (reply != null && reply.isPositive()) {
                accepted.add(recipients.get(i));
            }
        }
        return accepted;
    }

    private List<RecipientOutcome> ordered(Map<String, RecipientOutcome> decided) {
        List<RecipientOutcome> result = new ArrayList<>();
        for (String recipient : recipients) {
            RecipientOutcome outcome = decided.get(recipient);
            if (outcome != null) {
                result.add(outcome);
            }
        }
        return result;
    }

    private TransactionOutcome outcome(
            List<RecipientOutcome> decided,
            Map<String, SmtpReply> postponed,
            @Nullable SmtpReply finalReply,
            boolean dataSent) {
        return new TransactionOutcome(
                mailCommand, mailReply, decided, new ArrayList<>(postponed.keySet()), finalReply, dataSent);
    }

    private static RecipientOutcome outcome(String recipient, SmtpReply reply) {
        return new RecipientOutcome(recipient, RecipientOutcome.classify(reply), reply, null, false, false);
    }

    private static boolean isPositive(@Nullable SmtpReply reply) {
        return reply != null && reply.isPositive();
    }
}
