package io.github.directdelivery.sample;

import java.util.List;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Sends a welcome message to each {@code --to=ADDRESS} given on the command line, through the
 * {@code JavaMailSender} that the DirectDelivery starter configures.
 *
 * <p>For real delivery, give the host's public name and the sender, for example
 * {@code --direct-delivery.helo-name=mail.example.com --sample.from=welcome@example.com
 * --to=alice@example.org}. The profile {@code submit} stores messages in a durable spool in the
 * directory {@code mail-spool} and delivers them in the background instead.
 */
@SpringBootApplication
public class SampleApplication {

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    @Bean
    ApplicationRunner welcomeRecipients(WelcomeMailer mailer) {
        return arguments -> {
            List<String> recipients = arguments.getOptionValues("to");
            if (recipients != null) {
                for (String recipient : recipients) {
                    mailer.sendWelcome(recipient);
                }
            }
        };
    }
}
