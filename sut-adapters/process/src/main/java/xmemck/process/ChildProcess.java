package xmemck.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import xmemck.wire.Excerpt;

/**
 * One running implementation process and the three threads that keep its pipes moving: a writer (so
 * that a child that stops reading can never block the kit: the caller only waits on the reply
 * queue, with a deadline), a reader that cuts standard output into lines, and a collector that
 * keeps standard error. Knows nothing of the protocol.
 */
final class ChildProcess {
    /**
     * Longest message line accepted: about the longest a Java array can be (the JVM refuses arrays
     * within a few elements of {@code Integer.MAX_VALUE}). The largest region the operation
     * language allows (1 GiB) with its guard pages is 1.43 GB of base64 in one observation. Lengths
     * are counted in {@code long} everywhere, so a line of any length is cut off here, never
     * wrapped around.
     */
    static final int MAX_LINE = Integer.MAX_VALUE - 1024;

    /** How often a caller waiting for an answer looks whether the implementation has exited. */
    private static final long EXIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * After the implementation exited, how long the reader must have been quiet before the exit is
     * reported: what it wrote before exiting is still in the pipe and is read first.
     */
    private static final long EXIT_DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * Durations beyond this (about 73 years) are treated as this, so that deadline arithmetic
     * cannot overflow.
     */
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private final int maxLine;

    /** Applied to each complete line on the reader thread (see {@link #start}). */
    private final java.util.function.BiFunction<byte[], Integer, Object> decoder;

    private final Process process;
    private final List<String> command;
    private final String mark;
    private final Instant started;

    /**
     * Bounded, so that an implementation that floods its output while the kit is not reading blocks
     * instead.
     */
    private final BlockingQueue<Incoming> replies = new LinkedBlockingQueue<>(10_000);

    /**
     * Set once the process is being killed: the reader then drops what it still reads instead of
     * waiting for room.
     */
    private volatile boolean discarding;

    private final BlockingQueue<Object> outgoing = new LinkedBlockingQueue<>();
    private final StderrBuffer stderr = new StderrBuffer();
    private final Thread stderrThread;

    /**
     * The start of the line being read, and its length so far, for the message when a reply never
     * completes.
     */
    private volatile String partialPrefix = "";

    private volatile long partialLength;

    /** When the reader last received bytes: a long answer that is still arriving is not a hang. */
    private volatile long lastProgress = System.nanoTime();

    private static final Object CLOSE_STDIN = new Object();

