package dev.aios.sensors.internal;

import dev.aios.api.Observation;
import dev.aios.sensors.ResumableSensor;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a folder tree and reports new or changed files through a {@link FileFormat}. Two
 * threads: a {@link WatchService} thread that reacts to events at once, and a poller that rescans
 * the whole tree every poll interval, because watch services drop events on some file systems
 * (network shares, some containers) and overflow under bursts.
 *
 * <p>Per file the checkpoint holds {@code stamp|data}: a file whose stamp is unchanged is not read
 * again. The entry is written only after the sink accepted every observation of the file, so a
 * crash or a failed memory write means the file is read again, never skipped.
 */
public final class FolderSensor implements ResumableSensor {
    private static final Logger LOG = LoggerFactory.getLogger(FolderSensor.class);

    private final String name;
    private final Path root;
    private final FileFormat format;
    private final boolean watch;
    private final Duration pollInterval;

    private final Map<String, String> state = new ConcurrentHashMap<>();
    private final ReentrantLock scanLock = new ReentrantLock();
    private final Map<WatchKey, Path> watchedDirectories = new ConcurrentHashMap<>();
    private final Set<Path> registered = ConcurrentHashMap.newKeySet();

    private volatile boolean closed;
    private @Nullable Consumer<Observation> sink;
    private @Nullable ScheduledExecutorService poller;
    private @Nullable WatchService watchService;
    private @Nullable Thread watcher;

