package io.github.directdelivery.internal.smtp;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS contexts a session uses unless the settings supply others. */
final class TlsContexts {

    private TlsContexts() {}

    /**
     * Returns the JDK's default context, whose trust managers check chains against the JDK's
     * trusted certificates.
     */
    static SSLContext systemDefault() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK provides no default TLS context", e);
        }
    }

    /**
     * Returns a context that accepts any server certificate. Opportunistic TLS between MX hosts
     * (RFC 7435) encrypts without authenticating, because most MX certificates would fail a check
     * and refusing them would only push the mail to plaintext.
     */
    static SSLContext acceptingAnyCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create a TLS context", e);
        }
    }

    /** Accepts every chain; used only where the TLS policy does not require a certificate check. */
    private static final class AcceptAnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
