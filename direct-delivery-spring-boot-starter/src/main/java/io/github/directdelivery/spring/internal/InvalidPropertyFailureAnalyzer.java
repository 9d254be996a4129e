package io.github.directdelivery.spring.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed on an invalid {@code direct-delivery.*} property: which property,
 * which value, what is wrong, and what to change.
 */
public final class InvalidPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPropertyException> {

    /** Creates the analyzer; Spring Boot finds it through {@code META-INF/spring.factories}. */
    public InvalidPropertyFailureAnalyzer() {}

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidPropertyException cause) {
        String value = cause.value();
        String reason = cause.reason().endsWith(".") ? cause.reason() : cause.reason() + ".";
        String description = value == null
                ? "The property '" + cause.property() + "' is missing: " + reason
                : "The property '" + cause.property() + "' has the invalid value '" + value + "': " + reason;
        String action = cause.action();
        if (action == null) {
            action = value == null
                    ? "Set '" + cause.property() + "' in the application's configuration."
                    : "Change '" + cause.property() + "' in the application's configuration, or remove it to use"
                            + " the default.";
        }
        return new FailureAnalysis(description, action, cause);
    }
}
