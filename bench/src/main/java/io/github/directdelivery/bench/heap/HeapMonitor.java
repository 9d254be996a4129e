package io.github.directdelivery.bench.heap;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap of this JVM during one phase of work, through the platform MXBeans. It records
 * the peak heap use, garbage included, and the maximum heap use after a garbage collection, which
 * is what the work kept reachable. The peak is the higher of the memory pools' own peaks and the
 * heap use sampled every {@value #SAMPLE_MILLIS} ms, because G1 updates the pools' peaks only now
 * and then.
 */
final class HeapMonitor implements AutoCloseable {

    static final long SAMPLE_MILLIS = 5;

    /**
     * What the heap did during a phase, in bytes.
     *
     * @param startUsed the heap in use at the start, right after a full collection
     * @param peakUsed the peak of heap use, garbage included
     * @param maxAfterGc the maximum heap use after a collection during the phase, or -1 without one
     * @param collections the number of collections during the phase
     */
    record Usage(long startUsed, long peakUsed, long maxAfterGc, int collections) {}

    private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final AtomicLong maxAfterGc = new AtomicLong(-1);
    private final AtomicInteger collections = new AtomicInteger();
    private final long startUsed;
    private final AtomicLong sampledPeak = new AtomicLong();
    private final Thread sampler;

    /** Starts watching: collects garbage first, so that the phase starts from what is reachable. */
    HeapMonitor() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
                heapPools.add(pool);
            }
        }
        startUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Returns what the heap did since this monitor started. */
    Usage usage() {
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            // The pools peak at different moments, so the sum can overstate the peak, never understate it.
            poolPeaks += pool.getPeakUsage().getUsed();
        }
        long peak = Math.max(poolPeaks, sampledPeak.get());
        return new Usage(startUsed, peak, maxAfterGc.get(), collections.get());
    }

    @Override
    public void close() {
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
                // Already removed; nothing to undo.
            }
        }
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            sampledPeak.accumulateAndGet(used, Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (info.getGcCause().equals("System.gc()")) {
            // The collection that starts the phase, reported late: not part of the work.
            return;
        }
        long used = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
            if (after != null) {
                used += after.getUsed();
            }
        }
        long afterGc = used;
        maxAfterGc.accumulateAndGet(afterGc, Math::max);
        collections.incrementAndGet();
    }
}
