package io.github.directdelivery.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate for one host name, made at run time, with the contexts a test
 * needs on both sides.
 *
 * <p>The certificate has an EC P-256 key, the host name as subject CN and as its only DNS subject
 * alternative name, the serverAuth extended key usage, and is valid from a day ago for a year. A
 * client that trusts it through {@link #trustingClientContext()} passes PKIX validation and, when
 * it connects under that host name, the host name check; under any other name the check fails.
 *
 * <pre>{@code
 * TlsIdentity identity = TlsIdentity.selfSigned("mx.example.net");
 * ScriptedSmtpServer server = ScriptedSmtpServer.builder().startTls(identity).start();
 * SSLContext clientTrust = identity.trustingClientContext();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TlsIdentity {

    private static final char[] PASSWORD = "test-only".toCharArray();

    private final String hostName;
    private final X509Certificate certificate;
    private final SSLContext serverContext;
    private final KeyStore trustStore;

    private TlsIdentity(String hostName, X509Certificate certificate, SSLContext serverContext, KeyStore trustStore) {
        this.hostName = hostName;
        this.certificate = certificate;
        this.serverContext = serverContext;
        this.trustStore = trustStore;
    }

    /**
     * Generates a key pair and a self-signed certificate for {@code hostName}.
     *
     * @param hostName a DNS name such as {@code mx.example.net}, without a trailing dot
     * @throws IllegalArgumentException if {@code hostName} is empty or ends with a dot
     * @throws IllegalStateException if the JDK lacks EC keys or TLS, which a standard JDK has
     */
    public static TlsIdentity selfSigned(String hostName) {
        if (hostName.isEmpty() || hostName.endsWith(".")) {
            throw new IllegalArgumentException("host name must be non-empty without a trailing dot: " + hostName);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = certify(hostName, keys);

            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", keys.getPrivate(), PASSWORD, new Certificate[] {certificate});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, PASSWORD);
            SSLContext serverContext = SSLContext.getInstance("TLS");
            serverContext.init(keyManagers.getKeyManagers(), null, null);

            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("server", certificate);
            return new TlsIdentity(hostName, certificate, serverContext, trustStore);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a certificate for " + hostName, e);
        }
    }

    private static X509Certificate certify(String hostName, KeyPair keys)
            throws OperatorCreationException, GeneralSecurityException, IOException {
        X500Name subject = new X500Name("CN=" + hostName);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))),
                subject,
                keys.getPublic());
        builder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, hostName)));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** Returns the host name the certificate is for. */
    public String hostName() {
        return hostName;
    }

    /** Returns the certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Returns the server side: a context that presents this certificate. */
    public SSLContext serverContext() {
        return serverContext;
    }

    /**
     * Returns a trust store (PKCS12, in memory) that holds only this certificate. The caller may
     * modify the returned copy.
     */
    public KeyStore trustStore() {
        try {
            KeyStore copy = KeyStore.getInstance("PKCS12");
            copy.load(null, null);
            copy.setCertificateEntry("server", trustStore.getCertificate("server"));
            return copy;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot copy the trust store", e);
        }
    }

    /**
     * Returns a new client context whose PKIX trust managers trust this certificate and nothing
     * else. Host name checking is up to the client's SSL parameters.
     */
    public SSLContext trustingClientContext() {
        try {
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a client context", e);
        }
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + hostName + "]";
    }
}
