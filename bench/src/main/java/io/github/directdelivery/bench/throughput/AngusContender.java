package io.github.directdelivery.bench.throughput;

import io.github.directdelivery.bench.SenderThreads;
import io.github.directdelivery.bench.TestMessages;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.util.Properties;

/**
 * Angus Mail's {@code SMTPTransport}, the usual way to send mail from Java: each thread connects
 * once and sends all its messages over that connection with {@code sendMessage}, as an application
 * that reuses its transport does. The message is parsed once per thread, before the first send.
 */
final class AngusContender implements Contender {

    private final InetSocketAddress sink;

    AngusContender(InetSocketAddress sink) {
        this.sink = sink;
    }

    @Override
    public String name() {
        return "Angus SMTPTransport";
    }

    @Override
    public long run(Workload workload) throws Exception {
        byte[] bytes = TestMessages.ofBodySize(workload.bodySize());
        Session session = Session.getInstance(properties());
        Address[] recipients = {new InternetAddress(TestMessages.RECIPIENT)};
        long start = System.nanoTime();
        SenderThreads.run(workload.connections(), workload.messages(), () -> {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(bytes));
            Transport transport = session.getTransport("smtp");
            transport.connect();
            return new SenderThreads.Sender() {
                @Override
                public void send() throws MessagingException {
                    // Throws on any refusal, so every message counted was accepted.
                    transport.sendMessage(message, recipients);
                }

                @Override
                public void finish() throws MessagingException {
                    transport.close();
                }
            };
        });
        return System.nanoTime() - start;
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", sink.getAddress().getHostAddress());
        properties.setProperty("mail.smtp.port", Integer.toString(sink.getPort()));
        properties.setProperty("mail.smtp.localhost", TestMessages.CLIENT_NAME);
        properties.setProperty("mail.smtp.from", TestMessages.SENDER);
        properties.setProperty("mail.smtp.connectiontimeout", "30000");
        properties.setProperty("mail.smtp.timeout", "300000");
        return properties;
    }
}
