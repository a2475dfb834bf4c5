package com.example.xmem;

import java.util.Arrays;
import xmemck.ops.Fill;
import xmemck.ops.Layout;
import xmemck.ops.Prot;

/**
 * One region of memory in one address space (a user process's, or the kernel's), with one guard page on each side:
 * index 0 of the page arrays is the guard page before the region, index {@code pages + 1} the one after it. Object
 * offsets run from {@code -PAGE} (the first guard byte) to {@code size() + PAGE - 1} (the last).
 */
final class Region {
    static final int PAGE = Layout.PAGE_SIZE;

    final String name;
    /** A process name, or {@code "kernel"}. */
    final String space;
    final int pages;
    private final long seed;
    private final Prot[] prot;
    private final boolean[] hole;
    /** Each page's bytes; null while the page still holds its initial Fill pattern, so that a large region costs nothing until written. */
    private final byte[][] data;

    Region(String name, String space, int pages, Prot initial, long seed) {
        this.name = name;
        this.space = space;
        this.pages = pages;
        this.seed = seed;
        this.prot = new Prot[pages + 2];
        Arrays.fill(prot, initial);
        prot[0] = prot[pages + 1] = Prot.READ_WRITE;   // guard pages: ordinary memory the kit watches
        this.hole = new boolean[pages + 2];
        this.data = new byte[pages + 2][];
    }

    long size() { return (long) pages * PAGE; }

    /** The index of the page that holds object offset {@code offset}, or -1 outside the region and its guard pages. */
    int pageAt(long offset) {
        long i = Math.floorDiv(offset, PAGE) + 1;
        return i < 0 || i > pages + 1 ? -1 : (int) i;
    }

    /** Whether each of the {@code n} bytes from {@code offset} exists and may be accessed as {@code need} says. */
    boolean allows(long offset, long n, Prot need) {
        if (n == 0) return true;
        if (Long.compareUnsigned(n, size() + 2L * PAGE) > 0) return false;
        int first = pageAt(offset), last = pageAt(offset + n - 1);
        if (first < 0 || last < 0) return false;
        for (int i = first; i <= last; i++) {
            if (hole[i] || (need.writable() ? !prot[i].writable() : !prot[i].readable())) return false;
        }
        return true;
    }

    void protect(int firstPage, int count, Prot p) { Arrays.fill(prot, firstPage + 1, firstPage + 1 + count, p); }

    void unmap(int firstPage, int count) {
        for (int i = firstPage + 1; i < firstPage + 1 + count; i++) {
            hole[i] = true;
            data[i] = null;
        }
    }

    /** The protection of page {@code page} (-1: the guard page before) as a caller sees it; a hole has none. */
    Prot protection(long page) {
        int i = (int) (page + 1);
        return hole[i] ? Prot.NONE : prot[i];
    }

    boolean isHole(int index) { return hole[index]; }

    /** Reads {@code n} bytes from {@code offset} whatever the protection (the kit's privileged view); holes read as zero. */
    void read(long offset, byte[] dst, int at, int n) {
        while (n > 0) {
            int i = pageAt(offset), in = (int) Math.floorMod(offset, PAGE), len = Math.min(n, PAGE - in);
            if (hole[i]) Arrays.fill(dst, at, at + len, (byte) 0);
            else if (data[i] == null) Fill.fill(seed, offset, dst, at, len);
            else System.arraycopy(data[i], in, dst, at, len);
            offset += len;
            at += len;
            n -= len;
        }
    }

    /** Stores {@code n} bytes at {@code offset}; the caller has checked that they may be stored. */
    void write(long offset, byte[] src, int at, int n) {
        while (n > 0) {
            int i = pageAt(offset), in = (int) Math.floorMod(offset, PAGE), len = Math.min(n, PAGE - in);
            if (data[i] == null) data[i] = Fill.bytes(seed, (long) (i - 1) * PAGE, PAGE);
            System.arraycopy(src, at, data[i], in, len);
            offset += len;
            at += len;
            n -= len;
        }
    }
}
