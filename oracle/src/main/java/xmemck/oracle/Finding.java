package xmemck.oracle;

/**
 * One way an observed outcome departs from the allowed set: the clause it breaks, what kind of
 * departure it is, a readable message, and (for departures in memory) which bytes. Reports, bundles
 * and tests read the clause and kind from here; nothing parses the message.
 *
 * @param clause the id of the clause the departure breaks
 * @param kind what departed
 * @param message a readable description of the observed return and effect, with a diff where bytes
 *     differ
 * @param bytes the bytes that differ, or null when the departure is not about bytes
 * @param also when the call departed from an allowed outcome that several clauses define together
 *     (a failure that one clause names and another turns into the ioctl's EFAULT): the others,
 *     which it breaks too
 */
public record Finding(
        String clause, Kind kind, String message, Bytes bytes, java.util.List<String> also) {

    /** What departed from the allowed outcome. */
    public enum Kind {
        /** The call returned a value no allowed outcome has. */
        RETURN_VALUE,
        /** Bytes outside every destination changed (or a hole became readable memory). */
        WRITE_OUTSIDE,
        /** The source of the copy changed. */
        SOURCE_CHANGED,
        /**
         * Destination bytes hold neither their old value nor the byte the copy would have put
         * there.
         */
        FOREIGN_DATA,
        /** A call that reported success does not hold all the data it promised. */
        INCOMPLETE,
        /**
         * A failed call changed bytes it could not have stored, or bytes it had to leave untouched.
         */
        FAILURE_EFFECT,
        /** A page's protection is not an allowed one. */
        PROTECTION,
        /**
         * An observation did not answer what was asked (a protocol breach, not a memory departure).
         */
        OBSERVATION;

        /** "return value", "write outside", ...: for reports. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * The bytes of one object that differ: offsets relative to its start (negative in the guard
     * page before it).
     *
     * @param object the object's name
     * @param first the first offset that differs
     * @param last the last offset that differs
     * @param count how many bytes differ
     */
    public record Bytes(String object, long first, long last, long count) {}

    /** A finding that is not about particular bytes. */
    public Finding(String clause, Kind kind, String message) {
        this(clause, kind, message, null, java.util.List.of());
    }

    /** A finding about bytes that breaks one clause. */
    public Finding(String clause, Kind kind, String message, Bytes bytes) {
        this(clause, kind, message, bytes, java.util.List.of());
    }

    /**
     * The finding that the call departed from alternative {@code a}: it breaks every clause that
     * defines it.
     */
    static Finding against(Alternative a, Kind kind, String message, Bytes bytes) {
        return new Finding(
                a.clauses().getFirst(),
                kind,
                message,
                bytes,
                a.clauses().subList(1, a.clauses().size()));
    }

    public Finding {
        java.util.Objects.requireNonNull(clause, "clause");
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(message, "message");
        also = also == null ? java.util.List.of() : java.util.List.copyOf(also);
    }

    /** Every clause this finding breaks: {@link #clause} first. */
    public java.util.List<String> breaks() {
        if (also.isEmpty()) return java.util.List.of(clause);
        java.util.List<String> all = new java.util.ArrayList<>(also.size() + 1);
        all.add(clause);
        for (String c : also) if (!all.contains(c)) all.add(c);
        return all;
    }

    @Override
    public String toString() {
        return clause + ": " + message;
    }
}
