package xmemck.linux;

import xmemck.ops.Addr;
import xmemck.ops.Names;

/**
 * The wording of the raw system-call notes. They name objects and processes symbolically, never by
 * real address or pid, so that the same call reads the same in every run and a recorded profile
 * does not drift.
 */
final class Notes {
    private Notes() {}

    /**
     * {@code u+100} for an object's byte, the place's word for a special address; {@code plus}
     * bytes further on.
     */
    static String where(Addr a, long plus) {
        return switch (a) {
            case Addr.In in -> in.object() + "+" + (in.offset() + plus);
            case Addr.Special s ->
                    s.place().word + (s.offset() + plus == 0 ? "" : "+" + (s.offset() + plus));
        };
    }

    /** "the helper of p", or "the kit" for kernel memory. */
    static String space(String space) {
        return space.equals(Names.KERNEL) ? "the kit" : "the helper of " + space;
    }
}
