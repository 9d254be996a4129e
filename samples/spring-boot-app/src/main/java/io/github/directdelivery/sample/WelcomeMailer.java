package io.github.directdelivery.sample;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Writes and sends the welcome message. It uses only Spring's {@link JavaMailSender}: whether the
 * mail goes directly to the recipient's MX hosts or through a relay is configuration.
 */
@Service
public class WelcomeMailer {

    private static final Logger log = LoggerFactory.getLogger(WelcomeMailer.class);

    private final JavaMailSender mailSender;
    private final String from;

    /** Creates the mailer; {@code sample.from} is the address the message comes from. */
    public WelcomeMailer(JavaMailSender mailSender, @Value("${sample.from}") String from) {
        this.mailSender = mailSender;
        this.from = from;
    }

    /**
     * Sends the welcome message to {@code recipient}. By default this waits until the message is
     * delivered; with {@code direct-delivery.mode=submit} it returns once the message is stored in
     * the spool, which delivers it later.
     *
     * @throws org.springframework.mail.MailSendException if it was not delivered (in submit mode,
     *     not stored), with the reason
     */
    public void sendWelcome(String recipient) {
        MimeMessage message = mailSender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(recipient);
            helper.setSubject("Welcome aboard");
            helper.setText("Grüße! Your account is ready.\n");
        } catch (MessagingException e) {
            throw new MailPreparationException("Cannot write the welcome message to " + recipient, e);
        }
        mailSender.send(message);
        log.info("Handed over the welcome message to {}", recipient);
    }
}
