package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.directdelivery.internal.net.LoopbackOnly;
import io.github.directdelivery.testkit.FakeInternet;
import io.github.directdelivery.testkit.ReceivedMessage;
import io.github.directdelivery.testkit.RecordedConnection;
import io.github.directdelivery.testkit.ScriptedSmtpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a sending JVM with SIGKILL at five seeded points while it submits and delivers 1,000
 * messages (1,250 recipients) to loopback servers, and restarts it each time. Then every message
 * must have been delivered, including the submission that was acknowledged. A recipient may have
 * got a second copy of one submission only from a transaction that was in flight at a kill.
 *
 * <p>A kill keeps the page cache, so this test shows that the queue resumes correctly, not that
 * its syncs are right; {@link DurableDeliveryPowerLossTest} and the spool's crash test cover those.
 */
class DurableDeliveryKillTest {

    private static final int MESSAGES = 1000;
    private static final int KILLS = 5;
    private static final long SEED = 20260301;

    private static final Pattern RCPT = Pattern.compile("RCPT TO:<([^>]+)>.*");
    private static final Pattern SUBMISSION = Pattern.compile("X-Submission: (\\d+)/(\\d+)\r\n");

    @Test
    void killedSenderLosesNoMessage(@TempDir Path directory) throws Exception {
        Path spool = directory.resolve("spool");
        Path acknowledgements = directory.resolve("acknowledged.txt");
        try (FakeInternet network = FakeInternet.start()) {
            List<ScriptedSmtpServer> servers = new ArrayList<>();
            for (int domain = 0; domain < 3; domain++) {
                network.dns().mx("d" + domain + ".crash.test", 10, "mx" + domain + ".crash.test");
                servers.add(network.host("mx" + domain + ".crash.test"));
            }
            SplittableRandom random = new SplittableRandom(SEED);
            List<String> kills = new ArrayList<>();

            for (int run = 1; run <= KILLS; run++) {
                Process child = start(
                        run, spool, acknowledgements, network, servers.get(0).port(), directory);
                Path log = directory.resolve("run-" + run + ".log");
                // Odd runs are killed while they submit, as long as there is enough left to submit.
                int submitted = acknowledged(acknowledgements);
                int moreSubmissions = random.nextInt(50, 250);
                if (run % 2 == 1 && submitted + moreSubmissions < MESSAGES) {
                    waitUntil(child, () -> acknowledged(acknowledgements) >= submitted + moreSubmissions, log);
                } else {
                    int target = delivered(servers) + random.nextInt(20, 200);
                    waitUntil(child, () -> delivered(servers) >= target, log);
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                kills.add("run " + run + " killed after " + delivered(servers) + " deliveries and "
                        + acknowledged(acknowledgements) + " acknowledged submissions");
            }
            Process last = start(
                    KILLS + 1, spool, acknowledgements, network, servers.get(0).port(), directory);
            boolean finished = last.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                last.destroyForcibly();
            }
            String output = Files.readString(directory.resolve("run-" + (KILLS + 1) + ".log"));
            assertThat(finished)
                    .as("the last run finished; its output:%n%s", output)
                    .isTrue();
            assertThat(last.exitValue()).as(output).isZero();
            assertThat(output).contains("DONE");

            check(servers, acknowledgements, kills);
        }
    }

