package xmemck.linux;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import xmemck.spi.SutFailure;

/**
 * Regions and file segments of past worlds, restored and kept for the next ones. A fuzz case builds
 * a few objects of one to five pages; building one costs a memory file, two mappings and a round
 * trip to a helper, and a world lasts less than that. So an idle region is kept per address space
 * (the kit or a helper) and size, and an idle segment per size, a few of each, up to {@link
 * #MAX_PAGES} pages; larger objects are built and let go with their world.
 *
 * <p>Only restored objects are kept ({@link Region#restore}, {@link FileSegment#restore}); the
 * taker prepares one for its world. With reuse off (adapter option {@code reuse=false}) nothing is
 * kept and every world is built from scratch.
 */
final class RegionPool {
    /** The largest object kept, in pages. */
    static final int MAX_PAGES = 64;

    /**
     * Idle objects kept per address space and size: a world names at most a few objects of one size
     * in one space.
     */
    static final int PER_SIZE = 4;

    private record Key(Space home, int pages) {}

    private final Libc c;
    private final boolean enabled;
    private final Map<Key, ArrayDeque<Region>> regions = new HashMap<>();
    private final Map<Integer, ArrayDeque<FileSegment>> segments = new HashMap<>();
    private long taken;

    RegionPool(Libc c, boolean enabled) {
        this.c = c;
        this.enabled = enabled;
    }

    /** Whether {@code pages} is small enough to be kept at all. */
    boolean wants(int pages) {
        return enabled && pages <= MAX_PAGES;
    }

    /**
     * An idle region of {@code pages} pages in {@code home}, or null. One whose restore the helper
     * has carried out comes first (the world need not wait for it), then one last filled with
     * {@code seed}. While there is room for more, a region still being restored is not taken: a new
     * one is built instead, so that the next world finds one ready.
     */
    Region take(Space home, int pages, long seed) throws SutFailure {
        ArrayDeque<Region> idle = regions.get(new Key(home, pages));
        if (idle == null || idle.isEmpty()) return null;
        Region pick = null;
        boolean pickReady = false;
        for (Iterator<Region> i = idle.iterator(); i.hasNext(); ) {
            Region r = i.next();
            if (r.lost) {
                i.remove();
                r.release(c);
                continue;
            }
            boolean ready = !(home instanceof HelperClient h) || h.commands().carriedOut(r.readyAt);
            if (pick == null
                    || ready && !pickReady
                    || ready == pickReady && r.seed == seed && pick.seed != seed) {
                pick = r;
                pickReady = ready;
            }
        }
        if (pick == null || !pickReady && idle.size() < PER_SIZE) return null;
        idle.remove(pick);
        taken++;
        return pick;
    }

    /**
     * An idle segment of {@code pages} pages, preferably one last filled with {@code seed}; null if
     * none.
     */
    FileSegment takeSegment(int pages, long seed) {
        ArrayDeque<FileSegment> idle = segments.get(pages);
        if (idle == null || idle.isEmpty()) return null;
        FileSegment pick = idle.peekFirst();
        for (FileSegment s : idle) if (s.seed == seed) pick = s;
        idle.remove(pick);
        taken++;
        return pick;
    }

    /** Whether {@link #keep} would keep {@code r} (so that it is worth restoring). */
    boolean hasRoom(Region r) {
        if (!wants(r.pages)) return false;
        ArrayDeque<Region> idle = regions.get(new Key(r.home.space(), r.pages));
        return idle == null || idle.size() < PER_SIZE;
    }

    /** Keeps a restored region; false when there is no room (the caller lets it go). */
    boolean keep(Region r) {
        if (!wants(r.pages)) return false;
        ArrayDeque<Region> idle =
                regions.computeIfAbsent(new Key(r.home.space(), r.pages), k -> new ArrayDeque<>());
        if (idle.size() >= PER_SIZE) return false;
        r.lost = false;
        idle.add(r);
        return true;
    }

    /** Keeps a restored segment; false when there is no room. */
    boolean keep(FileSegment s) {
        if (!wants(s.pages)) return false;
        ArrayDeque<FileSegment> idle = segments.computeIfAbsent(s.pages, k -> new ArrayDeque<>());
        if (idle.size() >= PER_SIZE) return false;
        idle.add(s);
        return true;
    }

    /**
     * Lets go the regions kept in helpers that have ended (their mappings went with them; the kit's
     * are unmapped here).
     */
    void dropGone() {
        for (Iterator<Map.Entry<Key, ArrayDeque<Region>>> i = regions.entrySet().iterator();
                i.hasNext(); ) {
            Map.Entry<Key, ArrayDeque<Region>> e = i.next();
            if (e.getKey().home() instanceof HelperClient h && !h.alive()) {
                for (Region r : e.getValue()) r.release(c);
                i.remove();
            }
        }
    }

    /** How many objects were taken from the pool so far (for tests). */
    long taken() {
        return taken;
    }

    /** How many objects are idle (for tests). */
    int idle() {
        int n = 0;
        for (ArrayDeque<Region> q : regions.values()) n += q.size();
        for (ArrayDeque<FileSegment> q : segments.values()) n += q.size();
        return n;
    }

    /** Lets everything go. */
    void close() {
        for (ArrayDeque<Region> q : regions.values()) for (Region r : q) r.release(c);
        for (ArrayDeque<FileSegment> q : segments.values()) for (FileSegment s : q) s.release(c);
        regions.clear();
        segments.clear();
    }
}
