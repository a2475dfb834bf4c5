package xmemck.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import xmemck.ops.Fill;

/**
 * The {@link Fill} pattern of a memory file laid out as guard page, object, guard page: byte {@code
 * i} of the file is {@code Fill.byteAt(seed, i - GUARD)}. Computing it costs more than copying it,
 * and worlds keep asking for the same few seeds, so the pattern of each recent seed is kept in
 * native memory, as long as the longest small file asked for. Files longer than {@link #MAX_CACHED}
 * are filled a chunk at a time instead.
 */
final class Patterns {
    /** Longer files (large regions, for digests) are rare and would pin megabytes per seed. */
    static final long MAX_CACHED = 256L * Geometry.PAGE;

    private static final int SEEDS = 8;

    /** Least recently used first; a dropped pattern's memory goes with its automatic arena. */
    private final Map<Long, MemorySegment> bySeed =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, MemorySegment> eldest) {
                    return size() > SEEDS;
                }
            };

    /**
     * The first {@code length} bytes ({@code <= MAX_CACHED}) of the file pattern of {@code seed}.
     */
    MemorySegment of(long seed, long length) {
        if (length > MAX_CACHED)
            throw new IllegalArgumentException(length + " bytes is more than the patterns kept");
        MemorySegment p = bySeed.get(seed);
        if (p == null || p.byteSize() < length) {
            long size = Math.max(length, p == null ? 0 : p.byteSize());
            byte[] bytes = Fill.bytes(seed, -Geometry.GUARD, (int) size);
            p = Arena.ofAuto().allocate(size, Geometry.PAGE);
            MemorySegment.copy(bytes, 0, p, ValueLayout.JAVA_BYTE, 0, bytes.length);
            bySeed.put(seed, p);
        }
        return p.asSlice(0, length);
    }

    /**
     * Makes the memory file {@code fd} of {@code length} bytes hold the pattern of {@code seed}
     * again, rewriting only the pages that differ. It goes through the file, not a mapping:
     * touching a page through a mapping the kit has just changed costs a page fault, which on some
     * hosts (shadow page tables) costs more than reading the whole file. {@code buffer} holds at
     * least {@code length} bytes. Answers how many pages were rewritten.
     */
    int restore(Libc c, int fd, long length, long seed, MemorySegment buffer) throws OsError {
        MemorySegment want = of(seed, length);
        MemorySegment have = buffer.asSlice(0, length);
        if (c.pread(fd, have.address(), length, 0) != length)
            throw new OsError("pread of a memory file", c.errno());
        int rewritten = 0;
        for (long at = 0; at < length; ) {
            long differs = MemorySegment.mismatch(have, at, length, want, at, length); // from at on
            if (differs < 0) break;
            long page = (at + differs) & -Geometry.PAGE;
            long n = Math.min(Geometry.PAGE, length - page);
            if (c.pwrite(fd, want.address() + page, n, page) != n)
                throw new OsError("pwrite of a page's pattern", c.errno());
            rewritten++;
            at = page + n;
        }
        return rewritten;
    }
}
