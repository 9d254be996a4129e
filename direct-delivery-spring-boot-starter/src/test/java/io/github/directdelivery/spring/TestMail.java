package io.github.directdelivery.spring;

import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;

/** Messages and checks shared by the mail sender's tests in send and submit mode. */
final class TestMail {

    private TestMail() {}

    /** Returns a plain message from app@example.test to {@code to}. */
    static SimpleMailMessage simple(String to) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("app@example.test");
        message.setTo(to);
        message.setSubject("Hello");
        message.setText("Hello");
        return message;
    }

    /** Runs {@code send} and returns the {@link MailSendException} it throws, failing if it throws none. */
    static MailSendException catchMailSendException(Runnable send) {
        try {
            send.run();
        } catch (MailSendException e) {
            return e;
        }
        throw new AssertionError("expected a MailSendException");
    }
}
