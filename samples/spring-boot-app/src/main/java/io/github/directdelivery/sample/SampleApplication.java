package io.github.directdelivery.sample;

import io.github.directdelivery.DurableDelivery;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Sends a welcome message to each {@code --to=ADDRESS} given on the command line, through the
 * {@code JavaMailSender} that the DirectDelivery starter configures, and exits.
 *
 * <p>For real delivery, give the host's public name and the sender, for example
 * {@code --direct-delivery.helo-name=mail.example.com --sample.from=welcome@example.com
 * --to=alice@example.org}. The profile {@code submit} stores messages in a durable spool in the
 * directory {@code mail-spool} and delivers them in the background instead. Since the application
 * exits after sending, it then waits up to {@code sample.spool-wait} (default two minutes) until
 * the spool has nothing due and nothing in flight. Messages deferred for a later retry stay in
 * {@code mail-spool}, and the next start delivers them.
 */
@SpringBootApplication
public class SampleApplication {

    private static final Logger log = LoggerFactory.getLogger(SampleApplication.class);

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    @Bean
    ApplicationRunner welcomeRecipients(
            WelcomeMailer mailer,
            ObjectProvider<DurableDelivery> spool,
            @Value("${sample.spool-wait:PT2M}") Duration spoolWait) {
        return arguments -> {
            List<String> recipients = arguments.getOptionValues("to");
            if (recipients == null) {
                return;
            }
            for (String recipient : recipients) {
                mailer.sendWelcome(recipient);
            }
            DurableDelivery queue = spool.getIfAvailable();
            if (queue != null) {
                awaitSpool(queue, spoolWait);
            }
        };
    }

    // The spool's workers stop when the application exits, so a program that sends and exits waits for them.
    private static void awaitSpool(DurableDelivery queue, Duration timeout) throws InterruptedException {
        log.info("Waiting up to {} for the spool {} to deliver", timeout, queue.spoolDirectory());
        if (queue.awaitIdle(timeout)) {
            log.info(
                    "The spool {} has nothing left to deliver now; {} messages wait for a later retry",
                    queue.spoolDirectory(),
                    queue.stats().messages());
        } else {
            log.warn(
                    "The spool {} was still delivering after {}; its messages stay there and are delivered at the"
                            + " next start",
                    queue.spoolDirectory(),
                    timeout);
        }
    }
}
