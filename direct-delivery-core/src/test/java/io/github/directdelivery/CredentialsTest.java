package io.github.directdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void toStringHidesPassword() {
        assertThat(new Credentials("relay-user", "s3cret"))
                .hasToString("Credentials[username=relay-user, password=****]")
                .asString()
                .doesNotContain("s3cret");
    }

    @Test
    void controlCharactersAreRejected() {
        assertThatThrownBy(() -> new Credentials("user\0admin", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Credentials("user", "pa\r\nss"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password must not contain CR, LF or NUL");
        assertThatThrownBy(() -> new Credentials("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tlsInfoRejectsBlankValues() {
        assertThat(new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256")).hasToString("TLSv1.3/TLS_AES_128_GCM_SHA256");
        assertThatThrownBy(() -> new TlsInfo(" ", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
