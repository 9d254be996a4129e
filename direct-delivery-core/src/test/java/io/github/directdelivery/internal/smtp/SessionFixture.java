package io.github.directdelivery.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.directdelivery.MessageSource;
import io.github.directdelivery.SmtpTimeouts;
import io.github.directdelivery.internal.message.MessageContent;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Shared setup for session tests: short timeouts, one watchdog scheduler, helpers to open and inspect. */
final class SessionFixture {

    static final String MX = "mx.example.net";
    static final String HELO = "client.example.org";
    static final Duration WAIT = Duration.ofSeconds(10);

    static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "test-write-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private SessionFixture() {}

    /** Settings with five-second limits and the transcript kept. */
    static SmtpSettings.Builder settings() {
        return SmtpSettings.builder(HELO, SCHEDULER)
                .timeouts(SmtpTimeouts.uniform(Duration.ofSeconds(5)))
                .keepTranscript(true);
    }

    static OpenResult connect(ScriptedSmtpServer server, SmtpSettings settings) {
        return SmtpSession.open(MX, server.address(), settings);
    }

    static SmtpSession open(ScriptedSmtpServer server) {
        return open(server, settings().build());
    }

    static SmtpSession open(ScriptedSmtpServer server, SmtpSettings settings) {
        OpenResult result = connect(server, settings);
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        return ((OpenResult.Opened) result).session();
    }

    static SessionFailure openFailure(ScriptedSmtpServer server, SmtpSettings settings) {
        OpenResult result = connect(server, settings);
        assertThat(result).isInstanceOf(OpenResult.Failed.class);
        return ((OpenResult.Failed) result).failure();
    }

    static MessageContent message(String text) {
        return message(text.getBytes(StandardCharsets.UTF_8));
    }

    static MessageContent message(byte[] bytes) {
        try {
            return MessageContent.scan(MessageSource.ofBytes(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns everything the client sent on connection {@code index}, once the server has finished with it. */
    static String wire(ScriptedSmtpServer server, int index) {
        return server.awaitConnection(index, WAIT).awaitClosed(WAIT).receivedText();
    }

    static String wire(ScriptedSmtpServer server) {
        return wire(server, 0);
    }

    /** Joins lines, each ended by CRLF, as they appear on the wire. */
    static String crlf(String... lines) {
        StringBuilder result = new StringBuilder();
        for (String line : lines) {
            result.append(line).append("\r\n");
        }
        return result.toString();
    }

    static List<String> transcript(List<TranscriptLine> lines) {
        return lines.stream().map(TranscriptLine::toString).toList();
    }
}
