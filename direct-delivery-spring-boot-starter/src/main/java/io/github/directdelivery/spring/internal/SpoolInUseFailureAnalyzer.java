package io.github.directdelivery.spring.internal;

import io.github.directdelivery.SpoolInUseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed because another queue, usually another instance of the
 * application, holds the lock of the spool directory.
 */
public final class SpoolInUseFailureAnalyzer extends AbstractFailureAnalyzer<SpoolInUseException> {

    /** Creates the analyzer; Spring Boot finds it through {@code META-INF/spring.factories}. */
    public SpoolInUseFailureAnalyzer() {}

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SpoolInUseException cause) {
        String directory = cause.spoolDirectory().toString();
        String description = "The spool directory '" + directory + "' (direct-delivery.spool.directory) is in use by"
                + " another queue, in this process or another, and only one may use it at a time. "
                + cause.getMessage();
        String action = "Set 'direct-delivery.spool.directory' to a directory that no other instance uses, or stop"
                + " the other instance that uses '" + directory + "'.";
        return new FailureAnalysis(description, action, cause);
    }
}
