package xmemck.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import xmemck.ops.Observe;
import xmemck.ops.PageDigest;
import xmemck.ops.Result;
import xmemck.spi.SutFailure;

/**
 * Answers the observation ops: bytes and page digests through the kit's privileged view ({@link
 * PrivilegedView}), and a page's protection from {@code /proc/PID/maps} ({@link ProcMaps}).
 */
final class Observer {
    /**
     * Digests are computed a chunk at a time: large enough that a 256 MiB object takes a few
     * hundred system calls, small enough that the copy into the Java heap stays in the cache for
     * the digest that follows it.
     */
    static final int DIGEST_CHUNK = 1 << 20;

    private final World world;
    private final PrivilegedView view;

    /** The Java-heap copy of one chunk, for {@link PageDigest#of}; reused across calls. */
    private final byte[] chunk = new byte[DIGEST_CHUNK];

    Observer(World world) {
        this.world = world;
        this.view = new PrivilegedView(world);
    }

    Result bytes(Observe.Bytes b) throws SutFailure, OsError {
        if (b.length() > Integer.MAX_VALUE - 16)
            throw World.protocol(b, "cannot observe more than 2 GiB at once");
        int length = (int) b.length();
        MemorySegment buf = world.scratch.buffer(Math.max(length, Geometry.PAGE));
        List<Long> unreadable = new ArrayList<>();
        view.read(b, b.object(), b.from(), length, buf, unreadable);
        byte[] data = new byte[length];
        MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, data, 0, length);
        return new Result.Bytes(b.object(), b.from(), data, unreadable);
    }

    /**
     * One {@link PageDigest} per page, read a chunk at a time with the same view as {@link #bytes}:
     * the bytes never exist in full in the Java heap, so a large object costs its reading and one
     * copy per chunk, not an array of its size.
     */
    Result digest(Observe.Digest d) throws SutFailure, OsError {
        long pages = d.length() / Geometry.PAGE;
        if (pages > Integer.MAX_VALUE - 16)
            throw World.protocol(d, "too many pages for one answer");
        long[] digests = new long[(int) pages];
        List<Long> unreadable = new ArrayList<>();
        MemorySegment buf = world.scratch.buffer(DIGEST_CHUNK);
        long firstPage = Math.floorDiv(d.from(), Geometry.PAGE);
        for (long done = 0; done < d.length(); done += DIGEST_CHUNK) {
            int n = (int) Math.min(DIGEST_CHUNK, d.length() - done);
            int before = unreadable.size();
            view.read(d, d.object(), d.from() + done, n, buf, unreadable);
            MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, chunk, 0, n);
            // the unreadable pages of this chunk come in ascending order: walk them alongside the
            // pages
            int next = before;
            long chunkPage = firstPage + done / Geometry.PAGE;
            for (int k = 0; k < n / Geometry.PAGE; k++) {
                boolean gone = next < unreadable.size() && unreadable.get(next) == chunkPage + k;
                if (gone) next++;
                digests[(int) (done / Geometry.PAGE) + k] =
                        gone ? PageDigest.ZERO_PAGE : PageDigest.of(chunk, k * Geometry.PAGE);
            }
        }
        return new Result.Digest(d.object(), d.from(), digests, unreadable);
    }

    Result protection(Observe.Protection p) throws SutFailure {
        Region r = world.regions.get(p.object());
        FileSegment s = r == null ? world.segments.get(p.object()) : null;
        if (r == null && s == null) throw World.protocol(p, "no object " + p.object());
        world.ready(r, true);
        Space where = r != null ? r.home.space() : world.kit;
        long address =
                r != null ? r.home.pageAddress(p.page()) : s.address(p.page() * Geometry.PAGE);
        return new Result.Protection(world.maps.protection(where, address));
    }
}
