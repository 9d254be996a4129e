package io.github.directdelivery;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link DurableDeliveryKillTest} kills: it submits the messages whose submission is
 * not yet in the acknowledgement file, recording each in that file once {@code submit} returns,
 * while its queue delivers them and whatever an earlier run left in the spool. It prints
 * {@code DONE} and exits when the spool is empty.
 *
 * <p>Arguments: spool directory, DNS server port on 127.0.0.1, SMTP port, acknowledgement file,
 * number of messages, run number.
 */
public final class KilledSender {

    static final int SUBMITTERS = 4;

    private KilledSender() {}

    public static void main(String[] args) throws Exception {
        Path spool = Path.of(args[0]);
        InetSocketAddress dns = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1]));
        int smtpPort = Integer.parseInt(args[2]);
        Path acknowledgements = Path.of(args[3]);
        int total = Integer.parseInt(args[4]);
        int run = Integer.parseInt(args[5]);

        ConcurrentLinkedQueue<Integer> pending = new ConcurrentLinkedQueue<>();
        Set<Integer> acknowledged = acknowledged(acknowledgements);
        for (int number = 0; number < total; number++) {
            if (!acknowledged.contains(number)) {
                pending.add(number);
            }
        }

        try (DirectDelivery client = DirectDelivery.builder()
                        .heloName("sender.crash.test")
                        .dnsServer(dns)
                        .smtpPort(smtpPort)
                        .allowLocalDestinations(true)
                        .timeouts(SmtpTimeouts.uniform(Duration.ofSeconds(10)))
                        .retry(RetrySettings.none())
                        .build();
                DurableDelivery queue = DurableDelivery.builder(client, spool)
                        .retrySchedule(new RetrySchedule(
                                Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(2), Duration.ofDays(5)))
                        .build();
                OutputStream log = new FileOutputStream(acknowledgements.toFile(), true)) {
            System.out.println("STARTED run " + run + " with " + pending.size() + " messages to submit");
            List<Thread> submitters = new ArrayList<>();
            for (int i = 0; i < SUBMITTERS; i++) {
                Thread submitter = new Thread(() -> submitAll(queue, pending, log, run));
                submitter.start();
                submitters.add(submitter);
            }
            for (Thread submitter : submitters) {
                submitter.join();
            }
            while (queue.stats().messages() > 0) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            System.out.println("DONE");
        }
    }

    private static void submitAll(
            DurableDelivery queue, ConcurrentLinkedQueue<Integer> pending, OutputStream log, int run) {
        Integer number;
        while ((number = pending.poll()) != null) {
            queue.submit(envelope(number), MessageSource.ofString(message(number, run)));
            byte[] line = (number + " " + run + "\n").getBytes(StandardCharsets.US_ASCII);
            // One write per line, so a kill leaves whole lines; the page cache keeps them.
            synchronized (log) {
                try {
                    log.write(line);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Message n goes to rn in one of three domains, and every fourth also to sn in the next domain. */
    static Envelope envelope(int number) {
        List<String> recipients = new ArrayList<>();
        recipients.add("r" + number + "@" + domain(number));
        if (number % 4 == 0) {
            recipients.add("s" + number + "@" + domain(number + 1));
        }
        return Envelope.of("sender@crash.test", recipients);
    }

    static String domain(int number) {
        return "d" + (number % 3) + ".crash.test";
    }

    /** The message n as submitted in run r; X-Submission distinguishes copies of different submissions. */
    static String message(int number, int run) {
        StringBuilder text = new StringBuilder()
                .append("From: sender@crash.test\r\n")
                .append("Subject: message ")
                .append(number)
                .append("\r\n")
                .append("Message-ID: <")
                .append(number)
                .append('.')
                .append(run)
                .append("@crash.test>\r\n")
                .append("X-Submission: ")
                .append(number)
                .append('/')
                .append(run)
                .append("\r\n\r\n");
        for (int line = 0; line < 20; line++) {
            text.append("Line ")
                    .append(line)
                    .append(" of message ")
                    .append(number)
                    .append(".\r\n");
        }
        return text.toString();
    }

    private static Set<Integer> acknowledged(Path file) throws IOException {
        Set<Integer> numbers = new HashSet<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    numbers.add(Integer.parseInt(line.substring(0, space)));
                }
            }
        }
        return numbers;
    }
}
