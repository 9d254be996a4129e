package io.github.directdelivery.jakarta;

import io.github.directdelivery.DirectDelivery;
import io.github.directdelivery.DurableDelivery;
import io.github.directdelivery.QueueStats;
import io.github.directdelivery.jakarta.internal.settings.MxProperty;
import io.github.directdelivery.jakarta.internal.settings.SpoolSettings;
import io.github.directdelivery.jakarta.internal.settings.TransportSettings;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spools that the {@code mx} transport opens in submit mode ({@code mail.mx.mode=submit}),
 * shared by every transport in this JVM.
 *
 * <p>A spool outlives the transports that submit to it, because the static
 * {@link jakarta.mail.Transport#send} connects and closes a transport for every message, and the
 * spool's workers must go on delivering after that. The first {@code connect()} in submit mode for
 * a directory builds a delivery client and a {@link DurableDelivery} on it. Later transports whose
 * {@code mail.mx.spool.directory} has the same real path share them. Those transports must have
 * the same {@code mail.mx.*} settings, except {@code mail.mx.from}, {@code mail.mx.dsn.*} and the
 * spellings of the directory, since the client and the queue are built once. A transport whose
 * settings differ fails to connect with a {@link MessagingException} that names each property that
 * differs.
 *
 * <p>Closing a transport leaves its spool open. Every spool is closed when the JVM shuts down, by a
 * shutdown hook, or earlier by {@link #closeAll()} or {@link #close(Path)}: an application that
 * manages its own shutdown, such as one in a servlet container, calls {@code closeAll()} when it
 * stops. Closing a spool closes its queue first, as {@link DurableDelivery#close()} describes
 * (running deliveries get {@code mail.mx.spool.shutdowntimeout}, and unfinished messages stay in
 * the directory for the next start), and then its client. A transport still connected to a closed
 * spool fails to send. A transport connected after that opens the spool again, and the new queue
 * resumes the messages stored in the directory.
 *
 * <p>The methods are thread-safe. Opening and closing a spool block other calls until they finish.
 */
public final class MxSpools {

    private static final Logger log = LoggerFactory.getLogger(MxSpools.class);

    private static final Object LOCK = new Object();
    private static final Map<Path, OpenSpool> OPEN = new HashMap<>();
    private static @Nullable Thread shutdownHook;

    /** The settings a spool was opened with, its client and its queue. */
    private record OpenSpool(
            Path directory, TransportSettings settings, DirectDelivery client, DurableDelivery queue) {}

    private MxSpools() {}

    /**
     * Closes every spool opened by submit mode: each queue, then its client. Messages not yet
     * delivered stay in their directories. Returns at once when none is open.
     */
    public static void closeAll() {
        synchronized (LOCK) {
            for (OpenSpool spool : List.copyOf(OPEN.values())) {
                close(spool);
            }
            OPEN.clear();
            removeShutdownHook();
        }
    }

    /**
     * Closes the spool in {@code directory}, as {@link #closeAll()} closes each.
     *
     * @param directory any path to the directory, resolved to its real path
     * @return whether a spool was open there
     */
    public static boolean close(Path directory) {
        Objects.requireNonNull(directory, "directory");
        synchronized (LOCK) {
            OpenSpool spool = find(directory);
            if (spool == null) {
                return false;
            }
            close(spool);
            OPEN.remove(spool.directory());
            if (OPEN.isEmpty()) {
                removeShutdownHook();
            }
            return true;
        }
    }

    /**
     * Returns the queue counts of the spool in {@code directory}, for health checks and metrics.
     *
     * @param directory any path to the directory, resolved to its real path
     * @return the counts, or empty when no spool is open there
     */
    public static Optional<QueueStats> stats(Path directory) {
        Objects.requireNonNull(directory, "directory");
        synchronized (LOCK) {
            OpenSpool spool = find(directory);
            return spool == null ? Optional.empty() : Optional.of(spool.queue().stats());
        }
    }

    /**
     * Waits until the spool in {@code directory} is idle, as {@link DurableDelivery#awaitIdle}
     * describes: no message is due for an attempt and none is being delivered, while messages that
     * wait for a later retry do not count. A program that sends in submit mode and then exits calls
     * this (or {@link #awaitIdleAll}) before it returns from {@code main}, because the spool's
     * workers stop with the JVM and the messages they have not delivered wait in the directory
     * until a transport opens it again.
     *
     * @param directory any path to the directory, resolved to its real path
     * @param timeout the longest time to wait; zero only checks
     * @return whether the spool became idle within {@code timeout}; true at once when no spool is
     *     open there, since this JVM then delivers nothing from it
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static boolean awaitIdle(Path directory, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(directory, "directory");
        checkTimeout(timeout);
        DurableDelivery queue;
        synchronized (LOCK) {
            OpenSpool spool = find(directory);
            if (spool == null) {
                return true;
            }
            queue = spool.queue();
        }
        // Waiting outside the lock lets other transports connect and close meanwhile.
        return queue.awaitIdle(timeout);
    }

    /**
     * Waits until every spool open in this JVM is idle, as {@link #awaitIdle(Path, Duration)} waits
     * for one, all within one {@code timeout}.
     *
     * @return whether every spool became idle within {@code timeout}; true when none is open
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public static boolean awaitIdleAll(Duration timeout) throws InterruptedException {
        checkTimeout(timeout);
        List<DurableDelivery> queues;
        synchronized (LOCK) {
            queues = OPEN.values().stream().map(OpenSpool::queue).toList();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean idle = true;
        for (DurableDelivery queue : queues) {
            Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            idle &= queue.awaitIdle(remaining);
        }
        return idle;
    }

    private static void checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, not " + timeout);
        }
    }

    /**
     * Returns the queue for the spool directory of {@code settings}, opening it when this JVM has
     * not opened it yet.
     *
     * @throws MessagingException if the directory cannot be created or used, another process uses
     *     it as its spool, the client cannot be built, or the spool is open with other settings
     */
    static DurableDelivery acquire(TransportSettings settings) throws MessagingException {
        SpoolSettings spool = Objects.requireNonNull(settings.spool(), "submit mode needs spool settings");
        Path directory = createDirectory(spool.directory());
        synchronized (LOCK) {
            OpenSpool open = OPEN.get(directory);
            if (open == null) {
                addShutdownHook();
                try {
                    open = open(settings, spool, directory);
                } finally {
                    if (open == null && OPEN.isEmpty()) {
                        removeShutdownHook();
                    }
                }
                OPEN.put(directory, open);
                return open.queue();
            }
            List<String> differences = settings.differencesFrom(open.settings());
            if (!differences.isEmpty()) {
                throw new MessagingException("The spool " + directory
                        + " is already open with other settings, and transports that share a spool must agree: "
                        + String.join(" ", differences)
                        + " Use the same settings, another spool directory, or close the spool first"
                        + " with MxSpools.close.");
            }
            return open.queue();
        }
    }

    private static OpenSpool open(TransportSettings settings, SpoolSettings spool, Path directory)
            throws MessagingException {
        DirectDelivery client;
        try {
            client = settings.newClient();
        } catch (IllegalStateException e) {
            throw new MessagingException("Cannot build the delivery client: " + e.getMessage(), e);
        }
        try {
            DurableDelivery queue = spool.open(client, directory);
            log.info("Opened the spool {} for the mx transport", directory);
            return new OpenSpool(directory, settings, client, queue);
        } catch (IllegalStateException | UncheckedIOException e) {
            client.close();
            throw unusable(spool.directory(), e.getMessage(), e);
        }
    }

    /** Creates the directory if it is missing and returns its real path. */
    private static Path createDirectory(Path directory) throws MessagingException {
        Path real;
        try {
            Files.createDirectories(directory);
            real = directory.toRealPath();
        } catch (FileAlreadyExistsException e) {
            throw unusable(directory, "it exists and is not a directory", e);
        } catch (AccessDeniedException e) {
            throw unusable(directory, "permission denied for " + e.getFile(), e);
        } catch (IOException | SecurityException e) {
            throw unusable(directory, e.toString(), e);
        }
        if (!Files.isWritable(real)) {
            throw unusable(directory, "the directory is not writable", null);
        }
        return real;
    }

    private static MessagingException unusable(Path directory, @Nullable String reason, @Nullable Exception cause) {
        String problem = reason == null ? "unknown error" : reason;
        // The core's messages end with a period of their own.
        if (problem.endsWith(".")) {
            problem = problem.substring(0, problem.length() - 1);
        }
        return new MessagingException(
                "Cannot use " + MxProperty.SPOOL_DIRECTORY.key() + " \"" + directory + "\": " + problem
                        + ". Set it to a directory that this process can create and write,"
                        + " and that no other process uses as its spool.",
                cause);
    }

    private static @Nullable OpenSpool find(Path directory) {
        try {
            return OPEN.get(directory.toRealPath());
        } catch (IOException e) {
            // No spool is open in a directory that does not exist or cannot be reached.
            return null;
        }
    }

    private static void close(OpenSpool spool) {
        try {
            spool.queue().close();
            spool.client().close();
            log.info("Closed the spool {} of the mx transport", spool.directory());
        } catch (RuntimeException e) {
            // Closing the other spools matters more than this failure, which the log reports.
            log.error("Cannot close the spool {} of the mx transport: {}", spool.directory(), e.toString(), e);
            spool.client().close();
        }
    }

    private static void addShutdownHook() throws MessagingException {
        if (shutdownHook == null) {
            Thread hook = new Thread(MxSpools::closeAll, "direct-delivery-jakarta-spool-shutdown");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException e) {
                throw new MessagingException("Cannot open a spool while the JVM shuts down", e);
            }
            shutdownHook = hook;
        }
    }

    /**
     * Unregisters the hook once no spool is open, so that an application in a container that is
     * stopped and started again leaves no reference to its class loader behind.
     */
    private static void removeShutdownHook() {
        Thread hook = shutdownHook;
        if (hook == null) {
            return;
        }
        shutdownHook = null;
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down, and the hook runs or has run.
            log.debug("Cannot remove the spool shutdown hook while the JVM shuts down", e);
        }
    }

    /** Returns the directories of the open spools. */
    static List<Path> openDirectories() {
        synchronized (LOCK) {
            return new ArrayList<>(OPEN.keySet());
        }
    }
}
