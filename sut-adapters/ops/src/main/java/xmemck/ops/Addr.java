package xmemck.ops;

/** A symbolic address. Each implementation maps it to an address of its own. */
public sealed interface Addr {

    String describe();

    /**
     * {@code offset} bytes from the start of object {@code object} (a region or file segment). The
     * offset may point into the guard pages ({@code -GUARD_BYTES <= offset < 0}, or past the end).
     * {@code adiVersion} is the ADI version carried in the pointer's high bits, or {@code -1} for
     * an untagged pointer (version 0).
     */
    record In(String object, long offset, int adiVersion) implements Addr {
        public In {
            Names.check("object", object);
            if (adiVersion < -1 || adiVersion > 15)
                throw new IllegalArgumentException(
                        "ADI version must be 0..15 or -1, got " + adiVersion);
        }

        public In(String object, long offset) {
            this(object, offset, -1);
        }

        public int pointerVersion() {
            return adiVersion < 0 ? 0 : adiVersion;
        }

        public In plus(long delta) {
            return new In(object, offset + delta, adiVersion);
        }

        public String describe() {
            return object
                    + "+"
                    + offset
                    + (adiVersion >= 0 ? " (ADI version " + adiVersion + ")" : "");
        }
    }

    /**
     * A named place outside every object, interpreted in the address space of the call's context.
     */
    record Special(Place place, long offset) implements Addr {
        public Special {
            if (place == null) throw new IllegalArgumentException("special place is required");
        }

        public String describe() {
            return place.word + (offset == 0 ? "" : "+" + offset);
        }
    }

    /** Named places that scenarios use for invalid addresses. */
    enum Place {
        /** Address 0. */
        NULL("null address"),
        /** A user address where nothing is mapped. */
        UNMAPPED("unmapped address"),
        /** An address in the kernel's part of the address space, above the user address limit. */
        KERNEL("kernel address"),
        /** The process's user block (u-area), which a copy to user space must never reach. */
        USER_BLOCK("user block");

        public final String word;

        Place(String word) {
            this.word = word;
        }

        public static Place fromWord(String word) {
            for (Place p : values())
                if (p.word.equals(word) || p.name().equalsIgnoreCase(word)) return p;
            throw new IllegalArgumentException(
                    "unknown special place \""
                            + word
                            + "\"; known: null address, unmapped address, kernel address, user block");
        }
    }

    static Addr in(String object, long offset) {
        return new In(object, offset);
    }

    static Addr special(Place place) {
        return new Special(place, 0);
    }
}
