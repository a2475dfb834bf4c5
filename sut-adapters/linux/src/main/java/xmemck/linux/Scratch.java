package xmemck.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Native memory the adapter reuses instead of allocating per call: a buffer that grows (rarely) to
 * the largest size asked for, an always-zero page (the source of VM_MVC_ZERO), two iovecs, and a
 * mincore vector. Shared arenas, because the harness may drive one Sut from different threads one
 * after the other.
 */
final class Scratch {
    private Arena bufferArena = Arena.ofShared();
    private MemorySegment buffer = bufferArena.allocate(64 * 1024, Geometry.PAGE);
    private final Arena arena = Arena.ofShared();
    final MemorySegment zeroPage = arena.allocate(Geometry.PAGE, Geometry.PAGE);

    /**
     * A chunk of a large region's pattern on its way to the region's file: one array for every
     * chunk, where an array per chunk had made a 256 MiB region 256 MiB of garbage (young
     * collections that stop every run of a {@code ck run}).
     */
    final byte[] heapChunk = new byte[64 * 1024];

    /** Two {@code struct iovec}: local at 0, remote at 16. */
    final MemorySegment iovecs = arena.allocate(32, 8);

    /** A mincore vector: one byte per page, for runs of up to 1024 pages. */
    final MemorySegment vec = arena.allocate(1024, 8);

    /** A buffer of at least {@code size} bytes; its contents are not kept when it grows. */
    MemorySegment buffer(long size) {
        if (buffer.byteSize() < size) {
            bufferArena.close();
            bufferArena = Arena.ofShared();
            buffer = bufferArena.allocate(Math.max(size, 2 * buffer.byteSize()), Geometry.PAGE);
        }
        return buffer;
    }

    /** Sets the local and the remote iovec; answers their addresses' base. */
    long iovecs(long local, long remote, long length) {
        iovecs.set(ValueLayout.JAVA_LONG, 0, local);
        iovecs.set(ValueLayout.JAVA_LONG, 8, length);
        iovecs.set(ValueLayout.JAVA_LONG, 16, remote);
        iovecs.set(ValueLayout.JAVA_LONG, 24, length);
        return iovecs.address();
    }

    void close() {
        bufferArena.close();
        arena.close();
    }
}
