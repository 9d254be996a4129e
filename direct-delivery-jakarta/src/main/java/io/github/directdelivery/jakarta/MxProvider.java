package io.github.directdelivery.jakarta;

import jakarta.mail.Provider;

/**
 * Registers {@link MxTransport} under the protocol name {@code mx} with Jakarta Mail's service
 * loader ({@code META-INF/services/jakarta.mail.Provider}). The jar also lists it in
 * {@code META-INF/javamail.providers} and {@code META-INF/jakarta.providers} for class loaders that
 * Jakarta Mail searches by resource. It never registers {@code smtp}.
 */
public final class MxProvider extends Provider {

    /** The protocol name: {@code mail.transport.protocol=mx} selects the transport. */
    public static final String PROTOCOL = "mx";

    /** Creates the provider; the service loader calls this. */
    public MxProvider() {
        super(
                Type.TRANSPORT,
                PROTOCOL,
                MxTransport.class.getName(),
                "DirectDelivery",
                MxProvider.class.getPackage().getImplementationVersion());
    }
}
