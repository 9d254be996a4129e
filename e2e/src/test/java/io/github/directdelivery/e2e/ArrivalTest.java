package io.github.directdelivery.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArrivalTest {

    private static final Path FILE = Path.of("maildir/new/1.vm");

    @Test
    void prependedFieldsAreSplitOff() {
        String file = "Return-Path: <s@client.e2e.test>\n"
                + "X-Original-To: a@tls.e2e.test\n"
                + "Delivered-To: a@tls.e2e.test\n"
                + "Received: from client.e2e.test (unknown [127.0.0.1])\n"
                + "\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n"
                + "\tby mx-tls.e2e.test (Postfix) with ESMTPS id 1\n"
                + "Received: from elsewhere\n"
                + " by someone\n"
                + "Subject: s\n"
                + "\n"
                + "body\n";

        Arrival arrival = Arrival.parse(FILE, file.getBytes(StandardCharsets.US_ASCII));

        assertThat(arrival.returnPath()).isEqualTo("<s@client.e2e.test>");
        assertThat(arrival.originalTo()).isEqualTo("a@tls.e2e.test");
        assertThat(arrival.deliveredTo()).isEqualTo("a@tls.e2e.test");
        assertThat(arrival.received()).contains("(using TLSv1.3").endsWith("with ESMTPS id 1");
        assertThat(arrival.message().stream().map(line -> new String(line, StandardCharsets.US_ASCII)))
                .containsExactly("Received: from elsewhere", " by someone", "Subject: s", "", "body");
    }

    @Test
    void fileWithoutPrependedFieldsIsRejected() {
        byte[] file = "Subject: s\n\nbody\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> Arrival.parse(FILE, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1 should start with 'Return-Path: '");
    }
}
