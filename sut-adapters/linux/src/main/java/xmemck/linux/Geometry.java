package xmemck.linux;

import xmemck.ops.Layout;

/** Where the adapter puts things in a Linux address space. */
final class Geometry {
    static final int PAGE = Layout.PAGE_SIZE;
    static final long GUARD = Layout.GUARD_BYTES;

    /**
     * No-access pages around each object's guard pages, so that a copy running past a guard page
     * faults there instead of reaching memory the JVM uses.
     */
    static final long FENCE = PAGE;

    /**
     * A "kernel address": the start of the kernel half of the x86_64 address space, above the user
     * address limit (TASK_SIZE_MAX = 0x00007ffffffff000). Every user-copy routine rejects it before
     * touching memory.
     */
    static final long KERNEL_ADDRESS = 0xffff_8000_0000_0000L;

    /**
     * An "unmapped address": 16 TiB, far below where Linux puts mmap areas (near 128 TiB) and above
     * the Java heap (which the JVM keeps under 32 GiB for compressed pointers). Checked before each
     * use.
     */
    static final long UNMAPPED_ADDRESS = 0x0000_1000_0000_0000L;

    private Geometry() {}

    static long roundUp(long n) {
        return (n + PAGE - 1) & -PAGE;
    }
}
