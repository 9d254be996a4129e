package io.github.directdelivery;

import java.util.Objects;

/**
 * The TLS parameters a session negotiated, as the JSSE names them.
 *
 * @param protocol such as {@code TLSv1.3}
 * @param cipher the cipher suite, such as {@code TLS_AES_256_GCM_SHA384}
 */
public record TlsInfo(String protocol, String cipher) {

    /**
     * Creates the record.
     *
     * @throws NullPointerException if either value is null
     * @throws IllegalArgumentException if either value is blank
     */
    public TlsInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipher, "cipher");
        if (protocol.isBlank() || cipher.isBlank()) {
            throw new IllegalArgumentException(
                    "TLS protocol and cipher must not be blank: \"" + protocol + "\", \"" + cipher + "\"");
        }
    }

    /** Returns {@code protocol/cipher}, such as {@code TLSv1.3/TLS_AES_256_GCM_SHA384}. */
    @Override
    public String toString() {
        return protocol + "/" + cipher;
    }
}