    private ChildProcess(
            Process process,
            List<String> command,
            int maxLine,
            String mark,
            Instant started,
            java.util.function.BiFunction<byte[], Integer, Object> decoder) {
        this.process = process;
        this.decoder = java.util.Objects.requireNonNull(decoder);
        this.maxLine = maxLine;
        this.mark = mark;
        this.started = started;
        this.command = List.copyOf(command);
        String tag = "xmemck-child-" + process.pid();
        Thread writer = new Thread(this::writeLoop, tag + "-stdin");
        Thread reader = new Thread(this::readLoop, tag + "-stdout");
        stderrThread = new Thread(this::stderrLoop, tag + "-stderr");
        for (Thread t : List.of(writer, reader, stderrThread)) {
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Starts {@code command}; lines longer than {@code maxLine} are overlong. {@code decoder} is
     * applied to each complete line by the reader thread (its answer, or the exception it throws,
     * travels with the line as {@link Incoming.Line#decoded}), so that decoding an answer overlaps
     * the caller's work on the one before.
     */
    static ChildProcess start(
            List<String> command,
            int maxLine,
            java.util.function.BiFunction<byte[], Integer, Object> decoder)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        String mark = ProcessTree.newMark();
        pb.environment().put(ProcessTree.MARK, mark);
        Instant before = Instant.now();
        Process p = pb.start();
        ChildProcess c =
                new ChildProcess(
                        p, command, maxLine, mark, p.info().startInstant().orElse(before), decoder);
        Children.add(c);
        return c;
    }

    long pid() {
        return process.pid();
    }

    List<String> command() {
        return command;
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Queues bytes for the implementation's standard input: whole lines, each ended by a line end.
     */
    void send(byte[] lines) {
        outgoing.add(lines);
    }

    void send(String line) {
        outgoing.add((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the implementation's standard input once everything queued has been written. */
    void closeInput() {
        outgoing.add(CLOSE_STDIN);
    }

    /**
     * The next thing read from standard output, or what stands for it when nothing usable comes:
     *
     * <ul>
     *   <li>{@link Incoming.Silence} when nothing at all arrived for {@code silence} (the clock
     *       restarts whenever bytes arrive, so a large observation that takes long to stream is
     *       waited for, while an implementation that stops writing is not);
     *   <li>{@link Incoming.Overdue} when bytes kept arriving but no line was complete within
     *       {@code overall} of the call (a trickle of one byte per second would otherwise hold the
     *       kit forever);
     *   <li>{@link Incoming.Exited} when the implementation exited and everything it wrote has been
     *       read, though its standard output stays open (a process it started holds it).
     * </ul>
     */
    Incoming next(Duration silence, Duration overall) throws InterruptedException {
        long quiet = nanos(silence);
        long start = System.nanoTime();
        long hard = start + nanos(overall);
        long exitSeen = 0;
        boolean exited = false;
        while (true) {
            Incoming item = replies.poll();
            if (item != null) return item;
            long now = System.nanoTime();
            long progress = lastProgress;
            long quietSince = progress - start > 0 ? progress : start;
            long silenceLeft = quietSince + quiet - now;
            if (silenceLeft <= 0) return new Incoming.Silence();
            long hardLeft = hard - now;
            if (hardLeft <= 0) return new Incoming.Overdue();
            long wait = Math.min(Math.min(silenceLeft, hardLeft), EXIT_POLL_NANOS);
            if (!exited && !process.isAlive()) {
                exited = true;
                exitSeen = now;
            }
            if (exited) {
                long drainedAt = (progress - exitSeen > 0 ? progress : exitSeen) + EXIT_DRAIN_NANOS;
                if (drainedAt - now <= 0) return new Incoming.Exited();
                wait = Math.min(wait, drainedAt - now);
            }
            item = replies.poll(Math.max(1, wait), TimeUnit.NANOSECONDS);
            if (item != null) return item;
        }
    }

    /** A duration in nanoseconds, at most {@link #FOREVER_NANOS} and at least 0. */
    static long nanos(Duration d) {
        if (d.isNegative()) return 0;
        return d.compareTo(Duration.ofNanos(FOREVER_NANOS)) >= 0 ? FOREVER_NANOS : d.toNanos();
    }

    /**
     * Non-null when a reply line has started but not ended: its beginning and length, for a timeout
     * message.
     */
    String partialLine() {
        long n = partialLength;
        return n == 0
                ? null
                : wireExcerpt(partialPrefix)
                        + (n > partialPrefix.length() ? " (" + n + " bytes so far)" : "");
    }

    /**
     * What the implementation wrote that nobody has read yet, without waiting: the first unread
     * line, or the line being written; null when there is nothing. For the check when the adapter
     * is closed.
     */
    String unread() {
        Incoming first = replies.peek();
        String partial = partialLine();
        if (first == null) return partial == null ? null : partial + " (a line not yet ended)";
        return switch (first) {
            case Incoming.Line l -> Excerpt.ofUtf8(l.bytes(), l.length(), ProcessSut.QUOTE);
            case Incoming.Overlong o ->
                    wireExcerpt(o.prefix()) + " (a line of " + o.length() + " bytes)";
            case Incoming.End e -> null; // it closed its output: nothing more was said
            default -> first.toString();
        };
    }

    StderrBuffer stderr() {
        return stderr;
    }

    /**
     * Waits up to {@code timeout} for the process to end, then lets the stderr collector catch up
     * so that its last words are in the buffer. Returns the exit status, or null if it is still
     * running.
     */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return null;
        stderrThread.join(500);
        return process.exitValue();
    }

    /**
     * Ends the process and every process of its tree (see {@link ProcessTree}: including those its
     * children left behind after it exited): SIGTERM, a short grace, then SIGKILL. What the kit
     * does to an implementation that hung, crashed or broke the protocol. Waits until the process
     * is reaped, so no zombie is left.
     */
    void kill() {
        terminate(List.of());
    }

    /**
     * The polite ending: close standard input (the protocol's "stop"), give the implementation
     * {@code grace} to exit, then end what is left of its tree as {@link #kill()} does. Never
     * throws.
     */
    void stop(Duration grace) {
        // Taken while the implementation still runs: once it exits its children are no longer its
        // descendants.
        List<ProcessHandle> known = process.descendants().toList();
        closeInput();
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            terminate(known);
        }
        try {
            stderrThread.join(500); // its last words, for the report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The live members of this implementation's process tree, the implementation first (for the
     * shutdown hook).
     */
    List<ProcessHandle> tree() {
        return ProcessTree.members(process.toHandle(), mark, started);
    }

    /** Marks this child as being ended: its reader stops waiting for room in the queue. */
    void abandon() {
        discarding = true;
        replies.clear();
        outgoing.add(
                CLOSE_STDIN); // lets the writer thread end instead of waiting for lines that never
        // come
    }

    private void terminate(List<ProcessHandle> known) {
        abandon();
        Set<ProcessHandle> all = new LinkedHashSet<>(tree());
        all.addAll(known);
        ProcessTree.end(all, ProcessTree.TERM_GRACE);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Children.remove(this);
    }

    private void writeLoop() {
        try (OutputStream out = process.getOutputStream()) {
            while (true) {
                Object item = outgoing.take();
                if (item == CLOSE_STDIN) return;
                out.write((byte[]) item);
                if (outgoing.isEmpty()) out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The child went away (broken pipe) or the kit is shutting down: the reader reports
            // what happened.
        }
    }

    /**
     * The line being read: its bytes so far. Once it is longer than the limit it is reported at
     * once (an endless line must not be waited for) and the rest of it is dropped; {@code overlong}
     * is then its length so far.
     */
    private byte[] line = new byte[1 << 12];

    private int len;
    private long overlong;

    private void readLoop() {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = process.getInputStream()) {
            while (true) {
                int n = in.read(buf);
                if (n < 0) break;
                lastProgress = System.nanoTime();
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') continue;
                    take(buf, start, i - start);
                    endLine();
                    start = i + 1;
                }
                take(buf, start, n - start);
            }
            if (len > 0 || overlong > 0) endLine(); // a last line without its line end
            deliver(new Incoming.End());
        } catch (IOException e) {
            deliver(new Incoming.Failed("reading its standard output failed: " + e.getMessage()));
        }
    }

    private void take(byte[] buf, int from, int count) {
        if (count == 0) return;
        long needed = (long) len + count;
        if (overlong == 0 && needed > maxLine) {
            overlong = needed;
            drop();
            deliver(new Incoming.Overlong(partialPrefix, overlong));
        } else if (overlong > 0) {
            overlong += count;
        } else {
            if (needed > line.length) {
                try {
                    line = Arrays.copyOf(line, grownCapacity(line.length, needed, maxLine));
                } catch (OutOfMemoryError e) {
                    // One huge array the heap cannot hold: say so, and drop the rest of the line as
                    // if it were overlong.
                    overlong = needed;
                    drop();
                    deliver(
                            new Incoming.Failed(
                                    "the kit ran out of memory holding a line of "
                                            + needed
                                            + " bytes from the implementation (give the JVM more heap with -Xmx)"));
                    partialLength = overlong;
                    return;
                }
            }
            System.arraycopy(buf, from, line, len, count);
            if (len == 0)
                partialPrefix = new String(line, 0, Math.min(count, 200), StandardCharsets.UTF_8);
            len += count;
        }
        partialLength = overlong > 0 ? overlong : len;
    }

    /**
     * The new size of a line buffer of {@code capacity} bytes that must hold {@code needed} ({@code
     * needed <= max}): half as large again, so that a line of n bytes costs O(n) copying in all,
     * but never more than {@code max}. Computed in {@code long}: in {@code int}, half as large
     * again as 1.43 GB wraps around to a negative size, and the buffer would then grow by one read
     * at a time, copying the whole line each time.
     */
    static int grownCapacity(int capacity, long needed, int max) {
        long grown = Math.max(needed, (long) capacity + (capacity >> 1));
        return (int) Math.min(grown, max);
    }

    private void drop() {
        len = 0;
        line = new byte[1 << 12];
    }

    private void endLine() {
        byte[] bytes = null;
        int end = 0;
        if (overlong == 0) {
            end = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
            if (line.length > 1 << 20) {
                // A huge answer: hand over the buffer itself instead of a copy, and do not keep a
                // huge buffer here.
                bytes = line;
                line = new byte[1 << 12];
            } else {
                bytes = Arrays.copyOf(line, end);
            }
        } else if (line.length > 1 << 20) {
            line = new byte[1 << 12];
        }
        len = 0;
        overlong = 0;
        // No longer a line being read, before it is handed over: whoever takes it may look at once
        // for a partial line (an unread one at close), and must not find this one.
        partialLength = 0;
        if (bytes != null) deliver(decoded(bytes, end));
    }

    private Incoming.Line decoded(byte[] bytes, int length) {
        Object decoded;
        try {
            decoded = decoder.apply(bytes, length);
        } catch (RuntimeException e) {
            decoded = e;
        } catch (OutOfMemoryError e) {
            decoded = null; // the caller decodes it again, and meets this where it is reported
        }
        return new Incoming.Line(bytes, length, decoded);
    }

    private void deliver(Incoming item) {
        try {
            while (!discarding && !replies.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // The kit is not reading yet: wait for room (backpressure on the implementation).
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stderrLoop() {
        byte[] buf = new byte[8192];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buf)) >= 0) stderr.append(buf, n);
        } catch (IOException e) {
            // The pipe closed under us: the process is gone.
        }
    }

    private static String wireExcerpt(String s) {
        return Excerpt.of(s, 200);
    }

    /**
     * For the shutdown hook: the members of several trees at once, so that they share one grace
     * period.
     */
    static List<ProcessHandle> trees(Iterable<ChildProcess> children) {
        List<ProcessHandle> all = new ArrayList<>();
        for (ChildProcess c : children) {
            c.abandon();
            all.addAll(c.tree());
        }
        return all;
    }
}
