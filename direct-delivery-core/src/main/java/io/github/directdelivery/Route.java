package io.github.directdelivery;

import java.util.List;

/**
 * The destination of mail for one recipient domain: either the MX hosts to try
 * ({@link ResolvedRoute}), or the reason there are none ({@link UnresolvedRoute}). Returned by
 * {@link MxResolver}.
 */
public sealed interface Route permits ResolvedRoute, UnresolvedRoute {

    /** Returns the domain that was looked up, in its ASCII form (A-labels), without a trailing dot. */
    String domain();

    /**
     * Returns the MX hosts and addresses that were skipped, each with the reason, for logs and
     * diagnostics. Empty when nothing was skipped.
     */
    List<String> warnings();
}