    /**
     * @param name the sensor's name (unique within a daemon; names its threads and log lines)
     * @param root the folder to watch; it may not exist yet
     * @param format how its files are read
     * @param watch whether to use a watch service besides polling
     * @param pollInterval how often to rescan the whole tree
     */
    public FolderSensor(String name, Path root, FileFormat format, boolean watch, Duration pollInterval) {
        this.name = Objects.requireNonNull(name, "name");
        this.root = root.toAbsolutePath().normalize();
        this.format = Objects.requireNonNull(format, "format");
        this.watch = watch;
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the folder this sensor watches */
    public Path root() {
        return root;
    }

    @Override
    public void resume(Map<String, String> saved) {
        if (sink != null) {
            throw new IllegalStateException("sensor '" + name + "' is already started; resume it before start");
        }
        state.clear();
        state.putAll(saved);
    }

    @Override
    public Map<String, String> checkpoint() {
        return Map.copyOf(state);
    }

    @Override
    public synchronized void start(Consumer<Observation> observations) {
        Objects.requireNonNull(observations, "sink");
        if (sink != null) {
            throw new IllegalStateException("sensor '" + name + "' is already started");
        }
        if (closed) {
            throw new IllegalStateException("sensor '" + name + "' is closed");
        }
        sink = o -> {
            try {
                observations.accept(o);
            } catch (SinkFailure e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        };
        if (!Files.isDirectory(root)) {
            LOG.warn("sensor '{}': {} does not exist yet; it will be read once it appears", name, root);
        }
        if (watch) {
            try {
                watchService = root.getFileSystem().newWatchService();
                watcher = Thread.ofPlatform().daemon().name("aios-sensor-" + name + "-watch").start(this::watchLoop);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.info("sensor '{}': no watch service on {} ({}); polling every {}", name, root, e, pollInterval);
                watchService = null;
            }
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("aios-sensor-" + name + "-poll").unstarted(r));
        poller = executor;
        executor.scheduleWithFixedDelay(this::pollOnce, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Rescans the whole tree now, on the caller's thread; for tests and hosts that poll themselves. */
    public void scanNow() {
        scanLock.lock();
        try {
            fullScan();
        } finally {
            scanLock.unlock();
        }
    }

    private void pollOnce() {
        try {
            scanNow();
        } catch (RuntimeException e) {
            // The poller must survive anything one scan throws, or polling would stop for good.
            LOG.warn("sensor '{}': scan of {} failed: {}", name, root, e.toString(), e);
        }
    }

    private void fullScan() {
        if (closed || !Files.isDirectory(root)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        boolean complete = walk(root, files);
        Set<String> seen = new HashSet<>();
        for (Path file : files) {
            if (closed) {
                return;
            }
            Path relative = root.relativize(file);
            seen.add(format.key(relative));
            readIfChanged(file);
        }
        if (complete) {
            // Forget files that are gone, so the checkpoint does not grow without bound.
            state.keySet().retainAll(seen);
        }
    }

    /** Collects accepted files under {@code start} in name order and registers directories to watch. */
    private boolean walk(Path start, List<Path> files) {
        TreeSet<Path> sorted = new TreeSet<>();
        boolean[] complete = {true};
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!format.descend(root.relativize(dir))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    register(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && format.accepts(root.relativize(file))) {
                        sorted.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A file renamed away mid-scan (Maildir new/ to cur/) is normal; the next scan sees it.
                    if (!(e instanceof NoSuchFileException)) {
                        LOG.warn("sensor '{}': cannot read {}: {}", name, file, e.toString());
                        complete[0] = false;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("sensor '{}': cannot list {}: {}", name, start, e.toString());
            complete[0] = false;
        }
        files.addAll(sorted);
        return complete[0];
    }

    private void register(Path dir) {
        WatchService service = watchService;
        if (service == null || registered.contains(dir)) {
            return;
        }
        try {
            WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            watchedDirectories.put(key, dir);
            registered.add(dir);
        } catch (ClosedWatchServiceException e) {
            // closing: nothing to watch any more
        } catch (IOException e) {
            LOG.debug("sensor '{}': cannot watch {} ({}); polling covers it", name, dir, e.toString());
        }
    }

    private void readIfChanged(Path file) {
        Consumer<Observation> out = sink;
        if (out == null) {
            return;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // gone or unreadable now; the next scan decides
        }
        // An empty file is most likely still being written; its next event or scan reads it whole.
        if (!attributes.isRegularFile() || attributes.size() == 0) {
            return;
        }
        String key = format.key(root.relativize(file));
        String stamp = format.stamp(attributes);
        String previous = state.get(key);
        if (previous != null && stampOf(previous).equals(stamp)) {
            return;
        }
        String data;
        try {
            data = format.read(file, previous == null ? null : dataOf(previous), out);
        } catch (SinkFailure e) {
            LOG.warn("sensor '{}': could not store what {} holds ({}); will try again", name, file, e.getMessage());
            return;
        } catch (NoSuchFileException e) {
            return; // renamed away while reading; the next scan reads it under its new name
        } catch (FileSystemException e) {
            LOG.warn("sensor '{}': cannot read {} now ({}); will try again", name, file, e.toString());
            return;
        } catch (Exception e) {
            // Malformed input: skip this file until it changes; everything else goes on.
            LOG.warn("sensor '{}': skipping malformed {} {}: {}", name, format.describe(), file, e.toString());
            data = "";
        }
        state.put(key, stamp + "|" + data);
    }

    private void watchLoop() {
        WatchService service = Objects.requireNonNull(watchService);
        while (!closed) {
            WatchKey key;
            try {
                key = service.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            }
            Path dir = watchedDirectories.get(key);
            List<Path> changed = new ArrayList<>();
            boolean overflow = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    overflow = true;
                } else if (dir != null && event.kind() != StandardWatchEventKinds.ENTRY_DELETE) {
                    changed.add(dir.resolve((Path) event.context()));
                }
            }
            if (!key.reset() && dir != null) {
                watchedDirectories.remove(key);
                registered.remove(dir);
            }
            scanLock.lock();
            try {
                if (overflow) {
                    fullScan();
                } else {
                    for (Path path : changed) {
                        if (closed) {
                            return;
                        }
                        react(path);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("sensor '{}': handling changes in {} failed: {}", name, dir, e.toString(), e);
            } finally {
                scanLock.unlock();
            }
        }
    }

    private void react(Path path) {
        if (!path.startsWith(root)) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            if (format.descend(root.relativize(path))) {
                List<Path> files = new ArrayList<>();
                walk(path, files);
                files.forEach(this::readIfChanged);
            }
        } else if (format.accepts(root.relativize(path))) {
            readIfChanged(path);
        }
    }

    @Override
    public void close() {
        closed = true;
        ScheduledExecutorService executor = poller;
        if (executor != null) {
            executor.shutdownNow();
        }
        WatchService service = watchService;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.debug("sensor '{}': closing the watch service: {}", name, e.toString());
            }
        }
        Thread thread = watcher;
        try {
            if (executor != null && !executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("sensor '{}': the poller did not stop within 10 s", name);
            }
            if (thread != null) {
                thread.interrupt();
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String stampOf(String entry) {
        int bar = entry.indexOf('|');
        return bar < 0 ? entry : entry.substring(0, bar);
    }

    private static String dataOf(String entry) {
        int bar = entry.indexOf('|');
        return bar < 0 ? "" : entry.substring(bar + 1);
    }
}
