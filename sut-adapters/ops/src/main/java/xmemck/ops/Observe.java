package xmemck.ops;

/** Operations that read the world back, with the kit's own (privileged) view of memory. */
public sealed interface Observe extends Op {

    /**
     * The bytes of {@code object} in {@code [from, from + length)}; offsets may reach into the
     * guard pages. {@link #whole} covers the object and both guard pages.
     */
    record Bytes(String object, long from, long length) implements Observe {
        public Bytes {
            Names.check("object", object);
            if (length < 0)
                throw new IllegalArgumentException("observe length must be >= 0, got " + length);
        }

        public static Bytes whole(String object, long objectSize) {
            return new Bytes(object, -Layout.GUARD_BYTES, objectSize + 2 * Layout.GUARD_BYTES);
        }

        public String describe() {
            return "observe " + object + "[" + from + ", " + (from + length) + ")";
        }
    }

    /**
     * One {@link PageDigest} per page of {@code object} in {@code [from, from + length)}, a whole
     * number of pages from a page boundary: what the kit asks for instead of the bytes of a large
     * object, fetching bytes only for the pages whose digest is none the oracle allows.
     */
    record Digest(String object, long from, long length) implements Observe {
        public Digest {
            Names.check("object", object);
            if (length < 0
                    || Math.floorMod(from, Layout.PAGE_SIZE) != 0
                    || length % Layout.PAGE_SIZE != 0) {
                throw new IllegalArgumentException(
                        "a digest covers whole pages: from and length must be multiples of "
                                + Layout.PAGE_SIZE
                                + ", got from "
                                + from
                                + ", length "
                                + length);
            }
        }

        public static Digest whole(String object, long objectSize) {
            return new Digest(object, -Layout.GUARD_BYTES, objectSize + 2 * Layout.GUARD_BYTES);
        }

        public String describe() {
            return "observe the page digests of "
                    + object
                    + "["
                    + from
                    + ", "
                    + (from + length)
                    + ")";
        }
    }

    /** The protection of one page of an object (a region or a file page). */
    record Protection(String object, long page) implements Observe {
        public Protection {
            Names.check("object", object);
        }

        public String describe() {
            return "observe the protection of page " + page + " of " + object;
        }
    }
}
