package xmemck.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What an implementation answers to one {@link Op}. */
public sealed interface Result {

    /** A setup op was carried out. */
    record Done() implements Result {}

    /**
     * A call returned {@code value}. {@code notes} are implementation-defined observations the
     * adapter wants recorded (for example the raw native result behind the translated value); they
     * are never judged.
     */
    record Returned(long value, Map<String, String> notes) implements Result {
        public Returned {
            notes = Map.copyOf(notes);
        }

        public Returned(long value) {
            this(value, Map.of());
        }
    }

    /**
     * Bytes observed from {@code object} starting at {@code from}. Pages the observer cannot read
     * (unmapped, or otherwise inaccessible even to the kit) are listed in {@code unreadablePages}
     * (page numbers relative to the object, -1 being the guard page before it) and their bytes are
     * zero.
     */
    record Bytes(String object, long from, byte[] data, List<Long> unreadablePages)
            implements Result {
        public Bytes {
            unreadablePages = List.copyOf(unreadablePages);
        }

        public Bytes(String object, long from, byte[] data) {
            this(object, from, data, List.of());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b
                    && b.object.equals(object)
                    && b.from == from
                    && Arrays.equals(b.data, data)
                    && b.unreadablePages.equals(unreadablePages);
        }

        @Override
        public int hashCode() {
            return object.hashCode() * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Bytes["
                    + object
                    + " from "
                    + from
                    + ", "
                    + data.length
                    + " bytes, unreadable "
                    + unreadablePages
                    + "]";
        }
    }

    /**
     * The {@link PageDigest} of each page of {@code object} from {@code from} (one per page, in
     * order). Pages the observer cannot read are listed in {@code unreadablePages}, as for {@link
     * Bytes}; their digest is that of a zero page.
     */
    record Digest(String object, long from, long[] digests, List<Long> unreadablePages)
            implements Result {
        public Digest {
            digests = digests.clone();
            unreadablePages = List.copyOf(unreadablePages);
        }

        @Override
        public long[] digests() {
            return digests.clone();
        }

        public long digest(int index) {
            return digests[index];
        }

        public int pages() {
            return digests.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Digest d
                    && d.object.equals(object)
                    && d.from == from
                    && Arrays.equals(d.digests, digests)
                    && d.unreadablePages.equals(unreadablePages);
        }

        @Override
        public int hashCode() {
            return object.hashCode() * 31 + Arrays.hashCode(digests);
        }

        @Override
        public String toString() {
            return "Digest["
                    + object
                    + " from "
                    + from
                    + ", "
                    + digests.length
                    + " pages, unreadable "
                    + unreadablePages
                    + "]";
        }
    }

    /** The observed protection of a page. */
    record Protection(Prot prot) implements Result {}

    /**
     * The adapter cannot perform this op (it cannot create the condition); {@code reason} says why.
     */
    record Unsupported(String reason) implements Result {}
}
