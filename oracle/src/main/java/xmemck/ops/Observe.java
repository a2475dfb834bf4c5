package xmemck.ops;

/** Operations that read the world back, with the kit's own (privileged) view of memory. */
public sealed interface Observe extends Op {

    /**
     * The bytes of {@code object} in {@code [from, from + length)}; offsets may reach into the guard pages.
     * {@link #whole} covers the object and both guard pages.
     */
    record Bytes(String object, long from, long length) implements Observe {
        public Bytes {
            Names.check("object", object);
            if (length < 0) throw new IllegalArgumentException("observe length must be >= 0, got " + length);
        }
        public static Bytes whole(String object, long objectSize) {
            return new Bytes(object, -Layout.GUARD_BYTES, objectSize + 2 * Layout.GUARD_BYTES);
        }
        public String describe() { return "observe " + object + "[" + from + ", " + (from + length) + ")"; }
    }

    /** The protection of one page of an object (a region or a file page). */
    record Protection(String object, long page) implements Observe {
        public Protection { Names.check("object", object); }
        public String describe() { return "observe the protection of page " + page + " of " + object; }
    }
}
