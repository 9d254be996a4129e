package io.github.directdelivery.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Maildirs of the peers' Postfix: one per domain, at {@code ROOT/DOMAIN/new/}. Postfix writes
 * a file shortly after its 250 reply to the end of data, so arrivals are polled for.
 */
final class Maildir {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final Path root;
    // Files already read, so each poll reads only new ones.
    private final Map<Path, Arrival> read = new HashMap<>();

    Maildir(Path root) {
        this.root = root;
    }

    /**
     * Waits until every recipient has an arrival in its domain's Maildir, or until the timeout.
     *
     * @param recipients addresses as sent, compared with each file's X-Original-To
     * @return the arrivals of each recipient found, in no particular order
     */
    Map<String, List<Arrival>> await(Set<String> recipients, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, List<Arrival>> found = arrivals(recipients);
            if (found.keySet().containsAll(recipients) || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** Returns the arrivals for these recipients that are in their Maildirs now. */
    Map<String, List<Arrival>> arrivals(Set<String> recipients) {
        Set<String> domains = new HashSet<>();
        recipients.forEach(recipient -> domains.add(recipient.substring(recipient.lastIndexOf('@') + 1)));
        Map<String, List<Arrival>> found = new HashMap<>();
        for (String domain : domains) {
            for (Arrival arrival : readNew(root.resolve(domain).resolve("new"))) {
                if (recipients.contains(arrival.originalTo())) {
                    found.computeIfAbsent(arrival.originalTo(), key -> new ArrayList<>())
                            .add(arrival);
                }
            }
        }
        return found;
    }

    private List<Arrival> readNew(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (!read.containsKey(file)) {
                    read.put(file, Arrival.parse(file, Files.readAllBytes(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Maildir " + directory, e);
        }
        return read.entrySet().stream()
                .filter(entry -> directory.equals(entry.getKey().getParent()))
                .map(Map.Entry::getValue)
                .toList();
    }
}
