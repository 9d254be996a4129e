package io.github.directdelivery.internal.smtp;

import java.util.List;

/** The result of {@link SmtpSession#open}: a ready session, or why there is none. */
public sealed interface OpenResult permits OpenResult.Opened, OpenResult.Failed {

    /**
     * The session is greeted, hello'd, secured as the policy requires and, for a relay,
     * authenticated.
     *
     * @param session the open session, which the caller closes
     */
    record Opened(SmtpSession session) implements OpenResult {}

    /**
     * No session: the connection is already closed.
     *
     * @param failure why
     * @param transcript the dialogue up to the failure, when the settings keep it
     */
    record Failed(SessionFailure failure, List<TranscriptLine> transcript) implements OpenResult {
        public Failed {
            transcript = List.copyOf(transcript);
        }
    }
}
