package io.github.directdelivery.internal.smtp;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialogue of one session: logged at TRACE under this class's logger, and kept for the caller
 * when requested. The caller takes the kept lines with {@link #drain()}, so a long-lived session
 * does not accumulate them.
 */
final class Transcript {

    private static final Logger LOG = LoggerFactory.getLogger(Transcript.class);

    private final String peer;
    private final boolean keep;
    private final List<TranscriptLine> lines = new ArrayList<>();

    Transcript(String peer, boolean keep) {
        this.peer = peer;
        this.keep = keep;
    }

    void client(String text) {
        add(new TranscriptLine(TranscriptLine.Direction.CLIENT, text));
    }

    void server(String text) {
        add(new TranscriptLine(TranscriptLine.Direction.SERVER, text));
    }

    /** Returns the lines kept since the last call, and clears them. Empty unless keeping was requested. */
    List<TranscriptLine> drain() {
        List<TranscriptLine> result = List.copyOf(lines);
        lines.clear();
        return result;
    }

    private void add(TranscriptLine line) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} {}", peer, line);
        }
        if (keep) {
            lines.add(line);
        }
    }
}
