package io.github.directdelivery;

import java.util.Objects;

/**
 * A user name and password for a fallback relay (RFC 4954 AUTH). MX hosts are never sent
 * credentials.
 *
 * <p>{@link #toString()} shows the user name but never the password, so the record can be logged.
 *
 * @param username the authentication identity, not empty
 * @param password the password, not empty
 */
public record Credentials(String username, String password) {

    /**
     * Creates the record.
     *
     * @throws NullPointerException if either value is null
     * @throws IllegalArgumentException if either value is empty or contains CR, LF or NUL
     */
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("username and password must not be empty");
        }
        // A NUL separates the fields of AUTH PLAIN (RFC 4616 §2), and CR or LF would end the line.
        if (hasControl(username)) {
            throw new IllegalArgumentException("username must not contain CR, LF or NUL: " + username);
        }
        if (hasControl(password)) {
            throw new IllegalArgumentException("password must not contain CR, LF or NUL");
        }
    }

    /** Returns the user name with the password masked. */
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=****]";
    }

    private static boolean hasControl(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0;
    }
}
