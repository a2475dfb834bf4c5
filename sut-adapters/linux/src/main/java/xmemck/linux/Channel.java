package xmemck.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The kit's ends of the two pipes to one helper: command lines out, answer lines in. The calling
 * thread reads the answers itself, waiting in {@code poll(2)} for at most the per-call timeout. (A
 * reader thread handing lines over a queue would cost a second wake-up per round trip, and a thread
 * of the kit running on the other processor, which makes every later mprotect or munmap of the kit
 * interrupt that processor to flush its TLB.)
 *
 * <p>The helper opens the far ends through {@code /proc/KIT/fd/N}, as it opens the memory files;
 * once it has said it is ready, the kit closes its own copies of them ({@link #handOver}), so that
 * each pipe ends when the process at its far end does: a dead helper reads as the end of the
 * answers, and a dead kit as the end of the commands.
 */
final class Channel implements AutoCloseable {
    /** What {@link #readLine} answers when the helper's end is closed. */
    static final String END = "\u0000end of output";

    private static final int BUFFER = 64 * 1024;

    private final Libc c;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(BUFFER);
    private final MemorySegment pollfd = arena.allocate(8, 4);

    /** The kit's ends. */
    private int commandsOut = -1, answersIn = -1;

    /** The helper's ends, held until the helper has opened them. */
    private int commandsIn = -1, answersOut = -1;

    /** Answer bytes read but not yet returned as lines. */
    private final StringBuilder unread = new StringBuilder();

    private boolean closed;

    Channel(Libc c) throws OsError {
        this.c = c;
        MemorySegment fds = arena.allocate(8, 4);
        if (c.pipe2(fds.address(), Libc.O_CLOEXEC) != 0) throw new OsError("pipe2", c.errno());
        commandsIn = fds.get(ValueLayout.JAVA_INT, 0);
        commandsOut = fds.get(ValueLayout.JAVA_INT, 4);
        if (c.pipe2(fds.address(), Libc.O_CLOEXEC) != 0) {
            int e = c.errno();
            close();
            throw new OsError("pipe2", e);
        }
        answersIn = fds.get(ValueLayout.JAVA_INT, 0);
        answersOut = fds.get(ValueLayout.JAVA_INT, 4);
    }

    /**
     * The kit's descriptor numbers of the helper's ends: the helper reads commands from the first,
     * writes answers to the second.
     */
    int[] farEnds() {
        return new int[] {commandsIn, answersOut};
    }

    /** The helper has opened its ends: the kit lets go of its copies. */
    void handOver() {
        if (commandsIn >= 0) c.close(commandsIn);
        if (answersOut >= 0) c.close(answersOut);
        commandsIn = answersOut = -1;
    }

    /** Writes all of {@code text}; false if the helper no longer reads (the pipe is broken). */
    boolean write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int done = 0; done < bytes.length; ) {
            int n = Math.min(BUFFER, bytes.length - done);
            MemorySegment.copy(bytes, done, buffer, ValueLayout.JAVA_BYTE, 0, n);
            for (int at = 0; at < n; ) {
                long w = c.write(commandsOut, buffer.address() + at, n - at);
                if (w < 0 && c.errno() == Libc.EINTR) continue;
                if (w <= 0) return false;
                at += (int) w;
            }
            done += n;
        }
        return true;
    }

    /**
     * The next answer line; {@link #END} when the helper's end is closed; null when none came
     * within {@code timeoutMillis} (0: only if one has arrived already).
     */
    String readLine(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            int nl = unread.indexOf("\n");
            if (nl >= 0) {
                String line = unread.substring(0, nl);
                unread.delete(0, nl + 1);
                return line;
            }
            long left = deadline - System.nanoTime();
            pollfd.set(ValueLayout.JAVA_INT, 0, answersIn);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
            pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
            int ready =
                    c.poll(
                            pollfd.address(),
                            1,
                            left <= 0
                                    ? 0
                                    : (int)
                                            Math.min(
                                                    Integer.MAX_VALUE,
                                                    (left + 999_999) / 1_000_000));
            if (ready < 0 && c.errno() == Libc.EINTR) continue;
            if (ready < 0) return END; // the pipe cannot be waited on: as good as gone
            if (ready == 0) {
                if (left <= 0) return null;
                continue; // woke early: the deadline decides
            }
            long n = c.read(answersIn, buffer.address(), BUFFER);
            if (n < 0 && c.errno() == Libc.EINTR) continue;
            if (n <= 0) return END;
            byte[] bytes = new byte[(int) n];
            MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, bytes, 0, (int) n);
            unread.append(new String(bytes, StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        handOver();
        if (commandsOut >= 0) c.close(commandsOut);
        if (answersIn >= 0) c.close(answersIn);
        commandsOut = answersIn = -1;
        arena.close();
    }
}