    private static void check(List<ScriptedSmtpServer> servers, Path acknowledgements, List<String> kills)
            throws IOException {
        Map<Integer, Integer> acknowledgedRun = new HashMap<>();
        for (String line : Files.readAllLines(acknowledgements, StandardCharsets.US_ASCII)) {
            int space = line.indexOf(' ');
            int number = Integer.parseInt(line.substring(0, space));
            Integer earlier = acknowledgedRun.put(number, Integer.parseInt(line.substring(space + 1)));
            assertThat(earlier).as("message %d acknowledged twice", number).isNull();
        }
        assertThat(acknowledgedRun).hasSize(MESSAGES);

        // Copies per recipient and per submission, from what the servers accepted.
        Map<String, Integer> copies = new HashMap<>();
        Map<String, Set<String>> submissions = new HashMap<>();
        for (ScriptedSmtpServer server : servers) {
            for (ReceivedMessage message : server.messages()) {
                Matcher submission = SUBMISSION.matcher(message.contentText());
                assertThat(submission.find())
                        .as("an X-Submission field in %s", message)
                        .isTrue();
                String token = submission.group(1) + "/" + submission.group(2);
                assertThat(message.contentText()).contains("Line 19 of message " + submission.group(1) + ".\r\n");
                for (String recipient : message.recipients()) {
                    copies.merge(recipient, 1, Integer::sum);
                    submissions.computeIfAbsent(recipient, r -> new HashSet<>()).add(recipient + " " + token);
                }
            }
        }

        int resubmitted = 0;
        for (int number = 0; number < MESSAGES; number++) {
            int run = Objects.requireNonNull(acknowledgedRun.get(number));
            for (String recipient : KilledSender.envelope(number).recipients()) {
                Set<String> tokens = submissions.getOrDefault(recipient, Set.of());
                assertThat(tokens)
                        .as("%s got the acknowledged submission", recipient)
                        .contains(recipient + " " + number + "/" + run);
                // Another submission of the same message is one the kill cut off before it was acknowledged.
                for (String token : tokens) {
                    int tokenRun = Integer.parseInt(token.substring(token.indexOf('/') + 1));
                    assertThat(tokenRun).as(token).isLessThanOrEqualTo(run);
                }
                resubmitted += tokens.size() - 1;
            }
        }

        // A second copy of one submission must come from a transaction cut off by a kill: the last
        // transaction of a connection that ended without QUIT.
        Map<String, Integer> cutOff = cutOffTransactions(servers);
        int duplicates = 0;
        for (Map.Entry<String, Integer> entry : copies.entrySet()) {
            String recipient = entry.getKey();
            int repeated = entry.getValue()
                    - submissions.getOrDefault(recipient, Set.of()).size();
            duplicates += repeated;
            assertThat(repeated)
                    .as("copies of one submission to %s beyond the first", recipient)
                    .isLessThanOrEqualTo(cutOff.getOrDefault(recipient, 0));
        }
        assertThat(duplicates).as("repeated deliveries").isLessThanOrEqualTo(KILLS * 8);
        assertThat(resubmitted).as("resubmissions").isLessThanOrEqualTo(KILLS * KilledSender.SUBMITTERS);
        System.out.println(String.join(System.lineSeparator(), kills) + System.lineSeparator() + copies.size()
                + " recipients delivered; " + duplicates + " repeated transactions; " + resubmitted
                + " unacknowledged submissions delivered as well");
    }

    /** Counts, per recipient, the connections whose last transaction named it and that ended without QUIT. */
    private static Map<String, Integer> cutOffTransactions(List<ScriptedSmtpServer> servers) {
        Map<String, Integer> cutOff = new HashMap<>();
        for (ScriptedSmtpServer server : servers) {
            for (RecordedConnection connection : server.connections()) {
                List<String> commands = connection.commands();
                if (commands.contains("QUIT")) {
                    continue;
                }
                List<String> last = new ArrayList<>();
                for (String command : commands) {
                    if (command.startsWith("MAIL FROM:")) {
                        last.clear();
                    }
                    Matcher rcpt = RCPT.matcher(command);
                    if (rcpt.matches()) {
                        last.add(rcpt.group(1));
                    }
                }
                last.forEach(recipient -> cutOff.merge(recipient, 1, Integer::sum));
            }
        }
        return cutOff;
    }

    private static Process start(
            int run, Path spool, Path acknowledgements, FakeInternet network, int smtpPort, Path directory)
            throws IOException {
        return new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-Xmx256m",
                        "-D" + LoopbackOnly.PROPERTY + "=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledSender.class.getName(),
                        spool.toString(),
                        Integer.toString(network.dnsServer().getPort()),
                        Integer.toString(smtpPort),
                        acknowledgements.toString(),
                        Integer.toString(MESSAGES),
                        Integer.toString(run))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("run-" + run + ".log").toFile())
                .start();
    }

    /** A condition the test waits for; reading the acknowledgement file may fail. */
    @FunctionalInterface
    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void waitUntil(Process child, Condition condition, Path log)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            if (!child.isAlive()) {
                fail("the sender exited before it was killed; its output:%n%s", Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("the sender did not reach its kill point in 60 s; its output:%n%s", Files.readString(log));
            }
            // Waiting on the child is the pause between two looks at the servers.
            var unused = child.waitFor(5, TimeUnit.MILLISECONDS);
        }
    }

    private static int acknowledged(Path acknowledgements) throws IOException {
        return Files.exists(acknowledgements)
                ? Files.readAllLines(acknowledgements).size()
                : 0;
    }

    private static int delivered(List<ScriptedSmtpServer> servers) {
        return servers.stream()
                .flatMap(server -> server.messages().stream())
                .mapToInt(message -> message.recipients().size())
                .sum();
    }
}
