package xmemck.oracle;

import java.util.List;

/**
 * What a call that did not conform left in one observed object, as a strip of pages of 64-byte
 * lines: the data of the failure picture that reports draw. Built by the judge while the model
 * still shows memory as it was before the call; runs of identical pages are one row, and rows far
 * from every difference are cut to a gap row.
 *
 * @param object the object's name
 * @param description "region u", "file segment s1"
 * @param pages the object's size in pages (its guard pages are pages -1 and {@code pages})
 * @param destinations the byte ranges the call may write in this object (offsets from its start),
 *     in order
 * @param rows the strip, from the guard page before the object to the one after it
 * @param returned the returned value, with its symbolic name
 * @param allowed the allowed outcomes, in words
 * @param differences the first differing offset of each finding about this object, in order
 */
public record Picture(
        String object,
        String description,
        long pages,
        List<Range> destinations,
        List<Row> rows,
        String returned,
        String allowed,
        List<Long> differences) {

    /** Bytes per line: a page is {@value} lines. */
    public static final int LINE = 64;

    public static final int LINES_PER_PAGE = MemObject.PAGE / LINE;

    public Picture {
        destinations = List.copyOf(destinations);
        rows = List.copyOf(rows);
        differences = List.copyOf(differences);
    }

    /** Bytes {@code from} (inclusive) to {@code to} (exclusive). */
    public record Range(long from, long to) {}

    /**
     * What one 64-byte line holds, by the worst byte in it; each has a one-letter code for compact
     * storage.
     */
    public enum Line {
        /**
         * Every byte as it was before the call (outside a destination, or a destination byte not
         * written).
         */
        OLD('o'),
        /** Every byte the call changed holds the new data for its position. */
        NEW('n'),
        /** Some bytes new for their position, others old. */
        MIXED('m'),
        /**
         * A destination byte that holds neither its old value nor the source's byte for its
         * position.
         */
        FOREIGN('f'),
        /** A byte outside every destination changed (the source included). */
        OUTSIDE('x'),
        /** The page could not be read. */
        UNREADABLE('u');

        public final char code;

        Line(char code) {
            this.code = code;
        }

        public static Line of(char code) {
            for (Line l : values()) if (l.code == code) return l;
            throw new IllegalArgumentException("no line code '" + code + "'");
        }
    }

    /** Where a row lies. */
    public enum Place {
        GUARD_BEFORE,
        PAGES,
        GUARD_AFTER,
        GAP
    }

    /**
     * Pages {@code firstPage} to {@code lastPage}, all with the same lines.
     *
     * @param unstorable true when the model says the call cannot store into these pages (a failure
     *     stops there)
     * @param lines {@link #LINES_PER_PAGE} line codes (see {@link Line}); empty for a gap
     */
    public record Row(
            Place place, long firstPage, long lastPage, boolean unstorable, String lines) {
        public Line line(int i) {
            return Line.of(lines.charAt(i));
        }

        public long pageCount() {
            return lastPage - firstPage + 1;
        }
    }
}
