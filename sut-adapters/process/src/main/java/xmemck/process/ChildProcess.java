package xmemck.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import xmemck.wire.Excerpt;

/**
 * One running implementation process and the three threads that keep its pipes moving: a writer (so that a child
 * that stops reading can never block the kit: the caller only waits on the reply queue, with a deadline), a reader
 * that cuts standard output into lines, and a collector that keeps standard error. Knows nothing of the protocol.
 */
final class ChildProcess {
    /**
     * Longest message line accepted: the longest a Java array can be. The largest region the operation language
     * allows (1 GiB) with its guard pages is 1.43 GB of base64 in one observation.
     */
    static final int MAX_LINE = Integer.MAX_VALUE - 1024;

    private final int maxLine;

    private final Process process;
    private final List<String> command;
    /** Bounded, so that an implementation that floods its output while the kit is not reading blocks instead. */
    private final BlockingQueue<Incoming> replies = new LinkedBlockingQueue<>(10_000);
    /** Set once the process is being killed: the reader then drops what it still reads instead of waiting for room. */
    private volatile boolean discarding;
    private final BlockingQueue<Object> outgoing = new LinkedBlockingQueue<>();
    private final StderrBuffer stderr = new StderrBuffer();
    private final Thread stderrThread;
    /** The start of the line being read, and its length so far, for the message when a reply never completes. */
    private volatile String partialPrefix = "";
    private volatile long partialLength;
    /** When the reader last received bytes: a long answer that is still arriving is not a hang. */
    private volatile long lastProgress = System.nanoTime();
    private static final Object CLOSE_STDIN = new Object();

    private ChildProcess(Process process, List<String> command, int maxLine) {
        this.process = process;
        this.maxLine = maxLine;
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

    static ChildProcess start(List<String> command, int maxLine) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Process p = pb.start();
        ChildProcess c = new ChildProcess(p, command, maxLine);
        Children.add(c);
        return c;
    }

    long pid() { return process.pid(); }

    List<String> command() { return command; }

    boolean alive() { return process.isAlive(); }

    /** Queues lines for the implementation's standard input; they are written in order, then flushed. */
    void send(List<String> lines) { outgoing.addAll(lines); }

    void send(String line) { outgoing.add(line); }

    /** Closes the implementation's standard input once everything queued has been written. */
    void closeInput() { outgoing.add(CLOSE_STDIN); }

    /**
     * The next thing read from standard output, or null when the implementation sent nothing at all for
     * {@code timeout}: the clock restarts whenever bytes arrive, so a large observation that takes long to stream
     * is waited for, while an implementation that stops writing is not.
     */
    Incoming next(Duration timeout) throws InterruptedException {
        long limit = timeout.toNanos();
        long deadline = System.nanoTime() + limit;
        while (true) {
            Incoming item = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item != null) return item;
            long extended = lastProgress + limit;
            if (extended - System.nanoTime() <= 0) return null;
            deadline = extended;
        }
    }

    /** Non-null when a reply line has started but not ended: its beginning and length, for a timeout message. */
    String partialLine() {
        long n = partialLength;
        return n == 0 ? null : wireExcerpt(partialPrefix) + (n > partialPrefix.length() ? " (" + n + " bytes so far)" : "");
    }

    StderrBuffer stderr() { return stderr; }

    /**
     * Waits up to {@code timeout} for the process to end, then lets the stderr collector catch up so that its last
     * words are in the buffer. Returns the exit status, or null if it is still running.
     */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return null;
        stderrThread.join(500);
        return process.exitValue();
    }

    /**
     * Ends the process and every process it started, without mercy: what the kit does to an implementation that
     * hung, crashed or broke the protocol. Waits until the process is reaped, so no zombie is left.
     */
    void kill() { terminate(process.descendants().toList()); }

    /**
     * The polite ending: close standard input (the protocol's "stop"), give the implementation {@code grace} to
     * exit, ask it to terminate, then kill what is left, including anything it started. Never throws.
     */
    void stop(Duration grace) {
        List<ProcessHandle> known = process.descendants().toList();
        closeInput();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                process.waitFor(500, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            terminate(known);
        }
    }

    private void terminate(List<ProcessHandle> known) {
        discarding = true;
        replies.clear();
        outgoing.add(CLOSE_STDIN); // lets the writer thread end instead of waiting for lines that never come
        List<ProcessHandle> all = new ArrayList<>(known);
        all.addAll(process.descendants().toList());
        process.destroyForcibly();
        for (ProcessHandle d : all) d.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Children.remove(this);
    }

    private void writeLoop() {
        try (OutputStream out = process.getOutputStream()) {
            byte[] nl = {'\n'};
            while (true) {
                Object item = outgoing.take();
                if (item == CLOSE_STDIN) return;
                out.write(((String) item).getBytes(StandardCharsets.UTF_8));
                out.write(nl);
                if (outgoing.isEmpty()) out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The child went away (broken pipe) or the kit is shutting down: the reader reports what happened.
        }
    }

    /**
     * The line being read: its bytes so far. Once it is longer than the limit it is reported at once (an endless
     * line must not be waited for) and the rest of it is dropped; {@code overlong} is then its length so far.
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
        if (overlong == 0 && (long) len + count > maxLine) {
            overlong = (long) len + count;
            len = 0;
            line = new byte[1 << 12];
            deliver(new Incoming.Overlong(partialPrefix, overlong));
        } else if (overlong > 0) {
            overlong += count;
        } else {
            if (len + count > line.length) {
                long grown = Math.max((long) len + count, line.length + (line.length >> 1));
                line = java.util.Arrays.copyOf(line, (int) Math.min(grown, maxLine));
            }
            System.arraycopy(buf, from, line, len, count);
            if (len == 0) partialPrefix = new String(line, 0, Math.min(count, 200), StandardCharsets.UTF_8);
            len += count;
        }
        partialLength = overlong > 0 ? overlong : len;
    }

    private void endLine() {
        if (overlong == 0) {
            int end = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
            if (line.length > 1 << 20) {
                // A huge answer: hand over the buffer itself instead of a copy, and do not keep a huge buffer here.
                deliver(new Incoming.Line(line, end));
                line = new byte[1 << 12];
            } else {
                deliver(new Incoming.Line(java.util.Arrays.copyOf(line, end), end));
            }
        } else if (line.length > 1 << 20) {
            line = new byte[1 << 12];
        }
        len = 0;
        overlong = 0;
        partialLength = 0;
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

    private static String wireExcerpt(String s) { return Excerpt.of(s, 200); }
}
